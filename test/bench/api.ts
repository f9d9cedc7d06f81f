/**
 * API benchmarks at 50,000 sites: the "sites in view" query (p95) on SQLite and on
 * PostgreSQL, each beside a naive baseline measured in the same run (every row fetched
 * and filtered in JavaScript), and the public export beside serialising the raw rows.
 * Then site tiles over HTTP on SQLite: a city view's tiles for one client (p95) and for 300
 * clients at once (p99), each beside `sites.map` — the GeoJSON way's one answer — under the
 * same load, and their bytes.
 */
import { performance } from 'node:perf_hooks';
import { createServices } from '../../server/services';
import { repositories } from '../../server/repositories';
import { newSite } from '../../server/services/siteRows';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';
import type { StoredSite } from '../../server/domain/site';
import type { Actor } from '../../server/services/context';
import type { SiteInput } from '../../shared/schemas/site';
import type { TestDatabase } from '../helpers/databases';
import { onEveryDatabase } from './onEveryDatabase';
import { percentile, seededRandom, type BenchRow } from './types';
import { spawn } from 'node:child_process';
import { openDatabase, migrateToLatest } from '../../server/db/database';
import { REPO_ROOT, tempDatabase } from '../e2e/helpers/server';

const SITE_COUNT = 50_000;
const QUERIES = 200;
const SF = { west: -122.515, south: 37.708, east: -122.357, north: 37.812 };
const NOW = new Date('2026-11-21T12:00:00Z');

export function syntheticSites(count: number, seed = 7): StoredSite[] {
  const random = seededRandom(seed);
  const rows: StoredSite[] = [];
  for (let i = 0; i < count; i++) {
    const type = FUNCTION_TYPES[Math.floor(random() * FUNCTION_TYPES.length)];
    const lon = SF.west + random() * (SF.east - SF.west);
    const lat = SF.south + random() * (SF.north - SF.south);
    const roll = random();
    const input: SiteInput = {
      name: `${type.label} ${i}`, functionType: type.id, groupId: null,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      capacity: Math.floor(random() * 200), capacityUnit: type.capacityUnit, openingHours: null, openedOn: '2024-01-01',
      description: '', address: null,
      visibility: roll < 0.85 ? 'public' : roll < 0.97 ? 'members' : 'stewards',
      precision: roll < 0.8 ? 'exact' : roll < 0.95 ? 'block' : 'area',
    };
    rows.push(newSite({ id: `bench-${i}`, input, domain: type.domain, areaCentre: null, now: NOW.toISOString(), userId: null }));
  }
  return rows;
}

/** A viewport about 1.4 km × 1.1 km — a neighbourhood at zoom 15. */
function viewports(count: number): [number, number, number, number][] {
  const random = seededRandom(11);
  const width = 0.016;
  const height = 0.01;
  return Array.from({ length: count }, () => {
    const west = SF.west + random() * (SF.east - SF.west - width);
    const south = SF.south + random() * (SF.north - SF.south - height);
    return [west, south, west + width, south + height];
  });
}

async function timeEach(boxes: [number, number, number, number][], run: (box: [number, number, number, number]) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (const box of boxes.slice(0, 10)) await run(box); // warm up
  for (const box of boxes) {
    const start = performance.now();
    await run(box);
    samples.push(performance.now() - start);
  }
  return samples;
}

async function benchDatabase(database: TestDatabase): Promise<BenchRow[]> {
  await repositories(database.db).sites.insertMany(syntheticSites(SITE_COUNT));
  const services = createServices(database.db);
  const publicActor: Actor = { viewer: { userId: null, displayName: null, role: 'public' }, now: NOW };
  const boxes = viewports(QUERIES);

  const indexed = await timeEach(boxes, (bbox) => services.sites.list(publicActor, { bbox, status: 'active', limit: 100_000 }));
  const naive = await timeEach(boxes.slice(0, 40), async ([w, s, e, n]) => {
    const all = await database.db.selectFrom('sites').selectAll().where('visibility', '=', 'public').execute();
    return all.filter((r) => r.shown_lon !== null && r.shown_lon >= w && r.shown_lon <= e && r.shown_lat! >= s && r.shown_lat! <= n);
  });

  const exportStart = performance.now();
  const everything = await services.sites.list(publicActor, { status: 'all', limit: 100_000 });
  const geojson = JSON.stringify({ type: 'FeatureCollection', features: everything.filter((s) => s.geometry).map((s) => ({ type: 'Feature', geometry: s.geometry, properties: { id: s.id, name: s.name, functionType: s.functionType } })) });
  const exportMs = performance.now() - exportStart;
  const rawStart = performance.now();
  JSON.stringify(await database.db.selectFrom('sites').selectAll().execute());
  const rawMs = performance.now() - rawStart;

  return [
    { name: `sites in view p95, ${database.kind}, ${SITE_COUNT.toLocaleString('en')} sites (public, ${QUERIES} viewports)`, value: percentile(indexed, 95), unit: 'ms', baseline: { name: 'fetch all + filter in JS, p95', value: percentile(naive, 95) }, budget: '< 30 ms' },
    { name: `sites in view p50, ${database.kind}`, value: percentile(indexed, 50), unit: 'ms', baseline: { name: 'fetch all + filter in JS, p50', value: percentile(naive, 50) } },
    { name: `public GeoJSON of all sites, ${database.kind} (${(geojson.length / 1e6).toFixed(1)} MB)`, value: exportMs, unit: 'ms', baseline: { name: 'raw rows to JSON, no privacy', value: rawMs } },
  ];
}

