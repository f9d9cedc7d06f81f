import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, migrateToLatest } from '../db/database';
import { systemActor } from '../services/context';
import { createServices } from '../services';
import { DEFAULT_BASE_URL, EXPORT_AUDIENCES, EXPORT_FORMATS, type ExportAudience, type ExportFormat } from '../export/exportSites';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';
import type { CommandIo } from './io';

/**
 * `export --format geojson|csv|kml|hsds|murmurations --as public|member|steward [--base-url URL] --out <file>`:
 * a file for that audience only. `--base-url` is the instance's public address (Murmurations
 * names a group without a website by a page under it).
 */
export async function exportCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db', 'format', 'as', 'base-url', 'out'], 'export');
  if (args.positionals.length) throw new Error(`export takes no file name without --out (got ${args.positionals.join(', ')})`);
  const format = requiredOption(args, 'format');
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not “${format}”`);
  const as = requiredOption(args, 'as');
  if (!EXPORT_AUDIENCES.includes(as as ExportAudience)) throw new Error(`--as must be public, member or steward, not “${as}”`);
  const out = resolve(requiredOption(args, 'out'));
  const baseUrl = stringOption(args, 'base-url') ?? DEFAULT_BASE_URL;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new Error(`--base-url must be an http:// or https:// address, not “${baseUrl}”`);
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const file = await createServices(database.db).exports.sites(systemActor(), format as ExportFormat, as as ExportAudience, new URL(baseUrl).toString());
    // Write beside the target and rename, so a half-written file never takes its place.
    const partial = `${out}.partial-${process.pid}`;
    writeFileSync(partial, file.text);
    renameSync(partial, out);
    io.log(`kudzu: wrote ${file.count} site${file.count === 1 ? '' : 's'} for the ${as} audience to ${out}`);
  } finally {
    await database.close();
  }
}
