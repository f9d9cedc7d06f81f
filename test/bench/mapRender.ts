/**
 * Map: time to first render in headless Chromium, from navigation to the map's `idle` with
 * the sites drawn, at 50,000 and 500,000 sites beside the empty map, for the app as it is
 * (sites as server-clustered vector tiles) and, in the same run, for the app as it was (the
 * GeoJSON way: one `sites.map` answer clustered in the browser), built from GEOJSON_COMMIT.
 * Everything is real: generated sites are written into temporary SQLite databases through
 * the server's own row builder and repository, and real servers answer over loopback. Also
 * the bytes the first view takes: its tiles and summary beside the GeoJSON way's answer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { openDatabase, migrateToLatest } from '../../server/db/database';
import { repositories } from '../../server/repositories';
import { newSite } from '../../server/services/siteRows';
import type { StoredSite } from '../../server/domain/site';
import { DOMAINS } from '../../shared/taxonomy/domains';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';
import type { SiteInput } from '../../shared/schemas/site';
import buildWebApp from '../e2e/globalSetup';
import { openBrowser } from '../e2e/helpers/browser';
import { REPO_ROOT, tempDatabase } from '../e2e/helpers/server';
import { seededRandom, type BenchRow } from './types';

const COUNTS = [0, 50_000, 500_000] as const;
/** The last commit whose map drew sites the GeoJSON way (before sites came as tiles). */
export const GEOJSON_COMMIT = '20c9fc0d37cc66c4d9ba3ba68520a4794e92724a';
/** The most sites the GeoJSON way could ask for (`sites.map`'s limit). */
const GEOJSON_LIMIT = 100_000;
const NOW = '2026-01-01T00:00:00.000Z';

/**
 * `count` public sites spread over ~15 km around the demo's corner of the Atlantic, as
 * database rows: one in 25 at block precision (shown degraded), one in 50 a small parcel.
 */
export function generatedSiteRows(count: number, seed = 7): StoredSite[] {
  const random = seededRandom(seed);
  const rows: StoredSite[] = [];
  for (let i = 0; i < count; i++) {
    const domain = DOMAINS[i % DOMAINS.length];
    const types = FUNCTION_TYPES.filter((t) => t.domain === domain.id);
    const type = types[i % types.length];
    const lon = -35.1 + random() * 0.2;
    const lat = 41.94 + random() * 0.12;
    const geometry: SiteInput['geometry'] = i % 50 === 0
      ? { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.0004, lat], [lon + 0.0004, lat + 0.0003], [lon, lat + 0.0003], [lon, lat]]] }
      : { type: 'Point', coordinates: [lon, lat] };
    const input: SiteInput = {
      name: `${type.label} ${i}`, functionType: type.id, groupId: null, geometry,
      capacity: 20, capacityUnit: type.capacityUnit, openingHours: 'Mo-Fr 09:00-17:00', openedOn: '2025-01-01',
      description: 'A generated site for the map benchmark, with a sentence of description like a real one.', address: `${i} Generated Street`,
      visibility: 'public', precision: i % 25 === 0 ? 'block' : 'exact',
    };
    rows.push(newSite({ id: `bench-${i}`, input, domain: domain.id, areaCentre: null, now: NOW, userId: null }));
  }
  return rows;
}

/** A database file holding `count` generated sites and the seed taxonomy, ready to serve. */
async function databaseWith(count: number): Promise<{ db: string; cleanup: () => void }> {
  const temp = tempDatabase();
  const database = openDatabase(temp.db);
  try {
    await migrateToLatest(database.db);
    await repositories(database.db).taxonomy.seed();
    for (let i = 0; i < count; i += 50_000) await repositories(database.db).sites.insertMany(generatedSiteRows(Math.min(50_000, count - i), 7 + i).map((row, j) => ({ ...row, id: `bench-${i + j}` })));
  } finally {
    await database.close();
  }
  return temp;
}

/** The web app as it was at GEOJSON_COMMIT, built once into a temporary directory. */
function geojsonWebRoot(): string {
  const dir = join(tmpdir(), `kudzu-geojson-web-${GEOJSON_COMMIT.slice(0, 12)}`);
  const built = join(dir, 'dist', 'web');
  if (existsSync(join(built, 'index.html'))) return built;
  mkdirSync(dir, { recursive: true });
  execFileSync('bash', ['-c', `git archive ${GEOJSON_COMMIT} web shared server vite.config.ts tsconfig.json package.json | tar -x -C ${dir}`], { cwd: REPO_ROOT });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
  return built;
}

