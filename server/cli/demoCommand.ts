import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { openDatabase, migrateToLatest } from '../db/database';
import { repositories } from '../repositories';
import { SettingsRepository } from '../repositories/settings.repository';
import { loadDemo } from '../demo/loadDemo';
import { parseArgs, rejectUnknown, stringOption } from './args';
import type { CommandIo } from './io';

/** The demo's label when the database holds the demo neighbourhood (and its accounts), else null. */
export async function demoLabelOf(db: Kysely<Database>): Promise<string | null> {
  const existing = await new SettingsRepository(db).get('demo');
  return existing ? (JSON.parse(existing) as { label: string }).label : null;
}

/** On an empty database, put the demo neighbourhood in; return its label if it is there. */
export async function ensureDemo(db: Kysely<Database>, io: CommandIo): Promise<string | null> {
  const repos = repositories(db);
  const settings = new SettingsRepository(db);
  const existing = await demoLabelOf(db);
  if (existing) return existing;
  if ((await repos.sites.count()) > 0 || (await repos.groups.count()) > 0) return null;
  const counts = await loadDemo(db, new Date());
  await (await import('../demo/demoAudits')).loadDemoAudits(db, new Date());
  io.log(`kudzu: empty database — loaded the fictional demo neighbourhood (${counts.sites} sites, ${counts.groups} groups, ${counts.links} links)`);
  const label = await settings.get('demo');
  return label ? (JSON.parse(label) as { label: string }).label : null;
}

export async function demoCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db'], 'demo');
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const repos = repositories(database.db);
    if ((await repos.sites.count()) > 0 || (await repos.groups.count()) > 0) {
      throw new Error(`the database ${database.location} already holds data; the demo goes only into an empty one`);
    }
    const counts = await loadDemo(database.db, new Date());
    await (await import('../demo/demoAudits')).loadDemoAudits(database.db, new Date());
    io.log(`kudzu: loaded the fictional demo neighbourhood into ${database.location}: ${counts.sites} sites, ${counts.groups} groups, ${counts.links} links, ${counts.areas} areas`);
  } finally {
    await database.close();
  }
}
