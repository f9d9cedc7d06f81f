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
import { newSite, siteLocation } from '../../server/services/siteRows';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';
import type { StoredSite } from '../../server/domain/site';
import type { Actor } from '../../server/services/context';
import type { SiteInput } from '../../shared/schemas/site';
import type { TestDatabase } from '../helpers/databases';
import { onEveryDatabase } from './onEveryDatabase';
import { percentile, seededRandom, serverCpuSeconds, type BenchRow } from './types';
import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
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

/** One GET with fetch, timed to the last byte; returns [ms, bytes]. */
async function timedGet(url: string): Promise<[number, number]> {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return [performance.now() - start, body.byteLength];
}

/**
 * One GET over a client's own agent, timed to the last byte (before any inflating); returns
 * ms. A kept-alive socket the server closed just as it was reused is retried once on a new
 * one, as browsers do, and the retry counts in the latency.
 */
function timedRequest(url: string, agent: Agent, start = performance.now()): Promise<number> {
  return new Promise((resolve, reject) => {
    // Like a browser, the client accepts gzip.
    const request = get(url, { agent, headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (response) => {
      response.on('data', () => undefined);
      // A refusal under load (408 when the server did not get to the request in time, or a
      // reset connection, below) is counted as a failure, at the time it came.
      response.on('end', () => resolve(response.statusCode === 200 ? performance.now() - start : -(performance.now() - start)));
      response.on('error', (error) => reject(new Error(`${url}: ${error.message}`)));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (request.reusedSocket && error.code === 'ECONNRESET') resolve(timedRequest(url, agent, start));
      // A connection the server reset or dropped under load is a failure, counted like a 408.
      else if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || error.code === 'ECONNREFUSED') resolve(-(performance.now() - start));
      else reject(new Error(`${url}: ${error.message}`));
    });
  });
}

const CLIENTS = 300;
/** A browser opens at most six connections to one host and keeps them alive. */
const BROWSER_SOCKETS = 6;
const MAP_INPUT = encodeURIComponent(JSON.stringify({ status: 'active', limit: 100_000 }));

/** Latencies in ms of the answers that came (failures apart), and how many requests failed. */
interface Load { latencies: number[]; first: number[]; failed: number; perSecond: number; serverCpuPerRequest: number }

/**
 * CLIENTS clients at once. Each has its own keep-alive agent of `sockets` connections and
 * asks for a view's URLs, each connection one request at a time (timed from when it is
 * sent), waits for all of them, then asks for the next view over the same connections (the
 * city, then a zoom in). With one connection a client asks for one tile after another, as
 * the reads bench's clients do; with six it is a browser asking for a view's six tiles at
 * once, and 300 of them open 1,800 connections in the same instant. `first` holds the first
 * view's latencies.
 */
async function underLoad(server: BenchServer, views: string[][], sockets: number): Promise<Load> {
  const cpuBefore = await server.cpu();
  const latencies: number[] = [];
  const first: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: sockets });
    try {
      for (const [round, view] of views.entries()) {
        const queue = [...view];
        const answers: number[] = [];
        await Promise.all(Array.from({ length: sockets }, async () => {
          for (let path = queue.shift(); path !== undefined; path = queue.shift()) answers.push(await timedRequest(server.base + path, agent));
        }));
        const times = answers.filter((ms) => ms >= 0);
        failed += answers.length - times.length;
        latencies.push(...times);
        if (round === 0) first.push(...times);
      }
    } finally {
      agent.destroy();
    }
  }));
  const requests = CLIENTS * views.reduce((sum, view) => sum + view.length, 0);
  const perSecond = requests / ((performance.now() - started) / 1000);
  return { latencies, first, failed, perSecond, serverCpuPerRequest: (await server.cpu() - cpuBefore) / requests };
}

interface BenchServer { base: string; cpu: () => Promise<number>; stop: () => void }

/**
 * A bench server in a process of its own, with an IPC channel for its CPU time: Kudzu
 * (serveBuild.ts, by default) or the bare runtime (bareServer.ts).
 */
async function startBenchServer(script: string, args: string[]): Promise<BenchServer> {
  const profile = process.env.KUDZU_BENCH_PROFILE;
  const child = fork(script, args, {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
  });
  const base = await new Promise<string>((done, fail) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /kudzu: open (http:\/\/[^\s/]+)\//.exec(output);
      if (match) done(match[1]);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => fail(new Error(`the bench server exited (${code}): ${output}`)));
  });
  return {
    base,
    cpu: () => serverCpuSeconds(child),
    stop: () => child.kill('SIGTERM'),
  };
}

