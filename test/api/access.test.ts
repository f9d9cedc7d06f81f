import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_TRUTH } from '../../server/privacy/policy';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { demoNetworkPerFile } from '../helpers/perFile';
import { createServices, type Services } from '../../server/services';
import { repositories } from '../../server/repositories';
import { callerAs, NOW, refusal } from './fixtures';
import { commitImport } from '../../server/import/importSites';
import { systemActor } from '../../server/services/context';

const kinds = await databaseKinds();

const byNeighbourhood = { tableBy: { kind: 'areas' as const, areaKind: 'neighbourhood' } };

describe.each(kinds)('food access on the demo neighbourhood, on %s', (kind) => {
  let database: TestDatabase;
  let services: Services;

  const network = demoNetworkPerFile(kind, NOW);

  beforeAll(() => {
    ({ database, services } = network);
  });

  const everyone = () => callerAs(services, 'public');

  it('finds the food desert in the south-east corner: only Railyards is low access, and its far cells lie south-east', async () => {
    const result = await everyone().access.analyse(byNeighbourhood);
    expect(result.totals.population).toBeCloseTo(25_000, 0);
    const lowAccess = result.table.rows.filter((row) => row.lowAccess).map((row) => row.name);
    expect(lowAccess).toEqual(['Railyards']);
    const far = result.cells.lon.map((_, i) => i).filter((i) => result.cells.distance[i]! > result.threshold);
    expect(far.length).toBeGreaterThan(0);
    const meanLon = far.reduce((sum, i) => sum + result.cells.lon[i], 0) / far.length;
    const meanLat = far.reduce((sum, i) => sum + result.cells.lat[i], 0) / far.length;
    const allLon = result.cells.lon.reduce((a, b) => a + b, 0) / result.cells.lon.length;
    const allLat = result.cells.lat.reduce((a, b) => a + b, 0) / result.cells.lat.length;
    expect(meanLon).toBeGreaterThan(allLon);
    expect(meanLat).toBeLessThan(allLat);
  });

  it('an analysis that names no population uses the network’s chosen layer, the demo’s blocks', async () => {
    expect((await everyone().access.layers()).populationLayer).toBe('demo_blocks');
    const result = await everyone().access.analyse({});
    expect(result.table.by).toBe('demo_blocks');
    expect(result.notes[0]).toMatch(/^population from the layer “Kudzu Flats blocks \(demo\)”/);
  });

  it('the table by population blocks carries low-income-low-access flags from the blocks', async () => {
    const result = await everyone().access.analyse({});
    expect(result.table.withLowIncome).toBe(true);
    expect(result.table.rows.some((row) => row.lila === true)).toBe(true);
    for (const row of result.table.rows) if (row.lila) expect(row.lowAccess).toBe(true);
  });

  it('a member turns a best site and a low-access area into open food-access challenges of the draft audit', async () => {
    const member = callerAs(services, 'member');
    const best = await member.access.bestSites({ k: 1 });
    const site = best.sites[0];
    const fromSite = await member.access.toChallenge({ target: { kind: 'site', point: [site.lon, site.lat], people: site.peopleReached, rank: 1 }, basis: 'straight line, 0.5mi' });
    expect(fromSite).toMatchObject({ status: 'open', domain: 'food', source: { kind: 'food_access' } });
    expect(fromSite.title).toMatch(/bring .* people within reach/);

    const table = await member.access.analyse(byNeighbourhood);
    const railyards = table.table.rows.find((row) => row.name === 'Railyards')!;
    const fromArea = await member.access.toChallenge({ target: { kind: 'area', zoneId: railyards.id, name: railyards.name, point: railyards.point, people: railyards.beyond!, share: railyards.share } });
    expect(fromArea.source).toEqual({ kind: 'food_access', zoneId: railyards.id, people: Math.round(railyards.beyond!) });
    expect(fromArea.title).toMatch(/Railyards/);
  });

  it('USDA mode gives each block every Atlas measure, draws the map at half a mile and names the Atlas in its notes', async () => {
    const result = await everyone().access.analyse({ mode: 'usda', cellSize: '500m' });
    expect(result.mode).toBe('usda');
    expect(result.thresholdLabel).toBe('0.5mi');
    expect(result.notes.join(' ')).toMatch(/USDA Food Access Research Atlas rules/);
    for (const row of result.table.rows) {
      expect(row.usda).not.toBeNull();
      expect(row.lowAccess).toBe(row.usda!.lowAccess['0.5mi']);
      expect(row.lila).toBe(row.usda!.lila['1mi_10mi']);
    }
    const error = await refusal(everyone().access.analyse({ mode: 'usda', ...byNeighbourhood }));
    expect(error.message).toMatch(/^tableBy: USDA mode classifies the population polygons/);
  });

  it('downloads the table the command line writes and the map layer, as CSV and GeoJSON', async () => {
    const result = await everyone().access.analyse(byNeighbourhood);
    const table = await everyone().access.download({ ...byNeighbourhood, what: 'table', format: 'csv' });
    expect(table.fileName).toBe('food-access-line-0.5mi-table.csv');
    const [header, ...rows] = table.text.trim().split('\n');
    expect(header).toBe('id,population,beyond,share,low_access');
    expect(rows).toHaveLength(result.table.rows.length);
    const layer = JSON.parse((await everyone().access.download({ ...byNeighbourhood, what: 'layer', format: 'geojson' })).text);
    expect(layer.features).toHaveLength(result.cells.lon.length);
    expect(layer.features[0].geometry.type).toBe('Polygon');
    const cells = (await everyone().access.download({ ...byNeighbourhood, what: 'layer', format: 'csv' })).text.trim().split('\n');
    expect(cells[0]).toBe('longitude,latitude,population,distance_m,beyond');
    expect(cells).toHaveLength(result.cells.lon.length + 1);
    const areas = JSON.parse((await everyone().access.download({ ...byNeighbourhood, what: 'table', format: 'geojson' })).text);
    expect(areas.features.map((feature: { properties: { id: string } }) => feature.properties.id)).toEqual(result.table.rows.map((row) => row.id));
  });

  it('refuses building weights when the server has no basemap to read footprints from', async () => {
    const error = await refusal(everyone().access.analyse({ weightBy: 'buildings' }));
    expect(error.message).toMatch(/^weightBy: building footprints come from the basemap/);
  });

  it('a what-if site never makes anyone farther: with a real site there, no cell is farther and the people reached match', async () => {
    const before = await everyone().access.analyse({});
    const best = await everyone().access.bestSites({ k: 1 });
    expect(best.sites).toHaveLength(1);
    const point: [number, number] = [best.sites[0].lon, best.sites[0].lat];
    const whatIf = await everyone().access.whatIf({ point });
    expect(whatIf.peopleReached).toBeGreaterThan(500);
    expect(whatIf.peopleReached).toBeCloseTo(best.sites[0].peopleReached, 1);

    await callerAs(services, 'steward').sites.create({ name: 'What-if Pantry', functionType: 'food_pantry', geometry: { type: 'Point', coordinates: point } });
    const after = await everyone().access.analyse({});
    expect(after.cells.lon).toEqual(before.cells.lon);
    for (let i = 0; i < before.cells.distance.length; i++) expect(after.cells.distance[i]!).toBeLessThanOrEqual(before.cells.distance[i]! + 0.5);
    expect(before.totals.beyond - after.totals.beyond).toBeCloseTo(whatIf.peopleReached, 0);
  });

  // How fast a what-if answers is measured by `npm run bench -- access`, not asserted here.
  it('answers a walking what-if from the cached walking analysis: the cells it newly reaches are cells of that analysis', async () => {
    const analysis = await everyone().access.analyse({ mode: 'walk' });
    const answer = await everyone().access.whatIf({ mode: 'walk', point: [-34.995, 41.995] });
    expect(answer.peopleReached).toBeGreaterThan(0);
    expect(answer.cells.lon.length).toBeGreaterThan(0);
    expect(answer.cells.lon.every((lon) => analysis.cells.lon.includes(lon))).toBe(true);
  });

  it('walking distances are never shorter than the straight line', async () => {
    const line = await everyone().access.analyse({ cellSize: '200m' });
    const walk = await everyone().access.analyse({ cellSize: '200m', mode: 'walk' });
    expect(walk.cells.lon).toEqual(line.cells.lon);
    for (let i = 0; i < line.cells.distance.length; i++) {
      if (walk.cells.distance[i] !== null) expect(walk.cells.distance[i]!).toBeGreaterThanOrEqual(line.cells.distance[i]! - 1);
    }
    expect(walk.totals.beyond).toBeGreaterThanOrEqual(line.totals.beyond);
  });

  it('builds the walking network once: a second walk analysis reuses it with the same distances, and a re-imported street layer is built afresh', async () => {
    const caller = callerAs(createServices(database.db), 'public');
    const first = await caller.access.analyse({ mode: 'walk' });
    expect(first.network).toMatchObject({ source: 'the reference layer “demo_streets”', reused: false });
    const second = await caller.access.analyse({ mode: 'walk', threshold: '0.25mi' });
    expect(second.network).toEqual({ ...first.network, reused: true, builtMs: 0 });
    expect(second.notes.some((note) => /street graph of .* nodes reused/.test(note))).toBe(true);
    const again = await caller.access.analyse({ mode: 'walk' });
    expect(again.cells).toEqual(first.cells);

    // The street layer changes under the service (imports take no lines, so straight through the repository): one street fewer.
    const references = repositories(database.db).references;
    const streets = await references.layer('demo_streets', WHOLE_TRUTH.tiers);
    await references.deleteLayer('demo_streets');
    await references.insertMany(streets.slice(1));
    const rebuilt = await caller.access.analyse({ mode: 'walk' });
    expect(rebuilt.network).toMatchObject({ reused: false });
    expect(rebuilt.network!.lines).toBeLessThan(first.network!.lines);
  });

});

