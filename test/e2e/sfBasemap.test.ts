import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, openBrowser, screenshot, waitForIdle, waitForMap, type BrowserSession } from './helpers/browser';
import { REPO_ROOT, runKudzu, startServer, tempDatabase, type RunningServer } from './helpers/server';
import { skipRealData } from '../helpers/sharedData';

const SF = join(REPO_ROOT, '..', 'shared', 'data', 'sf');
const BASEMAP = join(SF, 'basemap.pmtiles');
const POIS = join(SF, 'osm-pois.geojson');

/** OSM `kind` → the function type the points are imported as. */
const TYPE_MAP = 'supermarket=food_coop;greengrocer=food_coop;marketplace=food_coop;convenience=food_pantry;garden=community_garden;'
  + 'social_facility=mutual_aid_fund;community_centre=social_centre;social_centre=social_centre;clinic=free_clinic;hospital=free_clinic;'
  + 'doctors=free_clinic;pharmacy=first_aid_collective';

type MapHandle = {
  queryRenderedFeatures: (options?: { layers: string[] }) => { layer: { id: string }; properties: Record<string, unknown> }[];
  jumpTo: (options: object) => void;
};

describe.skipIf(skipRealData)('the San Francisco PMTiles basemap with imported OSM points (needs ../shared/data/sf)', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let cleanup: () => void;

  beforeAll(async () => {
    const temp = tempDatabase();
    cleanup = temp.cleanup;
    const imported = await runKudzu(['import', POIS, '--db', temp.db, '--type-column', 'kind', '--type-map', TYPE_MAP, '--default-type', 'social_centre']);
    expect(imported.code, imported.output).toBe(0);
    server = await startServer({ basemap: BASEMAP, db: temp.db });
    session = await openBrowser();
    await session.page.goto(server.url);
    await waitForMap(session.page);
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
    cleanup?.();
  });

  it('shows all 275 imported points', async () => {
    await expect(session.page.locator('.count').textContent()).resolves.toBe('275 sites shown');
  });

  it('draws the streets from the PMTiles file with their names, and credits OpenStreetMap', async () => {
    // The Mission, where the points are dense and the street names readable.
    await session.page.evaluate(() => (window as unknown as { __map: MapHandle }).__map.jumpTo({ center: [-122.4155, 37.7615], zoom: 15 }));
    await waitForIdle(session.page);
    const rendered = await session.page.evaluate(() => {
      const features = (window as unknown as { __map: MapHandle }).__map.queryRenderedFeatures();
      const ids = features.map((f) => f.layer.id);
      return {
        roads: ids.filter((id) => id.startsWith('roads_') && !id.includes('label')).length,
        roadLabels: features.filter((f) => f.layer.id.startsWith('roads_labels') && f.properties.name).length,
        sites: ids.filter((id) => id === 'site-markers' || id === 'site-clusters').length,
      };
    });
    expect(rendered.roads).toBeGreaterThan(50);
    expect(rendered.roadLabels).toBeGreaterThan(5);
    expect(rendered.sites).toBeGreaterThan(3);
    await expect(session.page.locator('.maplibregl-ctrl-attrib').textContent()).resolves.toContain('© OpenStreetMap contributors');
    await screenshot(session.page, 'sf-basemap.png');
  });

  it('prints the OpenStreetMap credit in the corner of the PNG for print', async () => {
    const control = session.page.getByTestId('print-png');
    await control.getByTestId('print-paper').selectOption('letter');
    const [download] = await Promise.all([
      session.page.waitForEvent('download', { timeout: 180_000 }),
      control.getByRole('button', { name: 'PNG for print' }).click(),
    ]);
    const path = join(ARTIFACTS, 'print-png-sf-osm-credit.png');
    await download.saveAs(path);
    // The bottom-right corner, read back in the page: a white box with black type on it.
    const corner = await session.page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const [width, height] = [620, 40];
      const pixels = context.getImageData(image.width - width - 12, image.height - height - 6, width, height).data;
      let white = 0;
      let black = 0;
      for (let index = 0; index < pixels.length; index += 4) {
        const light = (pixels[index] + pixels[index + 1] + pixels[index + 2]) / 3;
        if (light >= 250) white += 1;
        if (light <= 80) black += 1;
      }
      return { size: [image.width, image.height], white: white / (width * height), black: black / (width * height) };
    }, readFileSync(path).toString('base64'));
    expect(corner.size).toEqual([3300, 2550]);
    expect(corner.white, 'the credit sits on a white box').toBeGreaterThan(0.6);
    expect(corner.black, 'with black type on it').toBeGreaterThan(0.03);
  }, 240_000);

  it('reads the basemap from Kudzu itself with range requests, needing no other host', async () => {
    const hosts = await session.page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).host))]);
    expect(hosts).toEqual([new URL(server.url).host]);
    expect(session.errors).toEqual([]);
  });
});