/** The tiles a 1440×900 screen shows of the whole city at zoom 12 (SF's bounds). */
function cityViewTiles(z = 12): string[] {
  const n = 2 ** z;
  const column = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const row = (lat: number) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  const tiles: string[] = [];
  for (let x = column(SF.west); x <= column(SF.east); x++) for (let y = row(SF.north); y <= row(SF.south); y++) tiles.push(`/tiles/sites/${z}/${x}/${y}.pbf`);
  return tiles;
}

/** One GET, timed to the last byte; returns [ms, bytes]. */
async function timedGet(url: string): Promise<[number, number]> {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return [performance.now() - start, body.byteLength];
}

const CLIENTS = 300;
const MAP_INPUT = encodeURIComponent(JSON.stringify({ status: 'active', limit: 100_000 }));

/**
 * Site tiles over HTTP, on SQLite with 50,000 sites, from a server in a process of its own
 * (test/bench/serveBuild.ts, no request budget); the load generator runs here, on the same
 * two cores, so figures under load are upper bounds.
 */
export async function tileBenchmarks(): Promise<BenchRow[]> {
  const temp = tempDatabase();
  const database = openDatabase(temp.db);
  await migrateToLatest(database.db);
  await repositories(database.db).taxonomy.seed();
  await repositories(database.db).sites.insertMany(syntheticSites(SITE_COUNT));
  await database.close();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/serveBuild.ts', temp.db, '/nonexistent'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const base = await new Promise<string>((done, fail) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /kudzu: open (http:\/\/[^\s/]+)\//.exec(output);
        if (match) done(match[1]);
      });
      child.once('exit', (code) => fail(new Error(`the bench server exited (${code}): ${output}`)));
    });
    const city = cityViewTiles();
    const deeper = [...city, ...cityViewTiles(13), ...cityViewTiles(14)];
    const mapUrl = `${base}/trpc/sites.map?input=${MAP_INPUT}`;

    // The first tile builds the drawing (read, present, cluster); everything after is cut from it.
    const [coldMs] = await timedGet(`${base}${city[0]}`);
    const one: number[] = [];
    for (let i = 0; i < 20; i++) for (const path of deeper.slice(0, 10)) one.push((await timedGet(`${base}${path}`))[0]);
    const oneMap: number[] = [];
    await timedGet(mapUrl);
    for (let i = 0; i < 10; i++) oneMap.push((await timedGet(mapUrl))[0]);

    // 300 clients at once, each fetching the city view's tiles as a browser does (all at once).
    const loaded = (await Promise.all(Array.from({ length: CLIENTS }, () => Promise.all(city.map((path) => timedGet(`${base}${path}`)))))).flat();
    const loadedMap = await Promise.all(Array.from({ length: CLIENTS }, () => timedGet(mapUrl)));
    const cityBytes = (await Promise.all(city.map((path) => timedGet(`${base}${path}`)))).reduce((sum, [, bytes]) => sum + bytes, 0);
    const [, mapBytes] = await timedGet(mapUrl);

    return [
      { name: `site tile p95, one client, city view (${city.length} tiles at z12) and deeper, sqlite, ${SITE_COUNT.toLocaleString('en')} sites`, value: percentile(one, 95), unit: 'ms', budget: '< 50 ms', baseline: { name: 'sites.map p95, one client', value: percentile(oneMap, 95) } },
      { name: `site tile p99, ${CLIENTS} clients at once, each the city view's ${city.length} tiles`, value: percentile(loaded.map(([ms]) => ms), 99), unit: 'ms', budget: '< 200 ms', baseline: { name: `sites.map p99, ${CLIENTS} clients at once`, value: percentile(loadedMap.map(([ms]) => ms), 99) } },
      { name: `site tile p50, ${CLIENTS} clients at once`, value: percentile(loaded.map(([ms]) => ms), 50), unit: 'ms', baseline: { name: `sites.map p50, ${CLIENTS} clients at once`, value: percentile(loadedMap.map(([ms]) => ms), 50) } },
      { name: 'site tiles, the first tile after start (builds the drawing: read, present, cluster)', value: coldMs, unit: 'ms', baseline: { name: 'sites.map p95, one client', value: percentile(oneMap, 95) } },
      { name: `bytes of the city view's tiles at ${SITE_COUNT.toLocaleString('en')} sites`, value: cityBytes / 1e6, unit: 'MB', baseline: { name: 'the sites.map answer', value: mapBytes / 1e6 } },
    ];
  } finally {
    child.kill('SIGTERM');
    temp.cleanup();
  }
}

export async function apiBenchmarks(): Promise<BenchRow[]> {
  return [...await tileBenchmarks(), ...await onEveryDatabase(benchDatabase)];
}
