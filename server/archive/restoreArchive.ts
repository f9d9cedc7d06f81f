/**
 * Restore a `.kudzu` archive into an empty database, in one transaction: the stream is read
 * line by line through gunzip, rows are inserted in batches, and each table's checksum and
 * row count are checked when it ends. Anything wrong — truncation, a checksum that does not
 * match, a newer schema, a database that already holds a network — throws a KudzuError
 * naming the reason, and the transaction leaves the database as it was.
 */
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { KudzuError } from '../../shared/errors';
import { migrations } from '../migrations';
import { ARCHIVE_FORMAT_VERSION, SEEDED_TABLES, orderTables, type ArchiveHeader, type TableSummary } from './archiveFormat';
import { listTables, schemaVersionOf } from './writeArchive';

/** Rows × columns per INSERT stays well under SQLite's and PostgreSQL's parameter limits. */
const PARAMETERS_PER_INSERT = 20_000;

function refuse(reason: string): KudzuError {
  return new KudzuError('BAD_INPUT', `${reason}; nothing was restored`, { field: 'archive' });
}

export interface RestoreResult {
  schemaVersion: string;
  tables: Record<string, TableSummary>;
}

/** What restore will need of the target before anything is read: an empty database at the archive's schema. */
export async function checkRestoreTarget(db: Kysely<Database>, archiveVersion: string): Promise<void> {
  const known = Object.keys(migrations).sort();
  if (!known.includes(archiveVersion)) {
    const newest = known[known.length - 1];
    if (archiveVersion > newest) throw refuse(`the archive is from a newer schema (${archiveVersion}) than this Kudzu knows (up to ${newest}); upgrade Kudzu, then restore`);
    throw refuse(`the archive's schema version “${archiveVersion}” is not one this Kudzu knows`);
  }
  const current = await schemaVersionOf(db);
  if (current !== archiveVersion) throw refuse(`the database is at schema ${current || 'none'} but the archive at ${archiveVersion}; restore into a new, empty database`);
  for (const table of await listTables(db)) {
    if (SEEDED_TABLES.has(table.name)) continue;
    const row = await db.selectFrom(table.name as keyof Database).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
    if (Number(row?.count ?? 0) > 0) throw refuse(`the database is not empty (table ${table.name} has ${Number(row?.count)} row${Number(row?.count) === 1 ? '' : 's'}); restore into a new, empty database`);
  }
}

