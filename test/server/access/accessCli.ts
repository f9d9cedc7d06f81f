/** What the `kudzu access` suites share: a folder for the files it writes, and a run that keeps its log. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { accessCommand } from '../../../server/cli/accessCommand';

/** A temporary folder for the block's output files; `out(name)` is a path in it. */
export function outputFolderPerFile(prefix: string): { out: (name: string) => string } {
  let folder = '';
  beforeAll(async () => { folder = await mkdtemp(join(tmpdir(), prefix)); });
  afterAll(async () => { await rm(folder, { recursive: true, force: true }); });
  return { out: (name) => join(folder, name) };
}

/** Run `kudzu access` with these arguments; the lines it logged. */
export async function runAccess(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await accessCommand(argv, { log: (line) => lines.push(line) });
  return lines;
}
