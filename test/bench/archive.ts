/**
 * Archive and restore of an instance with 50,000 sites (the demo plus synthetic sites): the
 * time and peak memory of `kudzu archive`, of `kudzu restore` into a new SQLite file and
 * into a new PostgreSQL database, each run as its own process (peak memory is the process's
 * high-water mark, VmHWM), beside a plain `sqlite3 .dump` and `pg_dump` of the same data
 * measured in the same run.
 */
import { createServices } from '../../server/services';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase, migrateToLatest } from '../../server/db/database';
import { repositories } from '../../server/repositories';
import { syntheticSites } from './api';
import { POSTGRES_ADMIN_URL, postgresUnavailableReason } from '../helpers/databases';
import type { BenchRow } from './types';

const SYNTHETIC = 50_000 - 156;
const NOW = new Date('2026-11-29T09:00:00Z');
const ROOT = new URL('../..', import.meta.url).pathname;

interface Run { seconds: number; peakMiB: number }

/** Run a command, sampling its peak resident memory from /proc until it exits. */
function measure(command: string, args: string[], stdoutFile?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', out, 'pipe'] });
    let errors = '';
    let peakKiB = 0;
    child.stderr?.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
      } catch { /* the process has ended */ }
    };
    const timer = setInterval(sample, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      if (typeof out === 'number') closeSync(out);
      if (code !== 0) fail(new Error(`${command} ${args.join(' ')} exited ${code}: ${errors}`));
      else done({ seconds: (performance.now() - started) / 1000, peakMiB: peakKiB / 1024 });
    });
  });
}

const kudzu = (...args: string[]) => measure(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args]);

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}

export async function archiveBenchmarks(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kudzu-bench-archive-'));
  const source = join(dir, 'source.sqlite');
  const rows: BenchRow[] = [];
  const pgName = `kudzu_bench_archive_${process.pid}`;
  try {
    const database = openDatabase(source);
    await migrateToLatest(database.db);
    await repositories(database.db).taxonomy.seed();
    await createServices(database.db).demo.load(NOW);
    const synthetic = syntheticSites(SYNTHETIC);
    for (let i = 0; i < synthetic.length; i += 500) await repositories(database.db).sites.insertMany(synthetic.slice(i, i + 500));
    await database.close();
    console.log(`  source: ${source} with 50,000 sites (${Math.round(statSync(source).size / 1024 / 1024)} MB)`);

    const archive = join(dir, 'network.kudzu');
    const dump = await measure('sqlite3', [source, '.dump'], join(dir, 'dump.sql'));
    const archived = await kudzu('archive', '--out', archive, '--with-accounts', '--db', source);
    console.log(`  archive: ${(statSync(archive).size / 1024 / 1024).toFixed(1)} MB; sqlite3 .dump: ${(statSync(join(dir, 'dump.sql')).size / 1024 / 1024).toFixed(1)} MB`);
    rows.push({ name: 'archive 50,000 sites (SQLite), time', value: archived.seconds, unit: 's', baseline: { name: 'sqlite3 .dump', value: dump.seconds } });
    rows.push({ name: 'archive 50,000 sites (SQLite), peak memory', value: archived.peakMiB, unit: 'MiB', baseline: { name: 'sqlite3 .dump', value: dump.peakMiB } });

    const restoredSqlite = await kudzu('restore', archive, '--db', join(dir, 'restored.sqlite'));
    rows.push({ name: 'restore 50,000 sites into a new SQLite file, time', value: restoredSqlite.seconds, unit: 's', baseline: { name: 'sqlite3 .dump', value: dump.seconds } });
    rows.push({ name: 'restore 50,000 sites into a new SQLite file, peak memory', value: restoredSqlite.peakMiB, unit: 'MiB', baseline: { name: 'sqlite3 .dump', value: dump.peakMiB } });

    const reason = await postgresUnavailableReason();
    if (reason) {
      console.log(`  skipping PostgreSQL: ${reason}`);
    } else {
      await adminQuery(`create database ${pgName}`);
      const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${pgName}`);
      const restoredPg = await kudzu('restore', archive, '--db', url);
      const pgDump = await measure('pg_dump', ['--dbname', url], join(dir, 'pg_dump.sql'));
      const archivedPg = await kudzu('archive', '--out', join(dir, 'from-pg.kudzu'), '--with-accounts', '--db', url);
      rows.push({ name: 'restore 50,000 sites into PostgreSQL, time', value: restoredPg.seconds, unit: 's', baseline: { name: 'pg_dump', value: pgDump.seconds } });
      rows.push({ name: 'restore 50,000 sites into PostgreSQL, peak memory', value: restoredPg.peakMiB, unit: 'MiB', baseline: { name: 'pg_dump', value: pgDump.peakMiB } });
      rows.push({ name: 'archive 50,000 sites (PostgreSQL), time', value: archivedPg.seconds, unit: 's', baseline: { name: 'pg_dump', value: pgDump.seconds } });
      rows.push({ name: 'archive 50,000 sites (PostgreSQL), peak memory', value: archivedPg.peakMiB, unit: 'MiB', baseline: { name: 'pg_dump', value: pgDump.peakMiB } });
    }
    // What a Node process running Kudzu's command line costs before any work, for scale.
    const idle = await kudzu('help');
    rows.push({ name: 'kudzu help (the command line doing nothing), peak memory', value: idle.peakMiB, unit: 'MiB' });
  } finally {
    if (!(await postgresUnavailableReason())) await adminQuery(`drop database if exists ${pgName}`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