/** Read the header line only (to migrate the target to the archive's schema first). */
export async function readArchiveHeader(input: Readable): Promise<ArchiveHeader> {
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of lines) return parseHeader(line);
  } catch (error) {
    throw refuse(`the file is not a Kudzu archive (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    lines.close();
    input.destroy();
  }
  throw refuse('the archive is empty');
}

function parseHeader(line: string): ArchiveHeader {
  let header: ArchiveHeader;
  try {
    header = JSON.parse(line) as ArchiveHeader;
  } catch {
    throw refuse('the file is not a Kudzu archive (its first line is not JSON)');
  }
  if (header.kudzuArchive === undefined) throw refuse('the file is not a Kudzu archive (no kudzuArchive header)');
  if (header.kudzuArchive > ARCHIVE_FORMAT_VERSION) throw refuse(`the archive format ${header.kudzuArchive} is newer than this Kudzu reads (${ARCHIVE_FORMAT_VERSION})`);
  return header;
}

export async function restoreArchive(db: Kysely<Database>, input: Readable): Promise<RestoreResult> {
  const gunzip = createGunzip();
  let streamError: Error | null = null;
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  // A truncated gzip stream errors instead of ending: stop reading, and say so below.
  gunzip.on('error', (error) => { streamError = error; lines.close(); });
  // Take the iterator now: lines read while the transaction starts are buffered, not lost.
  const iterator = lines[Symbol.asyncIterator]();
  const pending = { [Symbol.asyncIterator]: () => iterator };
  const whole = createHash('sha256');
  const tables: Record<string, TableSummary> = {};
  let header: ArchiveHeader | null = null;
  let finished = false;

  try {
    await db.transaction().execute(async (trx) => {
      let table: { name: string; columns: string[]; hash: ReturnType<typeof createHash>; rows: number; batch: Record<string, unknown>[] } | null = null;
      const flush = async () => {
        if (table && table.batch.length) {
          await trx.insertInto(table.name as keyof Database).values(table.batch as never).execute();
          table.batch = [];
        }
      };
      let lineNumber = 0;
      for await (const line of pending) {
        lineNumber += 1;
        if (finished) throw refuse(`the archive goes on after its manifest (line ${lineNumber})`);
        if (!header) {
          header = parseHeader(line);
          await checkRestoreTarget(trx, header.schemaVersion);
          // The seed taxonomy a migration wrote is replaced by the archive's (children first).
          for (const name of [...orderTables([...SEEDED_TABLES])].reverse()) await trx.deleteFrom(name as keyof Database).execute();
          whole.update(`${line}\n`);
          continue;
        }
        if (line.startsWith('[')) {
          if (!table) throw refuse(`line ${lineNumber} is a row outside any table`);
          table.hash.update(`${line}\n`);
          whole.update(`${line}\n`);
          let values: unknown[];
          try {
            values = JSON.parse(line) as unknown[];
          } catch {
            throw refuse(`line ${lineNumber} (table ${table.name}) is not valid JSON`);
          }
          if (values.length !== table.columns.length) throw refuse(`line ${lineNumber} (table ${table.name}) has ${values.length} values for ${table.columns.length} columns`);
          table.batch.push(Object.fromEntries(table.columns.map((column, i) => [column, values[i]])));
          table.rows += 1;
          if (table.batch.length * table.columns.length >= PARAMETERS_PER_INSERT) await flush();
          continue;
        }
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw refuse(`line ${lineNumber} is not valid JSON`);
        }
        if (typeof record.table === 'string') {
          if (table) throw refuse(`table ${table.name} has no end before table ${record.table}`);
          const name = record.table;
          const target = (await listTables(trx)).find((t) => t.name === name);
          if (!target) throw refuse(`the archive holds a table “${name}” this database does not have`);
          const columns = record.columns as string[];
          const unknown = columns.filter((column) => !target.columns.includes(column));
          if (unknown.length) throw refuse(`table ${name} in the archive has columns this database does not: ${unknown.join(', ')}`);
          table = { name, columns, hash: createHash('sha256'), rows: 0, batch: [] };
          whole.update(`${line}\n`);
        } else if (typeof record.end === 'string') {
          if (!table || table.name !== record.end) throw refuse(`line ${lineNumber} ends table ${record.end}, which was not open`);
          await flush();
          const sha256 = table.hash.digest('hex');
          if (record.rows !== table.rows) throw refuse(`table ${table.name} should hold ${String(record.rows)} rows but the archive has ${table.rows}`);
          if (record.sha256 !== sha256) throw refuse(`the checksum of table ${table.name} does not match: the archive was changed or damaged`);
          tables[table.name] = { rows: table.rows, sha256 };
          table = null;
          whole.update(`${line}\n`);
        } else if (record.manifest) {
          if (table) throw refuse(`table ${table.name} has no end`);
          if (record.sha256 !== whole.digest('hex')) throw refuse('the checksum of the whole archive does not match: it was changed or damaged');
          const manifest = record.manifest as Record<string, TableSummary>;
          for (const [name, summary] of Object.entries(manifest)) {
            if (tables[name]?.sha256 !== summary.sha256) throw refuse(`the manifest and table ${name} disagree`);
          }
          finished = true;
        } else {
          throw refuse(`line ${lineNumber} is neither a row, a table, an end nor the manifest`);
        }
      }
      if (streamError) throw refuse(`the archive is truncated or not gzip (${(streamError as Error).message})`);
      if (!header) throw refuse('the archive is empty');
      if (!finished) throw refuse('the archive is truncated: it ends before its manifest');
    });
  } catch (error) {
    if (streamError && !(error instanceof KudzuError)) throw refuse(`the archive is truncated or not gzip (${(streamError as Error).message})`);
    if (error instanceof Error && /unexpected end of file|incorrect header check/i.test(error.message)) throw refuse(`the archive is truncated or not gzip (${error.message})`);
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
  return { schemaVersion: (header as ArchiveHeader | null)?.schemaVersion ?? '', tables };
}