describe.each(kinds)('food-access challenges met by a re-analysis, on %s', (kind) => {
  let services: Services;

  const network = demoNetworkPerFile(kind, NOW);

  beforeAll(() => {
    ({ services } = network);
  });

  it('proposes closing a food-access challenge once a re-analysis shows its place reached, with the reason', async () => {
    const member = callerAs(services, 'member');
    const before = await member.access.analyse(byNeighbourhood);
    const railyards = before.table.rows.find((row) => row.name === 'Railyards')!;
    const best = await member.access.bestSites({ ...byNeighbourhood, k: 5 });
    const site = best.sites[0];
    const fromSite = await member.access.toChallenge({ target: { kind: 'site', point: [site.lon, site.lat], people: site.peopleReached, rank: 1 } });
    const fromArea = await member.access.toChallenge({ target: { kind: 'area', zoneId: railyards.id, name: railyards.name, point: railyards.point, people: railyards.beyond!, share: railyards.share } });
    expect(before.closures.map((closure) => closure.challengeId)).not.toContain(fromSite.id);

    const steward = callerAs(services, 'steward');
    for (const [index, pick] of best.sites.entries()) {
      await steward.sites.create({ name: `Railyards Pantry ${index + 1}`, functionType: 'food_pantry', geometry: { type: 'Point', coordinates: [pick.lon, pick.lat] } });
    }
    const after = await member.access.analyse(byNeighbourhood);
    expect(after.table.rows.find((row) => row.name === 'Railyards')!.lowAccess).toBe(false);
    const closures = new Map(after.closures.map((closure) => [closure.challengeId, closure]));
    expect(closures.get(fromSite.id)?.reason).toMatch(/^A food source is now \d+ m from this place, within 0\.5mi/);
    expect(closures.get(fromArea.id)?.reason).toMatch(/^No longer low access: [\d,]+ people .* live beyond 0\.5mi/);
    expect(closures.get(fromArea.id)?.title).toMatch(/Railyards/);
  });
});

