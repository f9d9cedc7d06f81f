/**
 * The import and export commands as a person runs them: a spawned process, its exit status
 * and its one-line reason, and a database checked by exporting before and after.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/sharedData';
import { openDatabase } from '../../../server/db/database';
import { repositories } from '../../../server/repositories';
import { databaseFileEachTest } from '../../helpers/perFile';

// `node --import tsx`, not the tsx wrapper: the wrapper runs the program in a child process,
// and a SIGKILL sent to the wrapper would leave that child writing.
const node = [process.execPath, '--import', 'tsx', 'server/main.ts'] as const;
const fixtures = join(repoRoot, 'test', 'fixtures', 'import');

interface Run { status: number | null; stdout: string; stderr: string }

function kudzu(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(node[0], [...node.slice(1), ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function siteCount(file: string): Promise<number> {
  const database = openDatabase(file);
  try {
    return await repositories(database.db).sites.count();
  } finally {
    await database.close();
  }
}

const temp = databaseFileEachTest('kudzu-cli-');

async function exportAll(name: string): Promise<string> {
  const out = join(temp.directory, name);
  const run = await kudzu(['export', '--format', 'geojson', '--as', 'steward', '--out', out, '--db', temp.file]);
  expect(run.status).toBe(0);
  return readFileSync(out, 'utf8');
}

describe('kudzu import and export', () => {
  it('names kinds of site in words and rounds coordinates in what it prints, never the ids or raw floats', async () => {
    const file = join(temp.directory, 'floats.csv');
    writeFileSync(file, 'name,latitude,longitude,type\nGlen Pantry,40.406040000000004,-79.93125000000001,food_pantry\nCorner Fridge,40.41,-79.94,community_fridge\n');
    const run = await kudzu(['import', file, '--db', temp.file, '--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('kinds of site: Food pantry 1, Community fridge 1');
    expect(run.stdout).toContain('row 1: Glen Pantry — Food pantry at 40.40604, -79.93125');
    expect(run.stdout).not.toMatch(/\b(food_pantry|community_fridge)\b/);
    expect(run.stdout).not.toMatch(/\d\.\d{6,}/);
  });

  it('imports a file, then exports it for the public with exit status 0', async () => {
    const imported = await kudzu(['import', join(fixtures, 'chosen-columns.csv'), '--name-column', 'Site Name', '--lat-column', 'Y', '--lon-column', 'X', '--type-column', 'What', '--db', temp.file]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('kudzu: imported 3 sites from chosen-columns.csv');
    const out = join(temp.directory, 'public.csv');
    const exported = await kudzu(['export', '--format', 'csv', '--as', 'public', '--out', out, '--db', temp.file]);
    expect(exported.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Tool Shed,tool_library');
  });

  it('a dry run prints the report and writes nothing', async () => {
    const run = await kudzu(['import', join(fixtures, 'fridges.json'), '--dry-run', '--default-type', 'community_fridge', '--db', temp.file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2 rows — 2 valid');
    expect(run.stdout).toContain('row 1: Block Fridge Collective — Community fridge');
    expect(await siteCount(temp.file)).toBe(0);
  });

  it.each([
    ['latitude-100.csv', [], 'row 3, latitude: latitude 100 is outside -90..90'],
    ['unknown-type.geojson', [], 'row 2, properties.functionType: unknown function type “space_elevator”'],
    ['unclosed-polygon.geojson', [], 'row 2, geometry.coordinates.0: the polygon ring does not close'],
    ['malformed.geojson', ['--format', 'geojson'], 'file: the file is not valid GeoJSON'],
  ])('refuses %s with one line naming the row and field, leaving the database as it was', async (name, extra, reason) => {
    expect((await kudzu(['import', join(fixtures, 'fridges.json'), '--default-type', 'community_fridge', '--db', temp.file])).status).toBe(0);
    const before = await exportAll('before.geojson');
    const run = await kudzu(['import', join(fixtures, name), ...extra, '--db', temp.file]);
    expect(run.status).not.toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('kudzu:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(reason);
    expect(lines[0]).toContain('nothing written');
    expect(await exportAll('after.geojson')).toBe(before);
  });

  it('refuses a CSV whose header has a column twice, naming it in one line of stderr and nothing else', async () => {
    const run = await kudzu(['import', join(fixtures, 'duplicate-column.csv'), '--default-type', 'food_pantry', '--db', temp.file]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('header: the column “name” appears twice in the header (columns 1 and 4); give each column its own name');
    expect(await siteCount(temp.file)).toBe(0);
  });

  it('refuses a file over 25 MB before reading it', async () => {
    const big = join(temp.directory, 'big.csv');
    writeFileSync(big, Buffer.alloc(26 * 1024 * 1024, 0x20));
    const run = await kudzu(['import', big, '--db', temp.file]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kudzu: .*big\.csv is 26 MB; the import limit is 25 MB; nothing was written$/);
  });

  it('names Murmurations profiles under --base-url, and refuses a base URL that is no web address', async () => {
    expect((await kudzu(['import', join(fixtures, 'chosen-columns.csv'), '--name-column', 'Site Name', '--lat-column', 'Y', '--lon-column', 'X', '--type-column', 'What', '--db', temp.file])).status).toBe(0);
    const out = join(temp.directory, 'public.murmurations.json');
    expect((await kudzu(['export', '--format', 'murmurations', '--as', 'public', '--base-url', 'https://network.example.org/kudzu', '--out', out, '--db', temp.file])).status).toBe(0);
    const profiles = JSON.parse(readFileSync(out, 'utf8')) as { primary_url: string; unique_id: string }[];
    expect(profiles.length).toBe(3);
    for (const profile of profiles) expect(profile.primary_url).toBe(`https://network.example.org/kudzu/murmurations/sites/${profile.unique_id}`);
    const bad = await kudzu(['export', '--format', 'murmurations', '--as', 'public', '--base-url', 'network.example.org', '--out', out, '--db', temp.file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('kudzu: --base-url must be an http:// or https:// address, not “network.example.org”');
  });

  it('refuses an unknown audience and a missing --out with a one-line reason', async () => {
    const audience = await kudzu(['export', '--format', 'csv', '--as', 'everyone', '--out', join(temp.directory, 'x.csv'), '--db', temp.file]);
    expect(audience.status).toBe(1);
    expect(audience.stderr.trim()).toBe('kudzu: --as must be public, member or steward, not “everyone”');
    const out = await kudzu(['export', '--format', 'csv', '--as', 'public', '--db', temp.file]);
    expect(out.stderr.trim()).toBe('kudzu: --out is required');
  });

  it('holds all of a large import or none of it when the process is killed in the middle of the write', async () => {
    const rows = 50_000;
    const lines = ['name,latitude,longitude,type'];
    for (let i = 0; i < rows; i++) lines.push(`Generated fridge ${i},${(40 + (i % 1000) * 0.0005).toFixed(6)},${(-74 + Math.floor(i / 1000) * 0.0005).toFixed(6)},community_fridge`);
    const file = join(temp.directory, 'large.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const child = spawn(node[0], [...node.slice(1), 'import', file, '--db', temp.file], { cwd: repoRoot });
    const wal = `${temp.file}-wal`;
    const walSize = () => (existsSync(wal) ? statSync(wal).size : 0);
    let stdout = '';
    let walGrowth = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!stdout.includes('in one transaction') || walGrowth) return;
      // Kill once the write is visibly under way: the log has grown by rows of this transaction.
      const start = walSize();
      walGrowth = -1;
      const poll = setInterval(() => {
        if (walSize() - start > 512 * 1024) {
          walGrowth = walSize() - start;
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      }, 2);
      child.once('close', () => clearInterval(poll));
    });
    const signal = await exited;
    expect(stdout).not.toContain('kudzu: imported');
    expect(walGrowth).toBeGreaterThan(512 * 1024);
    expect(signal).toBe('SIGKILL');
    const count = await siteCount(temp.file);
    expect([0, rows]).toContain(count);
    // And the import can simply be run again.
    if (count === 0) {
      const again = await kudzu(['import', file, '--db', temp.file]);
      expect(again.status).toBe(0);
      expect(await siteCount(temp.file)).toBe(rows);
    }
  }, 120_000);
});
