import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';
import type { CommandIo } from './io';

/** `archive --out network.kudzu [--with-accounts]`: the whole instance in one file. */
export async function archiveCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv, new Set(['with-accounts']));
  rejectUnknown(args, ['db', 'out', 'with-accounts'], 'archive');
  if (args.positionals.length) throw new Error(`archive takes no file name without --out (got ${args.positionals.join(', ')})`);
  const out = resolve(requiredOption(args, 'out'));
  const database = openDatabase(stringOption(args, 'db'));
  const partial = `${out}.partial-${process.pid}`;
  try {
    await migrateToLatest(database.db);
    const output = createWriteStream(partial);
    const result = await createServices(database.db).archive.write(output, { withAccounts: args.options.has('with-accounts'), now: new Date() });
    if (!output.closed) await once(output, 'close');
    // Written beside the target and renamed, so a half-written archive never takes its place.
    renameSync(partial, out);
    const sites = result.tables.sites?.rows ?? 0;
    const rows = Object.values(result.tables).reduce((sum, table) => sum + table.rows, 0);
    io.log(`kudzu: archived ${Object.keys(result.tables).length} tables (${rows} rows, ${sites} sites; schema ${result.schemaVersion}${args.options.has('with-accounts') ? ', with accounts' : ', without account secrets'}) to ${out} (${statSync(out).size} bytes)`);
  } finally {
    rmSync(partial, { force: true });
    await database.close();
  }
}

/** `restore <network.kudzu> --db <empty database>`: the instance as it was archived. */
export async function restoreCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db'], 'restore');
  const [path, ...extra] = args.positionals;
  if (!path || extra.length) throw new Error('restore takes one archive: restore <network.kudzu> --db <empty database>');
  if (!existsSync(path)) throw new Error(`cannot read ${path}: no such file`);
  const database = openDatabase(requiredOption(args, 'db'));
  try {
    // A new database is brought to the archive's schema, filled, then migrated onwards.
    const result = await createServices(database.db).archive.restore(() => createReadStream(path));
    const { migrated } = result;
    const rows = Object.values(result.tables).reduce((sum, table) => sum + table.rows, 0);
    io.log(`kudzu: restored ${Object.keys(result.tables).length} tables (${rows} rows, ${result.tables.sites?.rows ?? 0} sites) from ${path} into ${database.location}${migrated.length ? `, then migrated ${migrated.join(', ')}` : ''}`);
  } finally {
    await database.close();
  }
}