describe.each(kinds)('food access: privacy and bad input, on %s', (kind) => {
  let database: TestDatabase;
  let services: Services;
  const real: [number, number] = [-122.41812345, 37.77456789];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    services = createServices(database.db);
    const steward = callerAs(services, 'steward');
    await steward.areas.create({
      name: 'Mission Flats', kind: 'neighbourhood', population: 5000,
      geometry: { type: 'Polygon', coordinates: [[[-122.43, 37.75], [-122.39, 37.75], [-122.39, 37.79], [-122.43, 37.79], [-122.43, 37.75]]] },
    });
    await steward.sites.create({ name: 'Quiet Pantry', functionType: 'food_pantry', geometry: { type: 'Point', coordinates: real }, visibility: 'public', precision: 'block' });
    await steward.sites.create({ name: 'Hidden Fridge', functionType: 'community_fridge', geometry: { type: 'Point', coordinates: [-122.40, 37.78] }, visibility: 'members', precision: 'exact' });
  });
  afterAll(() => database.dispose());

  const params = { population: { kind: 'areas' as const, areaKind: 'neighbourhood' } };

  it('measures the public’s distances from a block-precision source’s shown position, never its real one', async () => {
    const shown = (await callerAs(services, 'public').sites.list({})).find((site) => site.name === 'Quiet Pantry')!;
    expect(shown.locationDegraded).toBe(true);
    const shownAt = (shown.geometry as unknown as { coordinates: [number, number] }).coordinates;
    const forPublic = await callerAs(services, 'public').access.analyse(params);
    expect(forPublic.sources).toHaveLength(1);
    expect(forPublic.sources[0].lon).toBeCloseTo(shownAt[0], 5);
    expect(forPublic.sources[0].lat).toBeCloseTo(shownAt[1], 5);
    expect(Math.hypot(forPublic.sources[0].lon - real[0], forPublic.sources[0].lat - real[1])).toBeGreaterThan(1e-4);
    expect(forPublic.sources.map((source) => source.name)).not.toContain('Hidden Fridge');

    const forMember = await callerAs(services, 'member').access.analyse(params);
    expect(forMember.sources.map((source) => source.name).sort()).toEqual(['Hidden Fridge', 'Quiet Pantry']);
    expect(forMember.sources.find((source) => source.name === 'Quiet Pantry')!.lon).toBeCloseTo(shownAt[0], 5);

    const forSteward = await callerAs(services, 'steward').access.analyse(params);
    const exact = forSteward.sources.find((source) => source.name === 'Quiet Pantry')!;
    expect(exact.lon).toBeCloseTo(real[0], 5);
    expect(exact.lat).toBeCloseTo(real[1], 5);
  });

  it('downloads nothing a viewer may not see: no hidden names, no real position of a degraded site, distances from the shown one', async () => {
    const files = [];
    for (const what of ['table', 'layer'] as const) {
      for (const format of ['csv', 'geojson'] as const) files.push((await callerAs(services, 'public').access.download({ ...params, what, format })).text);
    }
    for (const text of files) {
      expect(text).not.toMatch(/Hidden Fridge|Quiet Pantry/);
      expect(text).not.toContain(real[0].toFixed(5));
      expect(text).not.toContain(real[1].toFixed(5));
    }
    const publicLayer = (await callerAs(services, 'public').access.download({ ...params, what: 'layer', format: 'csv' })).text;
    const stewardLayer = (await callerAs(services, 'steward').access.download({ ...params, what: 'layer', format: 'csv' })).text;
    expect(publicLayer).not.toBe(stewardLayer);
  });

  it('with no population named and none chosen for the network, the analysis says where a steward chooses one', async () => {
    expect((await callerAs(services, 'public').access.layers()).populationLayer).toBeNull();
    const error = await refusal(callerAs(services, 'public').access.analyse({}));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^population: the network has no population layer yet; a steward chooses one in Set-up, step 2 “Where people live”/);
  });

  it('once a steward chooses the population layer, an analysis that names none uses it', async () => {
    const blocks = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Flats block', population: 1200 }, geometry: { type: 'Polygon', coordinates: [[[-122.43, 37.75], [-122.39, 37.75], [-122.39, 37.79], [-122.43, 37.79], [-122.43, 37.75]]] } }] };
    await commitImport(database.db, systemActor(NOW), { name: 'flats-blocks.geojson', bytes: Buffer.from(JSON.stringify(blocks)) }, { layer: 'flats-blocks' });
    await callerAs(services, 'steward').network.setPopulationLayer({ layer: 'flats-blocks' });
    expect((await callerAs(services, 'public').access.layers()).populationLayer).toBe('flats-blocks');
    const result = await callerAs(services, 'public').access.analyse({});
    expect(result.table.by).toBe('flats-blocks');
    expect(result.totals.population).toBeCloseTo(1200, 0);
    await callerAs(services, 'steward').network.setPopulationLayer({ layer: null });
    expect((await refusal(callerAs(services, 'public').access.analyse({}))).message).toMatch(/^population: the network has no population layer yet/);
  });

  it('refuses a threshold without a unit, naming the field', async () => {
    const error = await refusal(callerAs(services, 'public').access.analyse({ ...params, threshold: '0.5' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^threshold: "0.5" has no unit/);
  });

  it('refuses a population layer that does not exist, naming the field', async () => {
    const error = await refusal(callerAs(services, 'public').access.analyse({ population: { kind: 'layer', layer: 'sf-tracts' } }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^population\.layer: there is no reference layer “sf-tracts”/);
  });

  it('refuses an analysis with no sources, naming the field', async () => {
    const error = await refusal(callerAs(services, 'public').access.analyse({ ...params, sources: { kind: 'sites', functionTypes: ['seed_library'] } }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^sources: no sources to measure distances to/);
  });

  it('refuses walking with no street network, and an unknown function type, naming the fields', async () => {
    expect((await refusal(callerAs(services, 'public').access.analyse({ ...params, mode: 'walk' }))).message).toMatch(/^mode: walking needs a street network/);
    expect((await refusal(callerAs(services, 'public').access.analyse({ ...params, sources: { kind: 'sites', functionTypes: ['bakery'] } }))).message).toMatch(/^sources\.functionTypes: “bakery” is not a function type/);
  });

  it('refuses a challenge where no draft or open audit covers the place', async () => {
    const error = await refusal(callerAs(services, 'member').access.toChallenge({ target: { kind: 'site', point: [-122.41, 37.77], people: 600 } }));
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toMatch(/^auditId: no draft or open audit covers this place/);
  });
});
