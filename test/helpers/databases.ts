/**
 * Fresh databases for tests: an in-memory SQLite, and a throwaway PostgreSQL database on
 * the local server. PostgreSQL tests skip with a reason when no server answers, unless
 * KUDZU_REQUIRE_POSTGRES=1 (CI), where an absent server is a failure.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, migrateToLatest, type KudzuDatabase } from '../../server/db/database';
import { repositories } from '../../server/repositories';

export type DatabaseKind = 'sqlite' | 'postgres';

export const POSTGRES_ADMIN_URL = process.env.KUDZU_TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
export const postgresRequired = process.env.KUDZU_REQUIRE_POSTGRES === '1';

let reachable: Promise<string | null> | null = null;

/** Null when PostgreSQL answers; otherwise the reason it cannot be used. */
export function postgresUnavailableReason(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (error) {
      return `no PostgreSQL server at ${POSTGRES_ADMIN_URL} (${error instanceof Error ? error.message : String(error)})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

export interface TestDatabase extends KudzuDatabase {
  kind: DatabaseKind;
  /** Close the connection and drop the database. */
  dispose(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A migrated, seeded, empty database of the given kind. */
export async function openTestDatabase(kind: DatabaseKind, options: { file?: string } = {}): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const database = openDatabase(options.file ?? ':memory:');
    await migrateToLatest(database.db);
    await repositories(database.db).taxonomy.seed();
    return { ...database, kind, dispose: () => database.close() };
  }
  const reason = await postgresUnavailableReason();
  if (reason) throw new Error(reason);
  const name = `kudzu_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  await migrateToLatest(database.db);
  await repositories(database.db).taxonomy.seed();
  return {
    ...database,
    kind,
    dispose: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * The database kinds a suite should run on. PostgreSQL is left out, with the reason
 * printed, only where no server answers and it is not required.
 */
export async function databaseKinds(): Promise<DatabaseKind[]> {
  const reason = await postgresUnavailableReason();
  if (!reason) return ['sqlite', 'postgres'];
  if (postgresRequired) throw new Error(`KUDZU_REQUIRE_POSTGRES=1 but ${reason}`);
  console.warn(`skipping the PostgreSQL tier: ${reason}`);
  return ['sqlite'];
}
