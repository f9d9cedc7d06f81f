/**
 * Food access in the browser: the AccessPanel (line and USDA modes, downloads, best next sites,
 * what-if, closures) and the AccessLayer with its legend, on the demo and on an empty database.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openBrowser, screenshot, signIn, waitForIdle, waitForMap, type BrowserSession } from './helpers/browser';
import { REPO_ROOT, runKudzu, startServer, tempDatabase, type RunningServer } from './helpers/server';
import { mapPagePerFile } from './helpers/mapPage';
import { skipRealData } from '../helpers/sharedData';

type MapHandle = {
  queryRenderedFeatures: (options: { layers: string[] }) => { properties: Record<string, unknown> }[];
  project: (p: [number, number]) => { x: number; y: number };
  getCanvas: () => HTMLCanvasElement;
};

const SF = join(REPO_ROOT, '..', 'shared', 'data', 'sf');

/** The text of the file a click on the named button downloads. */
async function downloaded(session: BrowserSession, name: string): Promise<{ fileName: string; text: string }> {
  const panel = session.page.getByRole('complementary', { name: 'Food access' });
  const [download] = await Promise.all([session.page.waitForEvent('download'), panel.getByRole('button', { name }).click()]);
  return { fileName: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

/** A screenshot of the page as it is and at phone size, back to the desktop size after. */
async function bothSizes(session: BrowserSession, name: string): Promise<void> {
  await screenshot(session.page, `${name}.png`);
  await session.page.setViewportSize({ width: 390, height: 844 });
  await session.page.waitForTimeout(300);
  await screenshot(session.page, `${name}-phone.png`);
  const panel = await session.page.getByRole('complementary', { name: 'Food access' }).boundingBox();
  expect(panel!.x).toBeGreaterThanOrEqual(0);
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
  await session.page.setViewportSize({ width: 1440, height: 900 });
  await session.page.waitForTimeout(300);
}

async function renderedCount(session: BrowserSession, layer: string): Promise<number> {
  return session.page.evaluate((id) => (window as unknown as { __map: MapHandle }).__map.queryRenderedFeatures({ layers: [id] }).length, layer);
}

/** Click the map where a longitude/latitude is drawn. */
async function clickAt(session: BrowserSession, lngLat: [number, number]): Promise<void> {
  const point = await session.page.evaluate((p) => {
    const map = (window as unknown as { __map: MapHandle }).__map;
    const { x, y } = map.project(p);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, lngLat);
  await session.page.mouse.click(point.x, point.y);
}

describe.skipIf(skipRealData)('food access on San Francisco: tracts as population, OSM supermarkets as sources', () => {
  let server: RunningServer;
  let session: BrowserSession;
  const temp = tempDatabase();

  beforeAll(async () => {
    for (const [file, layer] of [['tracts-2010.geojson', 'sf-tracts'], ['osm-pois.geojson', 'osm-pois']]) {
      const imported = await runKudzu(['import', join(SF, file), '--layer', layer, '--db', temp.db]);
      expect(imported.code, imported.output).toBe(0);
    }
    server = await startServer({ db: temp.db, basemap: join(SF, 'basemap.pmtiles'), demo: false });
    session = await openBrowser();
    await session.page.goto(server.url);
    await waitForMap(session.page);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await server?.stop();
    temp.cleanup();
  });

  it('draws the access layer by distance band with its legend and a table of tracts with their flags', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Food access' }).click();
    const panel = page.getByRole('complementary', { name: 'Food access' });
    await panel.getByLabel('People from').selectOption('layer:sf-tracts');
    await panel.getByLabel('An imported layer').check();
    await panel.getByLabel('Source layer').selectOption('osm-pois');
    await panel.getByLabel('Filter property').selectOption('kind');
    await panel.getByLabel('Filter value').selectOption('supermarket');
    await panel.getByRole('button', { name: 'Analyse' }).click();
    const summary = page.getByTestId('access-summary');
    await summary.waitFor({ timeout: 60_000 });
    await expect(summary.textContent()).resolves.toMatch(/of [\d,]+ people \(\d+ %\) live more than 0\.5mi from food/);
    await expect(summary.textContent()).resolves.toMatch(/58 of 195 areas are low access; \d+ low income and low access/);
    await waitForIdle(page);
    expect(await renderedCount(session, 'access-cells-fill')).toBeGreaterThan(1000);
    expect(await renderedCount(session, 'access-cells-hatch')).toBeGreaterThan(10);
    expect(await renderedCount(session, 'access-sources')).toBeGreaterThan(50);
    await expect(page.getByTestId('access-legend').textContent()).resolves.toMatch(/More than twice 0\.5mi/);

    const table = panel.getByRole('table');
    await expect(table.locator('tbody tr').count()).resolves.toBe(195);
    // Sorted by people beyond, most first; sorting by share flips the header's order mark.
    await panel.getByRole('button', { name: 'Share' }).click();
    await expect(panel.locator('th[aria-sort="descending"]').textContent()).resolves.toMatch(/Share/);
    await screenshot(page, 'access-layer.png');
  });

  it('downloads the table the command line writes, and the map layer as GeoJSON', async () => {
    const table = await downloaded(session, 'Table (CSV)');
    expect(table.fileName).toBe('food-access-line-0.5mi-table.csv');
    const out = join(ARTIFACTS, 'sf-access-cli.csv');
    const cli = await runKudzu(['access', '--population', join(SF, 'tracts-2010.geojson'), '--sources', join(SF, 'osm-pois.geojson'), '--source-filter', 'kind=supermarket', '--out', out]);
    expect(cli.code, cli.output).toBe(0);
    expect(table.text).toBe(await readFile(out, 'utf8'));

    const layer = JSON.parse((await downloaded(session, 'Map layer (GeoJSON)')).text);
    expect(layer.features.length).toBeGreaterThan(1000);
    expect(Object.keys(layer.features[0].properties)).toEqual(['population', 'distance_m', 'beyond']);
  });

  it('runs the USDA Atlas rules with people spread by building footprints, and explains low income and low access', async () => {
    const { page } = session;
    const panel = page.getByRole('complementary', { name: 'Food access' });
    await panel.getByLabel('USDA Food Access Research Atlas').check();
    await expect(panel.getByTestId('usda-explained').textContent()).resolves.toMatch(/½ and 1 mile if urban, 10 and 20 miles if rural/);
    await expect(panel.getByLabel('Cell size').inputValue()).resolves.toBe('500m');
    await panel.getByLabel("Spread each area's people").selectOption('buildings');
    await panel.getByRole('button', { name: 'Analyse' }).click();
    const summary = page.getByTestId('access-summary');
    await expect.poll(async () => summary.textContent(), { timeout: 90_000 }).toMatch(/areas are low access at ½ mile; \d+ low income and low access at 1 mile \(urban\) or 10 miles \(rural\)/);
    await expect(summary.textContent()).resolves.toMatch(/people spread by the footprints of [\d,]+ buildings/);
    await expect(page.getByTestId('access-terms').textContent()).resolves.toMatch(/Low income and low access.*USDA's Food Access Research Atlas/);
    const headers = await panel.getByRole('table').locator('th').allTextContents();
    expect(headers.join('|')).toMatch(/Low access ½ mi.*\|Low access 1 mi.*\|Low income & low access/);
    expect(await panel.textContent()).not.toMatch(/LILA|sf-tracts \(|polygons\)/);
    const table = await downloaded(session, 'Table (CSV)');
    expect(table.fileName).toBe('food-access-usda-0.5mi-table.csv');
    expect(table.text.split('\n')[0]).toMatch(/^GEOID10,population,beyond_0\.5mi,.*lila_1mi_10mi,lila_1mi_20mi$/);
    await waitForIdle(page);
    await bothSizes(session, 'access-usda');
    expect(session.errors).toEqual([]);
  }, 120_000);

  it('finds the best five next sites, numbered on the map with the people each reaches', async () => {
    const { page } = session;
    const panel = page.getByRole('complementary', { name: 'Food access' });
    await panel.getByLabel('Straight line').check();
    await panel.getByLabel("Spread each area's people").selectOption('even');
    await panel.getByLabel('Cell size').fill('100m');
    await panel.getByRole('button', { name: 'Analyse' }).click();
    await expect.poll(async () => page.getByTestId('access-summary').textContent(), { timeout: 60_000 }).toMatch(/58 of 195 areas are low access;/);
    await panel.getByRole('button', { name: 'Find best sites' }).click();
    const list = page.getByTestId('best-sites');
    await list.waitFor({ timeout: 30_000 });
    await expect(list.locator('li').count()).resolves.toBe(5);
    const first = await list.locator('li').first().textContent();
    expect(Number(/\+([\d,]+) people/.exec(first ?? '')?.[1].replace(/,/g, ''))).toBeGreaterThan(1000);
    await waitForIdle(page);
    expect(await renderedCount(session, 'access-best-circle')).toBe(5);
    await screenshot(page, 'best-sites.png');
  });
});

describe('food access on the demo neighbourhood', () => {
  const app = mapPagePerFile();

  it('finds the south-east food desert, and a site dropped there lights up the people it newly reaches', async () => {
    const { page } = app.session;
    await page.getByRole('button', { name: 'Food access' }).click();
    const panel = page.getByRole('complementary', { name: 'Food access' });
    await panel.getByLabel('Table by').selectOption('areas:neighbourhood');
    await panel.getByRole('button', { name: 'Analyse' }).click();
    await page.getByTestId('access-summary').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('access-summary').textContent()).resolves.toMatch(/1 of 4 areas are low access/);
    const firstRow = panel.getByRole('table').locator('tbody tr').first();
    await expect(firstRow.textContent()).resolves.toMatch(/Railyards.*Yes/);

    await panel.getByRole('button', { name: 'Find best sites' }).click();
    await page.getByTestId('best-sites').waitFor();
    const best = await page.evaluate(() => (window as unknown as { __map: { getSource: (id: string) => { serialize: () => { data: { features: { geometry: { coordinates: [number, number] } }[] } } } } }).__map
      .getSource('access-best').serialize().data.features[0].geometry.coordinates);
    await panel.getByRole('button', { name: 'Click the map to place a site' }).click();
    await clickAt(app.session, best);
    const whatIf = page.getByTestId('whatif-result');
    await whatIf.waitFor();
    expect(Number(/\+([\d,]+) people/.exec((await whatIf.textContent()) ?? '')?.[1].replace(/,/g, ''))).toBeGreaterThan(500);
    await waitForIdle(page);
    expect(await renderedCount(app.session, 'access-whatif-fill')).toBeGreaterThan(5);
    await screenshot(page, 'access-demo.png');
    expect(app.session.errors).toEqual([]);
  });

  it('proposes closing a food-access challenge once a re-analysis reaches its place, and a member marks it solved', async () => {
    const { page } = app.session;
    await signIn(page, 'member@kudzu.example');
    const panel = page.getByRole('complementary', { name: 'Food access' });
    if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Food access' }).click();
    await panel.getByLabel('Too far beyond').fill('0.25mi');
    await panel.getByRole('button', { name: 'Analyse' }).click();
    await expect.poll(async () => page.getByTestId('access-summary').textContent(), { timeout: 30_000 }).toMatch(/more than 0\.25mi from food/);
    await panel.getByRole('button', { name: 'Find best sites' }).click();
    await page.getByTestId('best-sites').waitFor();
    await panel.getByTestId('best-sites').getByRole('button', { name: 'Make this a challenge' }).first().click();
    await expect.poll(async () => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/Challenge raised/));

    await panel.getByLabel('Too far beyond').fill('2mi');
    await panel.getByRole('button', { name: 'Analyse' }).click();
    const closures = page.getByTestId('access-closures');
    await closures.waitFor({ timeout: 30_000 });
    await expect(closures.textContent()).resolves.toMatch(/Open a food source here.*A food source is now [\d,]+ m from this place, within 2mi/s);
    await closures.scrollIntoViewIfNeeded();
    await bothSizes(app.session, 'access-closure');
    await closures.getByRole('button', { name: 'Mark solved' }).first().click();
    await expect.poll(async () => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/Marked solved/));
    await expect.poll(async () => page.getByTestId('access-closures').count(), { timeout: 30_000 }).toBe(0);
    expect(app.session.errors).toEqual([]);
  }, 120_000);
});

describe('food access with an empty database', () => {
  // An empty instance: ready when its tools are, with no sites to draw.
  const app = mapPagePerFile({ demo: false }, (page) => page.getByRole('button', { name: 'Food access' }).waitFor({ timeout: 60_000 }));

  it('says what to import next instead of failing on the demo layer', async () => {
    const { page } = app.session;
    await page.getByRole('button', { name: 'Food access' }).click();
    const panel = page.getByRole('complementary', { name: 'Food access' });
    const empty = panel.getByTestId('access-empty');
    await empty.waitFor();
    await expect(empty.textContent()).resolves.toMatch(/No population to analyse yet.*census tracts or blocks.*import tracts\.geojson --layer tracts/s);
    expect(await panel.textContent()).not.toMatch(/demo_blocks/);
    expect(await panel.getByRole('button', { name: 'Analyse' }).count()).toBe(0);
    await bothSizes(app.session, 'access-empty');
    expect(app.session.errors).toEqual([]);
  });
});
