/**
 * Build the web app once per e2e run (the server serves dist/web), unless a build newer than
 * every web source file is already there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/server';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  const built = join(REPO_ROOT, 'dist', 'web', 'index.html');
  const sources = Math.max(newest(join(REPO_ROOT, 'web')), newest(join(REPO_ROOT, 'shared')));
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  execFileSync('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
