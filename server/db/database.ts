import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database } from './schema';
import { migrations } from '../migrations';

export type Dialect = 'sqlite' | 'postgres';

export interface KudzuDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, for messages (a file path, or a URL without its password). */
  location: string;
  /**
   * SQLite: copy everything in the write-ahead log into the database file and empty the log,
   * so a copy of the `.sqlite` file alone holds every row (a no-op on PostgreSQL). Returns
   * false when a reader kept it from finishing (the next one catches up).
   */
  checkpoint(): Promise<boolean>;
  close(): Promise<void>;
}

/** How often `serve` checkpoints SQLite's write-ahead log. */
export const CHECKPOINT_INTERVAL_MS = 60_000;

/** Checkpoint now and then until stopped (the timer does not keep the process alive). */
export function checkpointEvery(database: KudzuDatabase, intervalMs: number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => { database.checkpoint().catch(onError); }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The embedded default: an SQLite file beside the checkout. */
export const DEFAULT_DATABASE_PATH = '.kudzu/kudzu.sqlite';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Open an SQLite file path (or ':memory:') or a postgres:// URL. */
export function openDatabase(target: string = process.env.DATABASE_URL || DEFAULT_DATABASE_PATH): KudzuDatabase {
  if (isPostgresUrl(target)) {
    // int8 (count(*)) arrives as text by default; our counts fit in a double.
    pg.types.setTypeParser(20, (value) => Number(value));
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    // An idle connection the server ends (a restart, an administrator, a dropped database) is an
    // 'error' on the pool; the pool has already let that connection go and opens a new one for the
    // next query, so it must not end the process as an unhandled error.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', location: target.replace(/:[^:@/]*@/, ':***@'), checkpoint: async () => true, close: () => db.destroy() };
  }
  const path = target === ':memory:' ? target : resolve(target);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const checkpoint = async (): Promise<boolean> => {
    if (!sqlite.open || path === ':memory:') return true;
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  };
  const close = async (): Promise<void> => {
    // A last checkpoint, so the file on disk is whole even if the log file is left behind.
    if (sqlite.open) await checkpoint().catch(() => false);
    await db.destroy();
  };
  return { db, dialect: 'sqlite', location: path, checkpoint, close };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Bring the schema to one named migration (a restore first matches its archive's schema). */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Bring the schema up to date. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
