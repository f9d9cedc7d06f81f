/**
 * `kudzu serve` in a process of its own on a given database (a PostgreSQL URL or a SQLite
 * file), for tests of what several server processes on one database see of each other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './sharedData';

export interface Served { child: ChildProcess; base: string; output: () => string }

/** Starts the server and resolves with where it listens once it says so. */
export async function serveProcess(database: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve', '--port', '0', '--db', database], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', PORT: '' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const started = Date.now();
  let match: RegExpExecArray | null;
  while (!(match = /kudzu: open (http:\/\/[^/\s]+)\//.exec(output))) {
    if (child.exitCode !== null) throw new Error(`serve exited:\n${output}`);
    if (Date.now() - started > 90_000) throw new Error(`serve did not start:\n${output}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return { child, base: match[1], output: () => output };
}
