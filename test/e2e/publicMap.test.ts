import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { mapPagePerFile } from './helpers/mapPage';

type MapHandle = { queryRenderedFeatures: (options: { layers: string[] }) => { properties: Record<string, unknown> }[]; project: (p: [number, number]) => { x: number; y: number } };

describe('the public map of the demo neighbourhood', () => {
  const app = mapPagePerFile();

  it('says the neighbourhood is a fictional demo', async () => {
    await expect(app.session.page.getByTestId('demo-label').textContent()).resolves.toMatch(/fictional demo neighbourhood/i);
  });

  it('draws the demo’s streets and blocks, clusters and single sites, with the legend', async () => {
    const counts = await app.session.page.evaluate(() => {
      const map = (window as unknown as { __map: MapHandle }).__map;
      const count = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length;
      return {
        streets: count('reference-demo_streets-line'),
        blocks: count('reference-demo_blocks-fill'),
        clusters: count('site-clusters'),
        markers: count('site-markers'),
      };
    });
    expect(counts.streets).toBeGreaterThan(10);
    expect(counts.blocks).toBeGreaterThan(10);
    expect(counts.clusters).toBeGreaterThan(0);
    expect(counts.markers).toBeGreaterThan(10);
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

  it('loads with no errors in the page', () => {
    expect(app.session.errors).toEqual([]);
  });
});
