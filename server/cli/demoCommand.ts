import { openDatabase, migrateToLatest } from '../db/database';
import type { Services } from '../services';
import { createServices } from '../services';
import { parseArgs, rejectUnknown, stringOption } from './args';
import type { CommandIo } from './io';

/** On an empty database, put the demo neighbourhood in; return its label if it is there. */
export async function ensureDemo(services: Services, io: CommandIo): Promise<string | null> {
  const existing = await services.demo.label();
  if (existing) return existing;
  if (await services.demo.holdsData()) return null;
  const counts = await services.demo.load(new Date());
  io.log(`kudzu: empty database — loaded the fictional demo neighbourhood (${counts.sites} sites, ${counts.groups} groups, ${counts.links} links)`);
  return services.demo.label();
}

export async function demoCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db'], 'demo');
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const services = createServices(database.db);
    if (await services.demo.holdsData()) {
      throw new Error(`the database ${database.location} already holds data; the demo goes only into an empty one`);
    }
    const counts = await services.demo.load(new Date());
    io.log(`kudzu: loaded the fictional demo neighbourhood into ${database.location}: ${counts.sites} sites, ${counts.groups} groups, ${counts.links} links, ${counts.areas} areas`);
  } finally {
    await database.close();
  }
}
