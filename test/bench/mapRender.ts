/**
 * Map: time to first render in headless Chromium, from navigation to the map's `idle` with
 * the sites drawn, and from the sites' arrival to that `idle`, for 50,000 sites beside 5,000
 * and 5,000 beside none, all in the same run. Everything is real: generated sites are written
 * into a temporary SQLite database through the server's own row builder and repository, and
 * a real server answers the page's `sites.map` over loopback. Beside it, in the same run, the
 * answer the map used to take (`sites.list`, whole sites) for the same 50,000 sites.
 */
import { openDatabase, migrateToLatest } from '../../server/db/database';
import { repositories } from '../../server/repositories';
import { newSiteRow } from '../../server/services/siteRows';
import type { SiteTable } from '../../server/db/schema';
import { DOMAINS } from '../../shared/taxonomy/domains';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';
import type { SiteInput } from '../../shared/schemas/site';
import buildWebApp from '../e2e/globalSetup';
import { openBrowser } from '../e2e/helpers/browser';
import { startServer, tempDatabase, type RunningServer } from '../e2e/helpers/server';
import { seededRandom, type BenchRow } from './types';

const COUNTS = [0, 5_000, 50_000] as const;
const NOW = '2026-01-01T00:00:00.000Z';

/**
 * `count` public sites spread over ~15 km around the demo's corner of the Atlantic, as
 * database rows: one in 25 at block precision (shown degraded), one in 50 a small parcel.
 */
export function generatedSiteRows(count: number, seed = 7): SiteTable[] {
  const random = seededRandom(seed);
  const rows: SiteTable[] = [];
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
    rows.push(newSiteRow({ id: `bench-${i}`, input, domain: domain.id, areaCentre: null, now: NOW, userId: null }));
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
    await repositories(database.db).sites.insertMany(generatedSiteRows(count));
  } finally {
    await database.close();
  }
  return temp;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The map's own query (active sites, no other filter), as the web app sends it. */
const MAP_QUERY = encodeURIComponent(JSON.stringify({ status: 'active', limit: 100_000 }));

export async function mapRenderBenchmarks(options: { repeats?: number } = {}): Promise<BenchRow[]> {
  const repeats = options.repeats ?? 3;
  buildWebApp();
  const databases = new Map<number, { db: string; cleanup: () => void }>();
  const servers = new Map<number, RunningServer>();
  const session = await openBrowser();
  try {
    for (const count of COUNTS) {
      const database = await databaseWith(count);
      databases.set(count, database);
      servers.set(count, await startServer({ demo: false, db: database.db }));
    }

    /** Milliseconds since navigation when the sites had arrived and when the map was idle with them drawn. */
    async function firstRender(count: number): Promise<{ loadedAt: number; at: number }> {
      const page = await session.context.newPage();
      try {
        await page.goto(servers.get(count)!.url);
        const handle = await page.waitForFunction((n) => {
          const renders = (window as unknown as { __kudzuRenders?: { count: number; at: number; loadedAt: number }[] }).__kudzuRenders ?? [];
          return renders.find((r) => r.count === n) ?? false;
        }, count, { timeout: 60_000, polling: 50 });
        // The page sends its first sites.map early and the app takes that answer: one request, not two.
        const requests = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/trpc/sites.map')).length);
        if (requests !== 1) throw new Error(`the page asked for sites.map ${requests} times, not once`);
        return (await handle.jsonValue()) as { loadedAt: number; at: number };
      } finally {
        await page.close();
      }
    }

    // Warm the browser's cache of the app's scripts on each server, as a returning visitor has.
    for (const count of COUNTS) await firstRender(count);
    const total = new Map<number, number[]>(COUNTS.map((n) => [n, []]));
    const drawing = new Map<number, number[]>(COUNTS.map((n) => [n, []]));
    for (let i = 0; i < repeats; i++) {
      for (const count of COUNTS) {
        const { loadedAt, at } = await firstRender(count);
        total.get(count)!.push(at);
        drawing.get(count)!.push(at - loadedAt);
      }
    }

    // The answer alone, fetched and parsed in the page: the lean list beside the whole sites.
    const answers = await (async () => {
      const page = await session.context.newPage();
      try {
        await page.goto(`${servers.get(50_000)!.url}/trpc/taxonomy.get`); // a small page on the same origin to fetch from
        const time = (procedure: string) => page.evaluate(async (url) => {
          const start = performance.now();
          const text = await (await fetch(url)).text();
          JSON.parse(text);
          return { ms: performance.now() - start, bytes: new TextEncoder().encode(text).length };
        }, `${servers.get(50_000)!.url}/trpc/${procedure}?input=${MAP_QUERY}`);
        const lean: { ms: number; bytes: number }[] = [];
        const whole: { ms: number; bytes: number }[] = [];
        await time('sites.map');
        await time('sites.list');
        for (let i = 0; i < repeats; i++) {
          lean.push(await time('sites.map'));
          whole.push(await time('sites.list'));
        }
        return { lean, whole };
      } finally {
        await page.close();
      }
    })();

    const m = (samples: Map<number, number[]>, count: number) => median(samples.get(count)!);
    const leanBytes = answers.lean[0].bytes / 1e6;
    const wholeBytes = answers.whole[0].bytes / 1e6;
    return [
      {
        name: 'map first render, 50,000 sites: navigation → map idle with them drawn, real server, sites.map over loopback (median)',
        value: m(total, 50_000), unit: 'ms', budget: '< 2000 ms', baseline: { name: '5,000 sites', value: m(total, 5_000) },
      },
      {
        name: 'map first render, 50,000 sites: sites arrived → map idle (median)',
        value: m(drawing, 50_000), unit: 'ms', baseline: { name: '5,000 sites', value: m(drawing, 5_000) },
      },
      {
        name: 'map first render, 5,000 sites: navigation → map idle (median)',
        value: m(total, 5_000), unit: 'ms', baseline: { name: 'no sites', value: m(total, 0) },
      },
      {
        name: 'map first render, 5,000 sites: sites arrived → map idle (median)',
        value: m(drawing, 5_000), unit: 'ms', baseline: { name: 'no sites', value: m(drawing, 0) },
      },
      {
        name: 'the map’s answer for 50,000 sites, fetched and parsed in the page: sites.map (median)',
        value: median(answers.lean.map((a) => a.ms)), unit: 'ms', baseline: { name: 'sites.list, whole sites', value: median(answers.whole.map((a) => a.ms)) },
      },
      {
        name: 'the map’s answer for 50,000 sites, size: sites.map',
        value: leanBytes, unit: 'MB', baseline: { name: 'sites.list, whole sites', value: wholeBytes },
      },
    ];
  } finally {
    await session.close();
    for (const server of servers.values()) await server.stop();
    for (const database of databases.values()) database.cleanup();
  }
}