/** p99, p50, the first view's p99, throughput and server CPU per request, each beside a baseline's. */
function loadRows(name: string, measured: Load, baseline: { name: string; load: Load }, budget?: string): BenchRow[] {
  const failures = (load: Load) => (load.failed ? `; ${load.failed} refused, not counted` : '');
  name += failures(measured);
  baseline = { ...baseline, name: baseline.name + failures(baseline.load) };
  return [
    { name: `${name}, p99`, value: percentile(measured.latencies, 99), unit: 'ms', budget, baseline: { name: baseline.name, value: percentile(baseline.load.latencies, 99) } },
    { name: `${name}, p50`, value: percentile(measured.latencies, 50), unit: 'ms', baseline: { name: baseline.name, value: percentile(baseline.load.latencies, 50) } },
    { name: `${name}, first view only (new connections), p99`, value: percentile(measured.first, 99), unit: 'ms', baseline: { name: baseline.name, value: percentile(baseline.load.first, 99) } },
    { name: `${name}, throughput`, value: measured.perSecond, unit: 'req/s', higherIsBetter: true, baseline: { name: baseline.name, value: baseline.load.perSecond } },
    { name: `${name}, server CPU per request`, value: measured.serverCpuPerRequest, unit: 'ms', baseline: { name: baseline.name, value: baseline.load.serverCpuPerRequest } },
  ];
}

/** Time to the last byte of the first tile asked for after `change` was written by another connection. */
async function afterEdit(base: string, path: string, change: () => Promise<void>): Promise<number> {
  await change();
  return (await timedGet(`${base}${path}`))[0];
}

/**
 * Site tiles over HTTP, on SQLite with 50,000 sites, from a server in a process of its own
 * (test/bench/serveBuild.ts, no request budget); the load generator runs here, on the same
 * two cores, so figures under load are upper bounds, and each is printed beside the floor:
 * a trivial endpoint (`/api/config`, no database) asked by the same clients in the same way,
 * on the same server, just before.
 */
