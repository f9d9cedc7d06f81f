import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import type { Actor } from '../services/context';
import { parseBasemap } from '../http/basemap';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';
import type { CommandIo } from './io';

/**
 * `capsule --audit <id> | --latest [--area <id>] [--basemap file.pmtiles] --out <file.html>`:
 * a published audit as one self-contained HTML file that opens with no network and no server.
 * Public data only; a draft is refused.
 */
export async function capsuleCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv, new Set(['latest']));
  rejectUnknown(args, ['db', 'audit', 'latest', 'area', 'basemap', 'out'], 'capsule');
  if (args.positionals.length > 0) throw new Error(`capsule takes no positional arguments (got ${args.positionals.join(', ')}); name the audit with --audit <id> or --latest`);
  const auditOption = stringOption(args, 'audit');
  const latest = args.options.get('latest') === true || auditOption === 'latest';
  if (latest === (auditOption !== undefined && auditOption !== 'latest')) throw new Error('capsule needs --audit <id> or --latest (one of them)');
  const out = resolve(requiredOption(args, 'out'));
  const basemap = parseBasemap(stringOption(args, 'basemap') ?? process.env.KUDZU_BASEMAP);
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const services = createServices(database.db, { zine: { basemapFile: basemap.kind === 'pmtiles' ? basemap.file : undefined } });
    // A member may see a draft exists, so a draft is refused as unpublished rather than unknown.
    const actor: Actor = { viewer: { userId: null, displayName: 'kudzu command line', role: 'member' }, now: new Date() };
    const auditId = latest ? await services.audits.latestPublishedId(actor, stringOption(args, 'area')) : (auditOption as string);
    const file = await services.capsules.render(actor, auditId);
    const partial = `${out}.partial-${process.pid}`;
    writeFileSync(partial, file.html);
    renameSync(partial, out);
    io.log(`kudzu: wrote the time capsule of audit ${auditId} (${Math.round(Buffer.byteLength(file.html) / 1024).toLocaleString('en')} KB) to ${out}`);
  } finally {
    await database.close();
  }
}
