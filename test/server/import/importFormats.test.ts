/**
 * KML, Open Referral HSDS, Murmurations and OpenStreetMap .osm.pbf through the same import
 * as GeoJSON and CSV: the report names the record and field, and a file with any problem
 * writes nothing — on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { dataFile, repoRoot, skipRealData } from '../../helpers/sharedData';
import { commitImport, previewImport } from '../../../server/import/importSites';
import { readOsmRecords } from '../../../server/import/readOsmRecords';
import { readHsdsTables } from '../../../shared/import/readHsdsRecords';
import { systemActor } from '../../../server/services/context';
import { repositories } from '../../../server/repositories';
import { audienceFor } from '../../../server/privacy/audience';
import { siteFilterSchema } from '../../../shared/schemas/site';

const kinds = await databaseKinds();
const NOW = new Date('2026-11-29T09:00:00Z');
const fixture = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'import', name));
const file = (name: string, bytes: Uint8Array | string) => ({ name, bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes });
const hsdsExamples = () => dataFile('hsds', 'openreferral-specification-3.x', 'examples');

/** The specification's full service example, with its impossible latitude 100 made real. */
function hsdsServiceAt(latitude: number): string {
  const service = JSON.parse(readFileSync(join(hsdsExamples(), 'service_full.json'), 'utf8'));
  service.service_at_locations[0].location.latitude = latitude;
  service.service_at_locations[0].location.longitude = -79.95;
  service.attributes[0].taxonomy_term.name = 'Food bank';
  return JSON.stringify(service);
}

