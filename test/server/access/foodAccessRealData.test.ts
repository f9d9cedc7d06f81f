import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseFoodAccess } from '../../../shared/access/analyseFoodAccess';
import { usdaFoodAccess } from '../../../shared/access/usdaFoodAccess';
import { createWhatIfContext, whatIfSite } from '../../../shared/access/whatIfSite';
import { readPopulationAreas } from '../../../server/access/readPopulationAreas';
import { readSources } from '../../../server/access/readSources';
import { readStreetNetwork } from '../../../server/access/readStreetNetwork';
import { skipRealData } from '../../helpers/sharedData';

/** ../shared/data from the repository root. */
const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/access/', import.meta.url));
const HALF_MILE = 804.672;
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((total, value) => total + value, 0);

describe.skipIf(skipRealData)(`food access on real data (skipped only when ${DATA} is absent)`, () => {
  it("keeps San Francisco's 805,235 people on a 100 m grid", async () => {
    const tracts = await readPopulationAreas(`${DATA}sf/tracts-2010.geojson`);
    const sources = await readSources(`${DATA}sf/osm-pois.geojson`, { filter: { property: 'kind', values: ['supermarket'] } });
    const result = analyseFoodAccess(tracts.areas, sources.positions, { cellSize: 100, threshold: HALF_MILE, mode: 'line' });
    expect(sum(result.grid.population)).toBeCloseTo(805_235, 3);
    expect(sum(result.areas.map((area) => area.population ?? 0))).toBeCloseTo(805_235, 3);
  });

  it("repairs and counts San Francisco's eight self-intersecting tracts", async () => {
    const tracts = await readPopulationAreas(`${DATA}sf/tracts-2010.geojson`);
    expect(tracts.repaired).toHaveLength(8);
    expect(tracts.repaired).toContain('06075025600');
    expect(tracts.unrepaired).toEqual([]);
  });

  it("reports Allegheny's two tracts without population as empty, and keeps the county's 1,223,348 people", async () => {
    const tracts = await readPopulationAreas(`${DATA}pittsburgh/tracts-2010.geojson`);
    expect(tracts.missingPopulation.sort()).toEqual(['42003980800', '42003981200']);
    const sites = await readSources(`${DATA}pittsburgh/food-sites-2022-08-28.csv`, { filter: { property: 'type', values: ['supermarket'] } });
    expect(sites.positions).toHaveLength(185);
    const result = usdaFoodAccess(tracts.areas, sites.positions);
    const empty = tracts.ids.map((id, index) => [id, result.areas[index]] as const).filter(([id]) => tracts.missingPopulation.includes(id));
    for (const [, area] of empty) {
      expect(area.population).toBeNull();
      expect(area.byThreshold['1mi']).toMatchObject({ beyond: null, share: null, lowAccess: null });
    }
    expect(sum(result.analysis.grid.population)).toBeCloseTo(1_223_348, 2);
  });

  it('finds no San Francisco cell whose walk over the PMTiles streets is shorter than its straight line', async () => {
    const tracts = await readPopulationAreas(`${DATA}sf/tracts-2010.geojson`);
    const sources = await readSources(`${DATA}sf/osm-pois.geojson`, { filter: { property: 'kind', values: ['supermarket'] } });
    const network = await readStreetNetwork(`${DATA}sf/basemap.pmtiles`);
    const result = analyseFoodAccess(tracts.areas, sources.positions, {
      cellSize: 200, threshold: HALF_MILE, mode: 'walk', streets: network.lines, streetSnapTolerance: network.snapTolerance, nodeStreetCrossings: network.nodeCrossings,
    });
    let shorter = 0;
    result.distance.forEach((walking, cell) => { if (walking < result.straightDistance[cell] - 1e-6) shorter++; });
    expect(shorter).toBe(0);
    const walkingBeyond = sum(result.areas.map((area) => area.beyond ?? 0));
    const straight = analyseFoodAccess(tracts.areas, sources.positions, { cellSize: 200, threshold: HALF_MILE, mode: 'line' });
    expect(walkingBeyond).toBeGreaterThanOrEqual(sum(straight.areas.map((area) => area.beyond ?? 0)));
  }, 60_000);

  it('walks the Midtown Manhattan OSM extract, never shorter than the straight line', async () => {
    const areas = await readPopulationAreas(`${FIXTURES}midtown-area.geojson`);
    const sources = await readSources(`${FIXTURES}midtown-sources.geojson`);
    const network = await readStreetNetwork(`${DATA}nyc/midtown-manhattan.osm.pbf`);
    expect(network.format).toBe('osm');
    const result = analyseFoodAccess(areas.areas, sources.positions, { cellSize: 50, threshold: HALF_MILE, mode: 'walk', streets: network.lines });
    expect(result.grid.cellCount).toBeGreaterThan(100);
    result.distance.forEach((walking, cell) => expect(walking).toBeGreaterThanOrEqual(result.straightDistance[cell] - 1e-6));
    // Manhattan's grid makes walks about a quarter longer than the crow flies, not several times.
    const ratio = sum(result.distance) / sum(result.straightDistance);
    expect(ratio).toBeGreaterThan(1.05);
    expect(ratio).toBeLessThan(1.8);
  }, 60_000);

  it('never makes anyone in San Francisco farther with a what-if site, and finds people it brings within reach', async () => {
    const tracts = await readPopulationAreas(`${DATA}sf/tracts-2010.geojson`);
    const sources = await readSources(`${DATA}sf/osm-pois.geojson`, { filter: { property: 'kind', values: ['supermarket'] } });
    const result = analyseFoodAccess(tracts.areas, sources.positions, { cellSize: 100, threshold: HALF_MILE, mode: 'line' });
    const context = createWhatIfContext(result.grid, result.distance, HALF_MILE);
    let reachedSomeone = false;
    for (let cell = 0; cell < result.grid.cellCount; cell += 997) {
      const outcome = whatIfSite(context, result.grid.x[cell], result.grid.y[cell]);
      outcome.cells.forEach((reached, i) => expect(outcome.distance[i]).toBeLessThanOrEqual(result.distance[reached]));
      if (outcome.peopleReached > 0) reachedSomeone = true;
    }
    expect(reachedSomeone).toBe(true);
  });
});
