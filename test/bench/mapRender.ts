/**
 * Map: time to first render in headless Chromium, from navigation to the map's `idle` after
 * the sites went in, with 50,000 sites beside 5,000 sites and beside no sites, all in the
 * same run. The server is real (plain basemap, empty database); the browser's `sites.list`
 * answer is replaced by generated sites, so what is measured is the page: loading, parsing
 * the sites, clustering and drawing them.
 */
import type { Route } from 'playwright-core';
import { DOMAINS } from '../../shared/taxonomy/domains';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';
import type { Site } from '../../shared/schemas/site';
import buildWebApp from '../e2e/globalSetup';
import { openBrowser } from '../e2e/helpers/browser';
import { startServer } from '../e2e/helpers/server';
import { seededRandom, type BenchRow } from './types';

/** `count` public sites spread over ~15 km around the demo's corner of the Atlantic. */
export function generatedSites(count: number, seed = 7): Site[] {
  const random = seededRandom(seed);
  const sites: Site[] = [];
  for (let i = 0; i < count; i++) {
    const domain = DOMAINS[i % DOMAINS.length];
    const types = FUNCTION_TYPES.filter((t) => t.domain === domain.id);
    const type = types[i % types.length];
    sites.push({
      id: `bench-${i}`, name: `${type.label} ${i}`, functionType: type.id, domain: domain.id, groupId: null, groupName: null,
      geometry: { type: 'Point', coordinates: [-35.1 + random() * 0.2, 41.94 + random() * 0.12] },
      locationDegraded: i % 25 === 0, capacity: 20, capacityUnit: type.capacityUnit, openingHours: null, openedOn: '2025-01-01',
      closedOn: null, status: 'active', description: '', address: null, visibility: 'public', precision: 'exact', version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  }
  return sites;
}

/** Answer `sites.list` (alone or inside a tRPC batch) with `sites`, passing everything else through. */
async function answerSitesList(route: Route, body: string): Promise<void> {
  const url = new URL(route.request().url());
  const procedures = url.pathname.slice('/trpc/'.length).split(',');
  if (!procedures.includes('sites.list')) return route.continue();
  const response = await route.fetch();
  const json = (await response.json()) as unknown;
  const batched = url.searchParams.get('batch') === '1';
  const items = (batched ? json : [json]) as unknown[];
  const parts = items.map((item, index) => (procedures[index] === 'sites.list' ? `{"result":{"data":${body}}}` : JSON.stringify(item)));
  await route.fulfill({ response, body: batched ? `[${parts.join(',')}]` : parts[0], headers: { ...response.headers(), 'content-type': 'application/json' } });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function mapRenderBenchmarks(options: { repeats?: number } = {}): Promise<BenchRow[]> {
  const repeats = options.repeats ?? 3;
  buildWebApp();
  const server = await startServer({ demo: false });
  const session = await openBrowser();
  const bodies = new Map([0, 5_000, 50_000].map((n) => [n, JSON.stringify(generatedSites(n))]));
  try {
    /** Milliseconds since navigation when the sites had arrived and when the map was idle with them drawn. */
    async function firstRender(count: number): Promise<{ loadedAt: number; at: number }> {
      const page = await session.context.newPage();
      try {
        await page.route('**/trpc/**', (route) => answerSitesList(route, bodies.get(count)!));
        await page.goto(server.url);
        const handle = await page.waitForFunction((n) => {
          const renders = (window as unknown as { __kudzuRenders?: { count: number; at: number; loadedAt: number }[] }).__kudzuRenders ?? [];
          return renders.find((r) => r.count === n) ?? false;
        }, count, { timeout: 60_000, polling: 50 });
        return (await handle.jsonValue()) as { loadedAt: number; at: number };
      } finally {
        await page.close();
      }
    }
    await firstRender(5_000); // warm the browser's cache of the app's scripts, as a returning visitor has
    const total = new Map<number, number[]>([[0, []], [5_000, []], [50_000, []]]);
    const drawing = new Map<number, number[]>([[0, []], [5_000, []], [50_000, []]]);
    for (let i = 0; i < repeats; i++) {
      for (const count of [0, 5_000, 50_000]) {
        const { loadedAt, at } = await firstRender(count);
        total.get(count)!.push(at);
        drawing.get(count)!.push(at - loadedAt);
      }
    }
    const m = (samples: Map<number, number[]>, count: number) => median(samples.get(count)!);
    return [
      {
        name: 'map first render, 50,000 sites: sites arrived → map idle with them drawn (median)',
        value: m(drawing, 50_000), unit: 'ms', budget: '< 2000 ms', baseline: { name: '5,000 sites', value: m(drawing, 5_000) },
      },
      {
        name: 'map first render, 50,000 sites: navigation → map idle, incl. a 24 MB sites.list answer (median)',
        value: m(total, 50_000), unit: 'ms', baseline: { name: '5,000 sites', value: m(total, 5_000) },
      },
      {
        name: 'map first render, 5,000 sites: navigation → map idle (median)',
        value: m(total, 5_000), unit: 'ms', baseline: { name: 'no sites', value: m(total, 0) },
      },
    ];
  } finally {
    await session.close();
    await server.stop();
  }
}
