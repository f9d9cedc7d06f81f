/**
 * `archive` then `restore` gives an identical instance — every row of every table equal and
 * every published report byte-identical — from SQLite to PostgreSQL and back; and a bad
 * archive (truncated, changed, from a newer schema) or a non-empty target is refused with
 * the reason, leaving the target as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { writeArchive, listTables } from '../../../server/archive/writeArchive';
import { restoreArchive } from '../../../server/archive/restoreArchive';
import { ACCOUNTS_LEFT_OUT } from '../../../server/archive/archiveFormat';
import { createServices } from '../../../server/services';
import { loadDemo } from '../../../server/demo/loadDemo';
import type { Actor } from '../../../server/services/context';
import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/schema';
import { repositories } from '../../../server/repositories';
import { syntheticSites } from '../../bench/api';

const kinds = await databaseKinds();
const NOW = new Date('2026-11-29T09:00:00Z');
const other = kinds.includes('postgres') ? 'postgres' : 'sqlite';

async function archiveOf(db: Kysely<Database>, withAccounts = true): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeArchive(db, sink, { withAccounts, now: NOW });
  return Buffer.concat(chunks);
}

/** Every table, every row, sorted, as plain values. */
async function everything(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of await listTables(db)) {
    const rows = await db.selectFrom(table.name as keyof Database).selectAll().execute() as Record<string, unknown>[];
    out[table.name] = rows.map((row) => JSON.stringify(Object.keys(row).sort().map((key) => [key, row[key]]))).sort();
  }
  return out;
}

async function publishedReports(db: Kysely<Database>): Promise<string[]> {
  const services = createServices(db);
  const actor: Actor = { viewer: { userId: null, displayName: 'test', role: 'public' }, now: NOW };
  const audits = (await services.audits.list(actor)).filter((audit: { status: string }) => audit.status === 'published');
  expect(audits.length).toBeGreaterThan(0);
  const reports: string[] = [];
  for (const audit of audits) reports.push(JSON.stringify(await services.audits.report(actor, (audit as { id: string }).id)));
  return reports;
}

async function siteCount(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('sites').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`archiving the demo and restoring it: sqlite → ${other} → sqlite`, () => {
  let source: TestDatabase;
  let middle: TestDatabase;
  let back: TestDatabase;
  let original: Record<string, unknown[]>;

  beforeAll(async () => {
    source = await openTestDatabase('sqlite');
    await createServices(source.db).demo.load(NOW);
    original = await everything(source.db);
    middle = await openTestDatabase(other);
    back = await openTestDatabase('sqlite');
  }, 120_000);
  afterAll(async () => {
    await source?.dispose();
    await middle?.dispose();
    await back?.dispose();
  });

  it(`restores every row of every table into ${other}`, async () => {
    const result = await restoreArchive(middle.db, Readable.from(await archiveOf(source.db)));
    expect(result.tables.sites.rows).toBe(156);
    expect(await everything(middle.db)).toEqual(original);
  }, 120_000);

  it(`and from ${other} back into SQLite, with every published report byte-identical`, async () => {
    await restoreArchive(back.db, Readable.from(await archiveOf(middle.db)));
    expect(await everything(back.db)).toEqual(original);
    expect(await publishedReports(back.db)).toEqual(await publishedReports(source.db));
    expect(await publishedReports(middle.db)).toEqual(await publishedReports(source.db));
  }, 120_000);

  it('holds every table the database has', async () => {
    const text = gunzipSync(await archiveOf(source.db)).toString();
    for (const table of await listTables(source.db)) expect(text).toContain(`{"table":"${table.name}"`);
  });
});

describe.each(kinds)('what an archive keeps and refuses, on %s', (kind) => {
  let source: TestDatabase;
  let archive: Buffer;

  beforeAll(async () => {
    source = await openTestDatabase('sqlite');
    await loadDemo(source.db, NOW);
    archive = await archiveOf(source.db);
  }, 120_000);
  afterAll(() => source?.dispose());

  async function refused(bytes: Buffer, into?: TestDatabase): Promise<string> {
    const target = into ?? await openTestDatabase(kind);
    try {
      const before = await siteCount(target.db);
      const error = await restoreArchive(target.db, Readable.from(bytes)).then(() => null, (e: Error) => e);
      expect(error).not.toBeNull();
      expect(await siteCount(target.db)).toBe(before);
      return (error as Error).message;
    } finally {
      if (!into) await target.dispose();
    }
  }

  it('leaves password hashes, sessions and invitations out unless asked for accounts', async () => {
    const text = gunzipSync(await archiveOf(source.db, false)).toString();
    expect(text).not.toContain('scrypt$');
    expect(text).toContain(ACCOUNTS_LEFT_OUT);
    expect(text).not.toContain('{"table":"sessions"');
    expect(gunzipSync(archive).toString()).toContain('scrypt$');
  });

  it('refuses a truncated archive', async () => {
    await expect(refused(archive.subarray(0, Math.floor(archive.length / 2)))).resolves.toMatch(/the archive is truncated/);
  });

  it('refuses an archive whose rows were changed, naming the table', async () => {
    const changed = gzipSync(Buffer.from(gunzipSync(archive).toString().replace('Shingle Garden', 'Shingle Gardens')));
    await expect(refused(changed)).resolves.toMatch(/the checksum of table sites does not match/);
  });

  it('refuses an archive from a newer schema', async () => {
    const newer = gzipSync(Buffer.from(gunzipSync(archive).toString().replace(/"schemaVersion":"[^"]+"/, '"schemaVersion":"20991231T2359_future"')));
    await expect(refused(newer)).resolves.toMatch(/the archive is from a newer schema \(20991231T2359_future\)/);
  });

  it('refuses a database that already holds a network', async () => {
    const target = await openTestDatabase(kind);
    try {
      await loadDemo(target.db, NOW);
      await expect(refused(archive, target)).resolves.toMatch(/the database is not empty \(table \w+ has \d+ rows?\)/);
    } finally {
      await target.dispose();
    }
  }, 120_000);
});

describe.each(kinds)('archiving more rows than one page on %s', (kind) => {
  let source: TestDatabase;
  let target: TestDatabase;

  beforeAll(async () => {
    source = await openTestDatabase(kind);
    await repositories(source.db).taxonomy.seed();
    const sites = syntheticSites(4_500);
    for (let i = 0; i < sites.length; i += 500) await repositories(source.db).sites.insertMany(sites.slice(i, i + 500));
    target = await openTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    await source?.dispose();
    await target?.dispose();
  });

  it('writes every site once, in key order across the pages, and restores them all', async () => {
    const text = gunzipSync(await archiveOf(source.db)).toString();
    const lines = text.split('\n');
    const start = lines.findIndex((line) => line.startsWith('{"table":"sites"'));
    const columns = (JSON.parse(lines[start]) as { columns: string[] }).columns;
    const ids = lines.slice(start + 1, lines.findIndex((line) => line.startsWith('{"end":"sites"'))).map((line) => (JSON.parse(line) as unknown[])[columns.indexOf('id')] as string);
    expect(ids).toHaveLength(4_500);
    expect(new Set(ids).size).toBe(4_500);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await restoreArchive(target.db, Readable.from(gzipSync(Buffer.from(text))));
    expect(await siteCount(target.db)).toBe(4_500);
    expect(await everything(target.db)).toEqual(await everything(source.db));
  }, 120_000);
});
