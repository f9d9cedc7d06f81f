import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, waitForIdle, waitForMap, type BrowserSession } from './helpers/browser';
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

  it('reads the basemap from Kudzu itself with range requests, needing no other host', async () => {
    const hosts = await session.page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).host))]);
    expect(hosts).toEqual([new URL(server.url).host]);
    expect(session.errors).toEqual([]);
  });
});