/** A server in a process of its own (away from the browser's driver) over a database file, serving a build of the web app. */
async function serve(db: string, webRoot: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/serveBuild.ts', db, webRoot], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /kudzu: open (http:\/\/[^\s/]+)\//.exec(output);
      if (match) done(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => fail(new Error(`the bench server exited (${code}):\n${output}`)));
  });
  return { url, child };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

type Way = 'tiles' | 'geojson';

export async function mapRenderBenchmarks(options: { repeats?: number } = {}): Promise<BenchRow[]> {
  const repeats = options.repeats ?? 3;
  buildWebApp();
  const oldWebRoot = geojsonWebRoot();
  const newWebRoot = join(REPO_ROOT, 'dist', 'web');
  const databases: { db: string; cleanup: () => void }[] = [];
  const servers = new Map<string, { url: string; child: ChildProcess }>();
  const session = await openBrowser();
  try {
    for (const count of COUNTS) {
      const made = await databaseWith(count);
      databases.push(made);
      servers.set(`tiles:${count}`, await serve(made.db, newWebRoot));
      servers.set(`geojson:${count}`, await serve(made.db, oldWebRoot));
    }

    /** What the page reports once it has drawn its first set of sites. */
    const expected = (way: Way, count: number) => (way === 'geojson' ? Math.min(count, GEOJSON_LIMIT) : count);

    /** Milliseconds since navigation when the map was idle with the sites drawn, and the bytes the sites took. */
    async function firstRender(way: Way, count: number): Promise<{ at: number; bytes: number }> {
      const page: Page = await session.context.newPage();
      const bodies: Promise<number>[] = [];
      page.on('response', (response) => {
        if (/\/tiles\/sites\/|\/trpc\/sites\.map/.test(response.url())) bodies.push(response.body().then((body) => body.length, () => 0));
      });
      try {
        await page.goto(servers.get(`${way}:${count}`)!.url, { waitUntil: 'commit', timeout: 120_000 });
        const handle = await page.waitForFunction((n) => {
          const renders = (window as unknown as { __kudzuRenders?: { count: number; at: number }[] }).__kudzuRenders ?? [];
          return renders.find((r) => r.count === n) ?? false;
        }, expected(way, count), { timeout: 180_000, polling: 50 });
        const { at } = (await handle.jsonValue()) as { at: number };
        return { at, bytes: (await Promise.all(bodies)).reduce((sum, n) => sum + n, 0) };
      } finally {
        await page.close();
      }
    }

    // Warm the browser's cache of each app's scripts, and each server's, as a returning visitor has.
    for (const count of COUNTS) for (const way of ['tiles', 'geojson'] as const) await firstRender(way, count);
    const samples = new Map<string, number[]>();
    const bytes = new Map<string, number>();
    for (let i = 0; i < repeats; i++) {
      for (const count of COUNTS) {
        for (const way of ['tiles', 'geojson'] as const) {
          const { at, bytes: taken } = await firstRender(way, count);
          samples.set(`${way}:${count}`, [...(samples.get(`${way}:${count}`) ?? []), at]);
          bytes.set(`${way}:${count}`, taken);
        }
      }
    }

    const m = (way: Way, count: number) => median(samples.get(`${way}:${count}`)!);
    const rows: BenchRow[] = [];
    for (const count of [50_000, 500_000]) {
      const label = count.toLocaleString('en');
      rows.push(
        {
          name: `map first render, ${label} sites as tiles: navigation → map idle with them drawn (median)`,
          value: m('tiles', count), unit: 'ms', budget: '≤ 1.3× the empty map', baseline: { name: 'the empty map', value: m('tiles', 0) },
        },
        {
          name: `map first render, ${label} sites as tiles (median)`,
          value: m('tiles', count), unit: 'ms',
          baseline: { name: `the GeoJSON way${count > GEOJSON_LIMIT ? ` (which draws only ${GEOJSON_LIMIT.toLocaleString('en')})` : ''}`, value: m('geojson', count) },
        },
      );
    }
    rows.push(
      { name: 'map first render, the empty map (median), tiles app', value: m('tiles', 0), unit: 'ms', baseline: { name: 'the GeoJSON app', value: m('geojson', 0) } },
      {
        name: 'bytes for the first view, 50,000 sites: its tiles and summary', value: bytes.get('tiles:50000')! / 1e3, unit: 'kB',
        baseline: { name: 'the GeoJSON way’s sites.map answer', value: bytes.get('geojson:50000')! / 1e3 },
      },
    );
    return rows;
  } finally {
    await session.close();
    await Promise.all([...servers.values()].map(({ child }) => new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => { child.kill('SIGKILL'); done(); }, 5000);
    })));
    for (const { cleanup } of databases) cleanup();
  }
}
