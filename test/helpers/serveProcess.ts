/**
 * `kudzu serve` as a child process, for the suites and benchmarks that need a real server
 * process: one node process running tsx's loader (so a signal sent to it stops the server;
 * npx would not relay it), waited for until it prints `kudzu: open http://<host>:<port>/`,
 * which is how the caller learns the port when it asked for `--port 0`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ServeProcess {
  child: ChildProcess;
  /** The address it printed, without the trailing slash. */
  url: string;
  port: number;
  /** Everything it has written to stdout and stderr so far. */
  log: () => string;
}

/** `kudzu serve <args>`, its environment's DATABASE_URL and PORT emptied so only the arguments count. */
export async function spawnServe(args: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve', ...args], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', PORT: '' },
  });
  let output = '';
  const match = await new Promise<RegExpExecArray>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start within 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /kudzu: open (http:\/\/[^\s/]+:(\d+))\//.exec(output);
      if (found) {
        clearTimeout(timer);
        done(found);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { child, url: match[1], port: Number(match[2]), log: () => output };
}

export interface Served { child: ChildProcess; base: string; output: () => string }

/**
 * On a given database (a PostgreSQL URL or a SQLite file), for tests of what several server
 * processes on one database see of each other: where it listens once it says so.
 */
export async function serveProcess(database: string): Promise<Served> {
  const served = await spawnServe(['--port', '0', '--db', database]);
  return { child: served.child, base: served.url, output: served.log };
}
