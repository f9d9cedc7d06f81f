import { readdirSync, statSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import { systemActor } from '../services/context';
import { functionTypeLabels } from '../../shared/taxonomy/functionTypeLabels';
import { IMPORT_SIZE_LIMIT, type ImportResult } from '../import/importSites';
import { parseTypeMap, type ImportOptionsInput } from '../../shared/import/importOptions';
import { describeIssue } from '../../shared/import/validationReport';
import { hsdsCsvTables } from '../../shared/import/hsdsCsvTables';
import { parseArgs, rejectUnknown, stringOption } from './args';
import type { CommandIo } from './io';

const FLAGS = new Set(['dry-run', 'skip-unmapped', 'skip-duplicates', 'confirm-far']);
const KNOWN = ['db', 'format', 'name-column', 'lat-column', 'lon-column', 'type-column', 'address-column', 'id-column', 'type-map', 'default-type',
  'visibility', 'precision', 'group', 'layer', 'tags', ...FLAGS];
const FORMATS = ['geojson', 'csv', 'json', 'kml', 'hsds', 'murmurations', 'osm'];
const SHOWN = 20;

/**
 * `import <file> [--dry-run] [--format geojson|csv|json] [column and type options] [--layer <name>]`:
 * the command line acts as the system steward (whoever holds the database holds the data).
 */
export async function importCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv, FLAGS);
  rejectUnknown(args, KNOWN, 'import');
  const [path, ...extra] = args.positionals;
  if (!path) throw new Error('import needs a file: import <file> [--dry-run] [--format geojson|csv|json]');
  if (extra.length) throw new Error(`import takes one file, not ${args.positionals.length} (${args.positionals.join(', ')})`);
  const options = optionsFrom(args);
  const file = isDirectory(path) ? hsdsTablesFile(path) : readImportFile(path);
  if (isDirectory(path)) options.format = 'hsds';

  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const services = createServices(database.db);
    await services.taxonomy.seed();
    const actor = systemActor();
    const dryRun = args.options.has('dry-run');
    const result = dryRun
      ? await services.imports.preview(actor, file, options)
      : await services.imports.commit(actor, file, options, { onWriteStart: (count) => io.log(`kudzu: writing ${count} ${options.layer ? 'features' : 'sites'} in one transaction…`) });
    printReport(result, functionTypeLabels((await services.taxonomy.get()).functionTypes), io);
    if (result.errorCount > 0) {
      throw new Error(`${file.name}: ${result.errorCount} problem${result.errorCount === 1 ? '' : 's'}, nothing written (first: ${describeIssue(result.errors[0])})`);
    }
    const what = result.layer ? 'features' : 'sites';
    const where = result.layer ? `the reference layer “${result.layer}” in ${database.location}` : database.location;
    io.log(dryRun
      ? `kudzu: dry run — ${result.valid} ${what} would be written to ${where}; nothing was written`
      : `kudzu: imported ${result.written} ${what} from ${file.name} into ${where}`);
  } finally {
    await database.close();
  }
}

