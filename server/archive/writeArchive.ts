/**
 * Write a whole instance to one `.kudzu` archive (see archiveFormat.ts), table by table,
 * a page of rows at a time, through gzip to the output stream: memory stays bounded
 * however many sites there are. Pages follow the key (`where id > last`), not an offset
 * the database would count past again for every page, and each page goes to gzip and the
 * checksums as one piece of text, not a line at a time.
 */
import { createHash } from 'node:crypto';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ACCOUNT_TABLES, ACCOUNTS_LEFT_OUT, ARCHIVE_FORMAT_VERSION, orderTables, type ArchiveHeader, type TableSummary } from './archiveFormat';

const PAGE = 2000;

export interface ArchiveOptions {
  withAccounts: boolean;
  now: Date;
}

export interface ArchiveResult {
  tables: Record<string, TableSummary>;
  schemaVersion: string;
}

/** The tables of the database, without Kysely's own bookkeeping. */
export async function listTables(db: Kysely<Database>): Promise<{ name: string; columns: string[] }[]> {
  const tables = await db.introspection.getTables();
  return tables.filter((table) => !table.name.startsWith('kysely_') && !table.isView)
    .map((table) => ({ name: table.name, columns: table.columns.map((column) => column.name) }));
}

/** The last migration the database has run; "" for a database never migrated. */
export async function schemaVersionOf(db: Kysely<Database>): Promise<string> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === 'kysely_migration')) return '';
  const row = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db);
  return row.rows[0]?.name ?? '';
}

export async function writeArchive(db: Kysely<Database>, output: Writable, options: ArchiveOptions): Promise<ArchiveResult> {
  const gzip = createGzip();
  const piped = gzip.pipe(output);
  const whole = createHash('sha256');
  const write = async (line: string) => {
    whole.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  const schemaVersion = await schemaVersionOf(db);
  const header: ArchiveHeader = { kudzuArchive: ARCHIVE_FORMAT_VERSION, schemaVersion, createdAt: options.now.toISOString(), withAccounts: options.withAccounts };
  await write(`${JSON.stringify(header)}\n`);
  const tables = await listTables(db);
  const byName = new Map(tables.map((table) => [table.name, table]));
  const manifest: Record<string, TableSummary> = {};
  for (const name of orderTables(tables.map((table) => table.name))) {
    if (ACCOUNT_TABLES.has(name) && !options.withAccounts) continue;
    const columns = [...(byName.get(name)?.columns ?? [])].sort();
    const key = columns.includes('id') ? 'id' : columns.includes('key') ? 'key' : columns[0];
    await write(`${JSON.stringify({ table: name, columns })}\n`);
    const hash = createHash('sha256');
    let rows = 0;
    // A primary key pages by itself; any other first column (not known unique) by offset.
    const unique = key === 'id' || key === 'key';
    let last: unknown = null;
    for (let offset = 0; ; offset += PAGE) {
      let query = db.selectFrom(name as keyof Database).selectAll().orderBy(sql.ref(key)).limit(PAGE);
      if (unique && last !== null) query = query.where(sql.ref(key), '>', last);
      if (!unique) query = query.offset(offset);
      const page = await query.execute() as Record<string, unknown>[];
      let lines = '';
      for (const row of page) {
        if (name === 'users' && !options.withAccounts) row.password_hash = ACCOUNTS_LEFT_OUT;
        lines += `${JSON.stringify(columns.map((column) => row[column] ?? null))}\n`;
      }
      if (lines !== '') {
        hash.update(lines);
        await write(lines);
      }
      rows += page.length;
      if (page.length < PAGE) break;
      last = page[page.length - 1][key];
    }
    manifest[name] = { rows, sha256: hash.digest('hex') };
    await write(`${JSON.stringify({ end: name, ...manifest[name] })}\n`);
  }
  gzip.end(`${JSON.stringify({ manifest, sha256: whole.digest('hex') })}\n`);
  await once(piped, 'finish');
  return { tables: manifest, schemaVersion };
}
