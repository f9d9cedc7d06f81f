/**
 * Start a real Kudzu server on a temporary SQLite file, as a child process, and stop it.
 * The server prints `kudzu: open http://127.0.0.1:<port>/`; with `--port 0` that is how the
 * test learns its port.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, spawnServe } from '../../helpers/serveProcess';

export { REPO_ROOT };

export interface RunningServer {
  url: string;
  db: string;
  log: () => string;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  basemap?: string;
  demo?: boolean;
  /** An existing database file to serve (e.g. one filled by `kudzu import`). */
  db?: string;
}

export function tempDatabase(): { db: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kudzu-e2e-'));
  return { db: join(dir, 'kudzu.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const temp = options.db ? null : tempDatabase();
  const db = options.db ?? temp!.db;
  const args = ['--db', db, '--port', '0'];
  if (options.basemap) args.push('--basemap', options.basemap);
  // A named database gets the demo only when asked for it.
  args.push(options.demo === false ? '--no-demo' : '--demo');
  const { child, url, log } = await spawnServe(args);
  return {
    url,
    db,
    log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      temp?.cleanup();
    },
  };
}

/** Run a `kudzu` command to completion (e.g. `import`), returning its output. */
export async function runKudzu(args: string[]): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number>((done) => child.once('exit', (c) => done(c ?? 1)));
  return { code, output };
}