function readImportFile(path: string): { name: string; bytes: Uint8Array } {
  const size = fileSize(path);
  if (size > IMPORT_SIZE_LIMIT) throw new Error(`${path} is ${Math.round(size / 1024 / 1024)} MB; the import limit is ${IMPORT_SIZE_LIMIT / 1024 / 1024} MB; nothing was written`);
  return { name: basename(path), bytes: readFileSync(path) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A folder of Open Referral HSDS CSV tables, read as the app reads the same tables chosen together. */
function hsdsTablesFile(path: string): { name: string; bytes: Uint8Array } {
  const files = readdirSync(path).filter((name) => name.endsWith('.csv')).map((name) => ({ name, text: readFileSync(join(path, name), 'utf8') }));
  try {
    const tables = hsdsCsvTables(files, basename(path));
    return { name: tables.name, bytes: Buffer.from(tables.text) };
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}; nothing was written`, { cause: error });
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    throw new Error(`cannot read ${path}: no such file`);
  }
}

function optionsFrom(args: ReturnType<typeof parseArgs>): ImportOptionsInput {
  const format = stringOption(args, 'format');
  if (format !== undefined && !FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}, not “${format}”`);
  const visibility = stringOption(args, 'visibility');
  if (visibility !== undefined && !['public', 'members', 'stewards'].includes(visibility)) throw new Error(`--visibility must be public, members or stewards, not “${visibility}”`);
  const precision = stringOption(args, 'precision');
  if (precision !== undefined && !['exact', 'block', 'area', 'none'].includes(precision)) throw new Error(`--precision must be exact, block, area or none, not “${precision}”`);
  const typeMap = stringOption(args, 'type-map');
  return {
    format: format as ImportOptionsInput['format'],
    nameColumn: stringOption(args, 'name-column'),
    latColumn: stringOption(args, 'lat-column'),
    lonColumn: stringOption(args, 'lon-column'),
    typeColumn: stringOption(args, 'type-column'),
    addressColumn: stringOption(args, 'address-column'),
    idColumn: stringOption(args, 'id-column'),
    typeMap: typeMap ? parseTypeMap(typeMap) : {},
    defaultType: stringOption(args, 'default-type'),
    skipUnmapped: args.options.has('skip-unmapped'),
    skipDuplicates: args.options.has('skip-duplicates'),
    confirmFar: args.options.has('confirm-far'),
    visibility: visibility as ImportOptionsInput['visibility'],
    precision: precision as ImportOptionsInput['precision'],
    groupId: stringOption(args, 'group'),
    layer: stringOption(args, 'layer'),
    tags: stringOption(args, 'tags'),
  };
}

function printReport(result: ImportResult, typeLabel: (id: string) => string, io: CommandIo): void {
  const leftOut = result.skipped.length;
  io.log(`kudzu: ${result.fileName} (${result.format}): ${result.total} rows — ${result.valid} valid, ${leftOut} left out, ${result.errorCount} problem${result.errorCount === 1 ? '' : 's'}, ${result.duplicates.length} likely duplicate${result.duplicates.length === 1 ? '' : 's'}`);
  if (result.columns) {
    const used = Object.entries(result.columns).filter(([, column]) => column !== null).map(([role, column]) => `${role}=${column}`);
    io.log(`  columns: ${used.join(', ') || 'none'}`);
  }
  const types = Object.entries(result.typeCounts).map(([type, count]) => `${typeLabel(type)} ${count.toLocaleString('en-US')}`);
  if (types.length) io.log(`  kinds of site: ${types.join(', ')}`);
  for (const note of result.notes) io.log(`  note: ${note}`);
  for (const { reason, count } of result.skippedReasons) io.log(`  left out ${count}: ${reason}`);
  if (result.errorCount) {
    io.log(`  problems${result.errorCount > SHOWN ? ` (first ${SHOWN} of ${result.errorCount})` : ''}:`);
    for (const issue of result.errors.slice(0, SHOWN)) io.log(`    ${describeIssue(issue)}`);
  }
  if (result.duplicates.length) {
    io.log(`  likely duplicates${result.duplicates.length > SHOWN ? ` (first ${SHOWN} of ${result.duplicates.length})` : ''}:`);
    for (const d of result.duplicates.slice(0, SHOWN)) {
      const other = d.existingId ? `site ${d.existingId} “${d.existingName}” already on the map` : `row ${d.existingRow} “${d.existingName}”`;
      io.log(`    row ${d.row} “${d.name}” is ${d.distanceMetres} m from ${other}`);
    }
  }
  if (result.dryRun && result.preview.length) {
    io.log(`  preview (first ${Math.min(5, result.preview.length)}):`);
    for (const p of result.preview.slice(0, 5)) io.log(`    row ${p.row}: ${p.name} — ${typeLabel(p.functionType)} at ${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`);
  }
}
