/**
 * The demo's accounts have published passwords: it loads only on the embedded default or
 * when asked with --demo, and never on a server listening beyond loopback.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/sharedData';
import { migrateToLatest, openDatabase } from '../../../server/db/database';
import { repositories } from '../../../server/repositories';
import { SettingsRepository } from '../../../server/repositories/settings.repository';
import { demoPlan } from '../../../server/cli/serveCommand';
import { databaseFileEachTest } from '../../helpers/perFile';

describe('whether serve loads the demo', () => {
  it('loads it on the embedded default database, on loopback', () => {
    expect(demoPlan({ databaseGiven: false, demo: false, noDemo: false, host: '127.0.0.1' })).toBe('load');
  });

  it('does not load it into a database named with --db or DATABASE_URL unless asked with --demo', () => {
    expect(demoPlan({ databaseGiven: true, demo: false, noDemo: false, host: '127.0.0.1' })).toBe('skip');
    expect(demoPlan({ databaseGiven: true, demo: true, noDemo: false, host: 'localhost' })).toBe('load');
  });

  it('never loads it when the server listens beyond loopback, and refuses --demo there in a sentence', () => {
    expect(demoPlan({ databaseGiven: false, demo: false, noDemo: false, host: '0.0.0.0' })).toBe('skip');
    expect(demoPlan({ databaseGiven: true, demo: false, noDemo: false, host: '192.168.1.20' })).toBe('skip');
    expect(() => demoPlan({ databaseGiven: true, demo: true, noDemo: false, host: '0.0.0.0' }))
      .toThrow('--demo is for a server on this machine only (its accounts have published passwords); it cannot be used with --host 0.0.0.0');
  });

  it('takes --no-demo as before', () => {
    expect(demoPlan({ databaseGiven: false, demo: false, noDemo: true, host: '127.0.0.1' })).toBe('skip');
  });
});

interface Served { child: ChildProcess; output: () => string; exit: Promise<number | null> }

function serve(args: string[]): Served {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve', '--port', '0', ...args], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', PORT: '' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exit };
}

async function untilListening(served: Served): Promise<void> {
  const started = Date.now();
  while (!/kudzu: open http/.test(served.output())) {
    if (served.child.exitCode !== null) throw new Error(`serve exited:\n${served.output()}`);
    if (Date.now() - started > 60_000) throw new Error(`serve did not start:\n${served.output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Its exit status; a server still running after `ms` (which should have refused) is stopped and counts as null. */
async function exitWithin(served: Served, ms: number): Promise<number | null> {
  const timer = setTimeout(() => served.child.kill('SIGKILL'), ms);
  const code = await served.exit;
  clearTimeout(timer);
  return code;
}

async function stop(served: Served): Promise<void> {
  if (served.child.exitCode === null) served.child.kill('SIGTERM');
  await served.exit;
}

/** Serve until it says where it listens, then stop it as a person would (SIGTERM). */
async function serveThenStop(args: string[]): Promise<void> {
  const served = serve(args);
  try {
    await untilListening(served);
  } finally {
    await stop(served);
  }
}

async function accountsAndSites(file: string): Promise<{ users: number; sites: number }> {
  const database = openDatabase(file);
  try {
    const users = await database.db.selectFrom('users').select('id').execute();
    return { users: users.length, sites: await repositories(database.db).sites.count() };
  } finally {
    await database.close();
  }
}

describe('serve, as a person runs it', () => {
  const temp = databaseFileEachTest('kudzu-serve-');

  it('serves an empty database named with --db empty: no demo accounts, no demo sites', async () => {
    await serveThenStop(['--db', temp.file]);
    expect(await accountsAndSites(temp.file)).toEqual({ users: 0, sites: 0 });
  }, 90_000);

  it('checkpoints on shutdown: a copy of the .sqlite file alone, taken after SIGTERM, holds what was written', async () => {
    await serveThenStop(['--db', temp.file]);
    const copy = join(temp.directory, 'copy.sqlite');
    copyFileSync(temp.file, copy);
    const database = openDatabase(copy);
    try {
      const functionTypes = await database.db.selectFrom('function_types').select('id').execute();
      expect(functionTypes.length).toBeGreaterThan(10);
    } finally {
      await database.close();
    }
  }, 90_000);

  it('refuses --demo with --host 0.0.0.0 in one line and exits 1, loading nothing', async () => {
    const served = serve(['--db', temp.file, '--host', '0.0.0.0', '--demo']);
    expect(await exitWithin(served, 30_000)).toBe(1);
    expect(served.output().trim().split('\n')).toEqual([
      'kudzu: --demo is for a server on this machine only (its accounts have published passwords); it cannot be used with --host 0.0.0.0',
    ]);
  }, 90_000);

  it('refuses to serve a database that holds the demo beyond loopback', async () => {
    const database = openDatabase(temp.file);
    await migrateToLatest(database.db);
    await new SettingsRepository(database.db).set('demo', JSON.stringify({ label: 'Kudzu Flats (fictional demo)' }));
    await database.close();
    const served = serve(['--db', temp.file, '--host', '0.0.0.0']);
    expect(await exitWithin(served, 30_000)).toBe(1);
    expect(served.output().trim().split('\n')).toEqual([
      'kudzu: this database holds the demo neighbourhood, whose accounts have published passwords; serve it on 127.0.0.1 only, or start a real network from an empty database',
    ]);
  }, 90_000);
});
