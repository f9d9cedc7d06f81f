/**
 * The public map of the demo neighbourhood, as a visitor who has not signed in sees it: App and
 * MapRoot with the basemap's ReferenceLayers (streets and blocks), SitesLayer, ClusterLayer and
 * ParcelsLayer, the Legend with its DomainSymbol keys, the Filters' domain chips, the SitePanel,
 * and the ExportMenu.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { screenshot, waitForMap } from './helpers/browser';
import { mapPagePerFile } from './helpers/mapPage';

type MapHandle = { queryRenderedFeatures: (options: { layers: string[] }) => { properties: Record<string, unknown> }[]; project: (p: [number, number]) => { x: number; y: number } };

describe('the public map of the demo neighbourhood', () => {
  const app = mapPagePerFile();

  it('says the neighbourhood is a fictional demo', async () => {
    await expect(app.session.page.getByTestId('demo-label').textContent()).resolves.toMatch(/fictional demo neighbourhood/i);
  });

  it('draws the demo’s streets and blocks, clusters, single sites and parcels, with the legend', async () => {
    const counts = await app.session.page.evaluate(() => {
      const map = (window as unknown as { __map: MapHandle }).__map;
      const count = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length;
      return {
        streets: count('reference-demo_streets-line'),
        blocks: count('reference-demo_blocks-fill'),
        clusters: count('site-clusters'),
        markers: count('site-markers'),
        parcels: count('parcel-fill'),
      };
    });
    expect(counts.streets).toBeGreaterThan(10);
    expect(counts.blocks).toBeGreaterThan(10);
    expect(counts.clusters).toBeGreaterThan(0);
    expect(counts.markers).toBeGreaterThan(10);
    expect(counts.parcels).toBeGreaterThan(0);
    const legend = app.session.page.getByRole('region', { name: /legend/i });
    await expect(legend.getByText('Housing & land').isVisible()).resolves.toBe(true);
    await expect(legend.getByText(/group of nearby sites/).isVisible()).resolves.toBe(true);
    await screenshot(app.session.page, 'public-map.png');
  });

  it('never shows the edit tools to a visitor who has not signed in', async () => {
    await expect(app.session.page.getByRole('toolbar', { name: 'Editing tools' }).count()).resolves.toBe(0);
    await expect(app.session.page.getByRole('button', { name: /add a point/i }).count()).resolves.toBe(0);
    await expect(app.session.page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });

  it('opens a site’s panel from its marker, with no edit buttons for a visitor', async () => {
    const target = await app.session.page.evaluate(() => {
      const map = (window as unknown as { __map: MapHandle & { getCanvas: () => HTMLCanvasElement } }).__map;
      const features = map.queryRenderedFeatures({ layers: ['site-markers'] }) as unknown as { properties: { name: string }; geometry: { coordinates: [number, number] } }[];
      const feature = features[0];
      const point = map.project(feature.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { name: feature.properties.name, x: box.left + point.x, y: box.top + point.y };
    });
    await app.session.page.mouse.click(target.x, target.y);
    const panel = app.session.page.getByRole('complementary', { name: 'Site details' });
    await panel.waitFor();
    await expect(panel.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(target.name);
    await expect(panel.getByText('Run by').isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('button', { name: /move|close site/i }).count()).resolves.toBe(0);
  });

  it('narrows the map to one domain when its chip is ticked', async () => {
    const before = await app.session.page.locator('.count').textContent();
    await app.session.page.getByRole('checkbox', { name: 'Health' }).check();
    await app.session.page.waitForFunction((text) => document.querySelector('.count')?.textContent !== text, before);
    const shown = Number((await app.session.page.locator('.count').textContent())?.replace(/\D/g, ''));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(Number(before?.replace(/\D/g, '')));
    await app.session.page.getByRole('checkbox', { name: 'Health' }).uncheck();
  });

  it('offers a visitor only what the public sees under Export, and its GeoJSON holds public sites with their degraded places marked', async () => {
    const page = app.session.page;
    await page.locator('details.export summary').click();
    await expect(page.getByRole('link', { name: /: what the public sees$/ }).count()).resolves.toBe(5);
    await expect(page.getByRole('link', { name: /: (what members see|everything \(stewards\))$/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /whole network archive/i }).count()).resolves.toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'GeoJSON: what the public sees' }).click()]);
    const collection = JSON.parse(await readFile((await download.path())!, 'utf8')) as { type: string; features: { properties: { visibility: string; locationDegraded: boolean } }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBeGreaterThan(10);
    expect(new Set(collection.features.map((feature) => feature.properties.visibility))).toEqual(new Set(['public']));
    expect(collection.features.some((feature) => feature.properties.locationDegraded)).toBe(true);
    await page.locator('details.export summary').click();
  });

  it('opens on a group’s sites, or on one site’s panel, from the pages its Murmurations profiles are named by', async () => {
    const page = app.session.page;
    type Profile = { name: string; primary_url: string; geolocation?: unknown; relationships?: { object_url: string }[] };
    const profiles = await (await fetch(`${app.server.url}/api/export?format=murmurations&as=public`)).json() as Profile[];
    const sitesOf = (url: string) => profiles.filter((profile) => profile.geolocation && profile.relationships?.some((relation) => relation.object_url === url));
    const group = profiles.filter((profile) => !profile.geolocation && profile.primary_url.includes('/murmurations/groups/'))
      .sort((a, b) => sitesOf(b.primary_url).length - sitesOf(a.primary_url).length)[0];
    const running = sitesOf(group.primary_url).length;
    expect(running).toBeGreaterThan(1);
    await page.goto(group.primary_url);
    await waitForMap(page);
    await expect(page.locator('.count').textContent()).resolves.toBe(`${running} sites of ${group.name}`);
    await expect(page.getByLabel('Group').locator('option:checked').textContent()).resolves.toBe(group.name);
    await screenshot(page, 'public-map-group-page.png');

    const site = profiles.find((profile) => profile.geolocation && profile.primary_url.includes('/murmurations/sites/'))!;
    await page.goto(site.primary_url);
    const panel = page.getByRole('complementary', { name: 'Site details' });
    await panel.waitFor({ timeout: 30_000 });
    await expect(panel.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(site.name);
    await waitForMap(page);
    await screenshot(page, 'public-map-site-page.png');
    await page.goto(app.server.url);
    await waitForMap(page);
  });

  it('opens Food access and Federation beside the map one at a time, in place of a site’s details, so the map keeps its width', async () => {
    const page = app.session.page;
    const site = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapHandle }).__map;
      return String(map.queryRenderedFeatures({ layers: ['site-markers'] })[0].properties.id);
    });
    await page.goto(`${app.server.url}/?site=${encodeURIComponent(site)}`);
    const details = page.getByRole('complementary', { name: 'Site details' });
    await details.waitFor();
    const header = page.getByRole('banner');
    await header.getByRole('button', { name: 'Food access' }).click();
    await page.getByRole('heading', { name: /food access/i }).first().waitFor();
    await expect(details.count()).resolves.toBe(0);
    await header.getByRole('button', { name: 'Federation' }).click();
    await expect(header.getByRole('button', { name: 'Food access' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(header.getByRole('button', { name: 'Federation' }).getAttribute('aria-pressed')).resolves.toBe('true');
    const mapWidth = await page.evaluate(() => (window as unknown as { __map: { getCanvas: () => HTMLCanvasElement } }).__map.getCanvas().getBoundingClientRect().width);
    expect(mapWidth).toBeGreaterThan(600);
    await header.getByRole('button', { name: 'Federation' }).click();
    await page.goto(app.server.url);
    await waitForMap(page);
  });

  it('loads with no errors in the page', () => {
    expect(app.session.errors).toEqual([]);
  });
});