export async function tileBenchmarks(): Promise<BenchRow[]> {
  const temp = tempDatabase();
  const setup = openDatabase(temp.db);
  await migrateToLatest(setup.db);
  await repositories(setup.db).taxonomy.seed();
  const rows = syntheticSites(SITE_COUNT);
  await repositories(setup.db).sites.insertMany(rows);
  const server = await startBenchServer('test/bench/serveBuild.ts', [temp.db, '/nonexistent']);
  const { base } = server;
  try {
    const city = cityViewTiles();
    const zoomedIn = cityViewTiles(13).slice(0, city.length);
    const deeper = [...city, ...cityViewTiles(13), ...cityViewTiles(14)];
    const mapUrl = `/trpc/sites.map?input=${MAP_INPUT}`;

    // The first tile builds the drawing (read, present, cluster); everything after is cut from it.
    const [coldMs] = await timedGet(`${base}${city[0]}`);
    const one: number[] = [];
    for (let i = 0; i < 20; i++) for (const path of deeper.slice(0, 10)) one.push((await timedGet(`${base}${path}`))[0]);
    const oneMap: number[] = [];
    await timedGet(base + mapUrl);
    for (let i = 0; i < 10; i++) oneMap.push((await timedGet(base + mapUrl))[0]);

    // Edits, each written by another connection (as another process would), then the first
    // tile asked for: a change the tiles do not show, a change of type, and a move (which
    // moves the privacy generation). The first two read only the site written; the move reads
    // every site again. Only the last two recluster.
    const sites = repositories(setup.db).sites;
    const edited = async (id: string, changes: (row: Awaited<ReturnType<typeof sites.getRaw>> & object) => object) => {
      const row = (await sites.getRaw(id))!;
      await sites.update(id, row.version, { ...changes(row), updatedAt: new Date().toISOString() });
    };
    // The first edit after the import reads again every site stamped within five minutes of
    // the import's last write (all 50,000 here); the edits after it, only what they wrote.
    const editAfterImport = await afterEdit(base, city[0], () => edited('bench-4', (row) => ({ capacity: (row.capacity ?? 0) + 1 })));
    const invisibleEdit = await afterEdit(base, city[0], () => edited('bench-1', (row) => ({ capacity: (row.capacity ?? 0) + 1 })));
    const typeEdit = await afterEdit(base, city[0], () => edited('bench-2', (row) => ({ functionType: row.functionType === 'food_pantry' ? 'community_fridge' : 'food_pantry', domain: 'food' })));
    const moveEdit = await afterEdit(base, city[0], () => edited('bench-3', (row) => {
      const { point } = row.location.exact;
      const moved = siteLocation({ type: 'Point', coordinates: [point.lon + 0.001, point.lat] }, 'exact', null);
      return { location: row.precision === 'exact' ? moved : { ...row.location, exact: moved.exact } };
    }));

    // 300 clients at once, each on its own kept-alive connection (as in the reads bench),
    // then 300 browsers of six connections each: the city view's tiles, then a zoom in. The
    // floor, /api/config on the same server, is asked by the same clients the same way, once
    // untimed first so that both run warm.
    const views = [city, zoomedIn];
    const floorViews = views.map((view) => view.map(() => '/api/config'));
    await underLoad(server, floorViews, BROWSER_SOCKETS);
    const floor = await underLoad(server, floorViews, 1);
    const loaded = await underLoad(server, views, 1);
    const browserFloor = await underLoad(server, floorViews, BROWSER_SOCKETS);
    const browsers = await underLoad(server, views, BROWSER_SOCKETS);
    const floorAgain = await underLoad(server, floorViews, 1);
    // The GeoJSON way asks once per client and draws the zoom in from what it has.
    const loadedMap = await underLoad(server, [[mapUrl]], 1);
    const cityBytes = (await Promise.all(city.map((path) => timedGet(`${base}${path}`)))).reduce((sum, [, bytes]) => sum + bytes, 0);
    const [, mapBytes] = await timedGet(base + mapUrl);
    // What Node itself does under the browsers' load: a bare server answering a tile's bytes.
    const bare = await startBenchServer('test/bench/bareServer.ts', [String(Math.round(cityBytes / city.length))]);
    let bareLoad: Load;
    try {
      await underLoad(bare, views, BROWSER_SOCKETS);
      bareLoad = await underLoad(bare, views, BROWSER_SOCKETS);
    } finally {
      bare.stop();
    }

    const tiles = `the city view's ${city.length} tiles, then ${zoomedIn.length} at z13`;
    const floorName = 'the floor: /api/config (no database) asked exactly as the tiles, same server, just before';
    return [
      { name: `site tile p95, one client, city view (${city.length} tiles at z12) and deeper, sqlite, ${SITE_COUNT.toLocaleString('en')} sites`, value: percentile(one, 95), unit: 'ms', budget: '< 50 ms', baseline: { name: 'sites.map p95, one client', value: percentile(oneMap, 95) } },
      ...loadRows(`site tiles, ${CLIENTS} clients at once (one kept-alive connection each): ${tiles}`, loaded, { name: 'sites.map, the same clients (one answer each)', load: loadedMap }, '< 200 ms'),
      ...loadRows('site tiles, 300 clients', loaded, { name: floorName, load: floor }),
      ...loadRows('the floor again, just after', floorAgain, { name: 'the floor just before', load: floor }),
      ...loadRows(`site tiles, ${CLIENTS} browsers at once (${BROWSER_SOCKETS} kept-alive connections each, ${CLIENTS * BROWSER_SOCKETS} in all): ${tiles}`, browsers, { name: floorName, load: browserFloor }),
      ...loadRows('site tiles, 300 browsers', browsers, { name: 'a bare node:http server answering a tile\'s bytes (the runtime, no routing), the same browsers', load: bareLoad }),
      { name: 'site tiles, the first tile after start (builds the drawing: read, present, cluster)', value: coldMs, unit: 'ms', baseline: { name: 'sites.map p95, one client', value: percentile(oneMap, 95) } },
      { name: 'first tile after the first edit since the import of all 50,000 (every site stamped within five minutes of the import read again)', value: editAfterImport, unit: 'ms', baseline: { name: 'the first tile after start (full drawing)', value: coldMs } },
      { name: 'first tile after an edit the tiles do not show (capacity: the site written read again, clusters and tiles kept)', value: invisibleEdit, unit: 'ms', baseline: { name: 'the first tile after start (full drawing)', value: coldMs } },
      { name: 'first tile after a change of type (the site written read again, clusters rebuilt)', value: typeEdit, unit: 'ms', baseline: { name: 'the first tile after start (full drawing)', value: coldMs } },
      { name: 'first tile after a move (the privacy generation moves: every site read again, clusters rebuilt)', value: moveEdit, unit: 'ms', baseline: { name: 'the first tile after start (full drawing)', value: coldMs } },
      { name: `bytes of the city view's tiles at ${SITE_COUNT.toLocaleString('en')} sites`, value: cityBytes / 1e6, unit: 'MB', baseline: { name: 'the sites.map answer', value: mapBytes / 1e6 } },
    ];
  } finally {
    server.stop();
    await setup.close();
    temp.cleanup();
  }
}

export async function apiBenchmarks(): Promise<BenchRow[]> {
  return [...await tileBenchmarks(), ...await onEveryDatabase(benchDatabase)];
}