describe.each(kinds)('importing the field’s own formats on %s', (kind) => {
  let database: TestDatabase;
  const siteNames = async () => (await repositories(database.db).sites.list(siteFilterSchema.parse({ status: 'all' }), audienceFor('steward'))).map((s) => s.name).sort();

  beforeAll(async () => { database = await openTestDatabase(kind); });
  afterAll(() => database?.dispose());

  it('writes nothing from a KML whose second placemark has a broken coordinate string, naming it', async () => {
    const result = await commitImport(database.db, systemActor(NOW), file('broken-coordinates.kml', fixture('broken-coordinates.kml')));
    expect(result.written).toBe(0);
    expect(result.errors).toEqual([{ row: 2, field: 'Point.coordinates', message: '“-122.4122” is not longitude,latitude[,altitude] (placemark “Corner Fridge”)' }]);
    expect(await siteNames()).toEqual([]);
  });

  it('writes every placemark of a clean KML, points and polygons, typed from ExtendedData', async () => {
    const result = await commitImport(database.db, systemActor(NOW), file('gardens.kml', fixture('gardens.kml')));
    expect(result).toMatchObject({ format: 'kml', total: 3, written: 3, errors: [], typeCounts: { community_garden: 2, community_fridge: 1 } });
    expect(await siteNames()).toEqual(['Corner Fridge', 'Hillside Community Garden', 'Orchard Plot']);
  });

  it.skipIf(skipRealData)('refuses the HSDS example whose latitude is 100, naming the record and field, and writes nothing', async () => {
    const text = readFileSync(join(hsdsExamples(), 'service_full.json'));
    const result = await commitImport(database.db, systemActor(NOW), file('service_full.json', text));
    expect(result.format).toBe('hsds');
    expect(result.written).toBe(0);
    expect(result.errors).toEqual([expect.objectContaining({ row: 1, field: 'service_at_locations[0].location.latitude', message: expect.stringMatching(/^latitude 100 is outside -90\.\.90 \(location “MyCity Civic Center”/) })]);
  });

  it.skipIf(skipRealData)('refuses the same record in the specification’s CSV tables, naming the table row', () => {
    const folder = join(hsdsExamples(), 'csv');
    const tables: Record<string, Record<string, string>[]> = {};
    for (const name of ['organizations', 'services', 'locations', 'service_at_location', 'schedules', 'attributes', 'taxonomy_terms']) {
      tables[name] = Papa.parse<Record<string, string>>(readFileSync(join(folder, `${name}.csv`), 'utf8'), { header: true, skipEmptyLines: 'greedy' }).data;
    }
    const source = readHsdsTables(tables);
    expect(source.errors).toEqual([expect.objectContaining({ row: 1, field: 'locations.csv row 1.latitude' })]);
  });

  it.skipIf(skipRealData)('turns an HSDS service at a location into a site with its organisation as group and its schedule as opening hours', async () => {
    const result = await commitImport(database.db, systemActor(NOW), file('service.json', hsdsServiceAt(40.44)));
    expect(result).toMatchObject({ written: 1, errors: [], typeCounts: { food_pantry: 1 } });
    const [site] = (await repositories(database.db).sites.list(siteFilterSchema.parse({ text: 'MyCity Civic Center' }), audienceFor('steward')));
    expect(site).toMatchObject({ functionType: 'food_pantry', openingHours: 'Th,Fr 10:00-18:00', group: { name: 'Example Organization Inc.' } });
  });

  it.skipIf(skipRealData)('reports each invalid Murmurations profile by field and writes none of the file', async () => {
    const text = readFileSync(dataFile('murmurations', 'e2e_test_profiles_from_MurmurationsServices.json'));
    const result = await commitImport(database.db, systemActor(NOW), file('profiles.json', text));
    expect(result.format).toBe('murmurations');
    expect(result.written).toBe(0);
    expect(result.errors).toEqual(expect.arrayContaining([
      { row: 1, field: 'name', message: 'must be a text (profile “123”)' },
      { row: 2, field: 'geolocation.lon', message: 'is required (profile “IC3 Dev”)' },
      { row: 3, field: 'geolocation.lat', message: 'is above 90 (profile “IC3 Dev”)' },
      { row: 5, field: 'linked_schemas.0', message: 'a schema name like organizations_schema-v1.0.0 (profile “IC3 Dev”)' },
      { row: 6, field: 'linked_schemas', message: 'names at least one schema (profile “IC3 Dev”)' },
    ]));
    // "Profile that validates" is a valid profile; it only lacks tags to say what it is.
    expect(result.errors.filter((e) => e.row === 7)).toEqual([{ row: 7, field: 'tags', message: 'no function type; choose a type column, a default type, or skip unmapped rows' }]);
  });

  it('links two Murmurations profiles through their relationship, as groups', async () => {
    const profiles = [
      { linked_schemas: ['organizations_schema-v1.0.0'], name: 'Mission Fridge', primary_url: 'https://missionfridge.example', tags: ['mutual aid', 'community fridge'], geolocation: { lat: 37.76, lon: -122.42 }, relationships: [{ predicate_url: 'https://schema.org/memberOf', object_url: 'https://gardens.example/' }] },
      { linked_schemas: ['organizations_schema-v1.0.0'], name: 'Gardens Collective', primary_url: 'https://gardens.example', tags: ['community garden'], geolocation: { lat: 37.75, lon: -122.43 } },
    ];
    const result = await commitImport(database.db, systemActor(NOW), file('profiles.murmurations.json', JSON.stringify(profiles)));
    expect(result).toMatchObject({ written: 2, typeCounts: { community_fridge: 1, community_garden: 1 } });
    const links = await repositories(database.db).links.list(audienceFor('steward'));
    expect(links).toEqual([expect.objectContaining({ kind: 'shared_members' })]);
  });

  it('refuses a file that is not an .osm.pbf, saying so, and writes nothing', async () => {
    const before = await siteNames();
    await expect(commitImport(database.db, systemActor(NOW), file('garden.osm.pbf', 'name,latitude\nA,1\n'))).rejects.toThrow(/garden\.osm\.pbf: not an OpenStreetMap \.osm\.pbf file/);
    expect(await siteNames()).toEqual(before);
  });
});

describe.skipIf(skipRealData)('reading Midtown Manhattan’s OpenStreetMap extract by tags', () => {
  const bytes = () => readFileSync(dataFile('nyc', 'midtown-manhattan.osm.pbf'));

  it('reads only the features with the tags asked for, as points and closed polygons', () => {
    const source = readOsmRecords(bytes(), 'midtown-manhattan.osm.pbf', 'leisure=garden');
    expect(source.records.length).toBeGreaterThan(100);
    expect(source.records.every((record) => record.properties.leisure === 'garden')).toBe(true);
    expect(new Set(source.records.map((record) => record.geometry.type))).toEqual(new Set(['Point', 'Polygon']));
    // OSM marks a community garden with garden:type=community.
    const community = source.records.filter((record) => record.kind === 'community garden');
    expect(community.length).toBeGreaterThan(0);
    expect(community.every((record) => record.properties['garden:type'] === 'community')).toBe(true);
  });

  it('refuses a tag filter that is not key=value', () => {
    expect(() => readOsmRecords(bytes(), 'midtown-manhattan.osm.pbf', 'leisure=')).toThrow(/the tag filter “leisure=” should read key=value/);
  });

  it('previews the extract with a type map, every feature counted', async () => {
    const database = await openTestDatabase('sqlite');
    try {
      const result = await previewImport(database.db, systemActor(NOW), { name: 'midtown-manhattan.osm.pbf', bytes: bytes() }, { tags: 'leisure=garden,amenity=social_facility', typeMap: { social_facility: 'skip' } });
      expect(result.format).toBe('osm');
      expect(result.ready + result.leftOut + result.problemRows).toBe(result.total);
      expect(result.kinds.find((k) => k.kind === 'social_facility')).toMatchObject({ leftOut: expect.any(Number), ready: 0 });
    } finally {
      await database.dispose();
    }
  });
});
