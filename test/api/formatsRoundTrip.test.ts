/**
 * Every export format, read back by the import: the demo exported for stewards and imported
 * into an empty database gives the same sites (names, function types, positions within 1 m);
 * Murmurations files validate against the library's schemas (HSDS, checked against the
 * specification's examples, is in hsdsExamples.test.ts); and a members' or public file
 * carries no stewards-only name and no exact point of a degraded site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { dataFile, skipRealData } from '../helpers/sharedData';
import { loadDemo } from '../../server/demo/loadDemo';
import { exportSites, type ExportFormat } from '../../server/export/exportSites';
import { commitImport } from '../../server/import/importSites';
import { systemActor } from '../../server/services/context';
import { repositories } from '../../server/repositories';
import { audienceFor } from '../../server/privacy/audience';
import { siteFilterSchema } from '../../shared/schemas/site';
import { haversineMetres } from '../../shared/geo/measure';

const kinds = await databaseKinds();
const NOW = new Date('2026-11-29T09:00:00Z');
const FORMATS: ExportFormat[] = ['geojson', 'csv', 'kml', 'hsds', 'murmurations'];

interface Placed { name: string; functionType: string; lon: number; lat: number; precision: string }

async function sitesOf(database: TestDatabase): Promise<Placed[]> {
  const rows = await repositories(database.db).sites.list(siteFilterSchema.parse({ status: 'all' }), audienceFor('steward'));
  return rows.map((site) => ({ name: site.name, functionType: site.functionType, ...site.location.exact.point, precision: site.precision }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.lon - b.lon);
}

describe.each(kinds)('export then import into an empty database, on %s', (kind) => {
  let demo: TestDatabase;
  let original: Placed[];

  beforeAll(async () => {
    demo = await openTestDatabase(kind);
    await loadDemo(demo.db, NOW);
    original = await sitesOf(demo);
  }, 120_000);
  afterAll(() => demo?.dispose());

  it.each(FORMATS)('%s gives back every site with its name, function type and place', async (format) => {
    const file = await exportSites(demo.db, systemActor(NOW), format, 'steward');
    const empty = await openTestDatabase(kind);
    try {
      const result = await commitImport(empty.db, systemActor(NOW), { name: file.fileName, bytes: Buffer.from(file.text) });
      expect(result.errors).toEqual([]);
      expect(result.written).toBe(original.length);
      const back = await sitesOf(empty);
      expect(back.map((s) => [s.name, s.functionType])).toEqual(original.map((s) => [s.name, s.functionType]));
      back.forEach((site, i) => {
        // Every demo site is exported at its real place to stewards; a point comes back within 1 m.
        expect(haversineMetres([site.lon, site.lat], [original[i].lon, original[i].lat])).toBeLessThan(1);
      });
    } finally {
      await empty.dispose();
    }
  }, 120_000);
});

describe.skipIf(skipRealData)('exported files are what their standards expect', () => {
  let demo: TestDatabase;

  beforeAll(async () => {
    demo = await openTestDatabase('sqlite');
    await loadDemo(demo.db, NOW);
  }, 120_000);
  afterAll(() => demo?.dispose());

  it('every Murmurations profile validates against the library’s organizations schema', async () => {
    const library = dataFile('murmurations', 'MurmurationsLibrary');
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    for (const name of readdirSync(join(library, 'fields'))) {
      ajv.addSchema(JSON.parse(readFileSync(join(library, 'fields', name), 'utf8')), `https://test-library.murmurations.network/v2/fields/${name}`);
    }
    const validate = ajv.compile(JSON.parse(readFileSync(join(library, 'schemas', 'organizations_schema-v1.0.0.json'), 'utf8')));
    const profiles = JSON.parse((await exportSites(demo.db, systemActor(NOW), 'murmurations', 'public')).text) as unknown[];
    expect(profiles.length).toBeGreaterThan(100);
    const failures = profiles.map((profile) => (validate(profile) ? null : ajv.errorsText(validate.errors))).filter(Boolean);
    expect(failures).toEqual([]);
  });

  it('the library’s schema refuses a profile without a name, so the check above can fail', async () => {
    const library = dataFile('murmurations', 'MurmurationsLibrary');
    const ajv = new Ajv({ strict: false, validateSchema: false });
    for (const name of readdirSync(join(library, 'fields'))) {
      ajv.addSchema(JSON.parse(readFileSync(join(library, 'fields', name), 'utf8')), `https://test-library.murmurations.network/v2/fields/${name}`);
    }
    const validate = ajv.compile(JSON.parse(readFileSync(join(library, 'schemas', 'organizations_schema-v1.0.0.json'), 'utf8')));
    expect(validate({ linked_schemas: ['organizations_schema-v1.0.0'], geolocation: { lat: 1, lon: 2 } })).toBe(false);
  });
});

describe('new export formats keep to the audience', () => {
  let demo: TestDatabase;
  let stewardsOnly: string[];
  let degraded: { name: string; lon: number; lat: number }[];

  beforeAll(async () => {
    demo = await openTestDatabase('sqlite');
    await loadDemo(demo.db, NOW);
    const rows = await repositories(demo.db).sites.list(siteFilterSchema.parse({ status: 'all' }), audienceFor('steward'));
    stewardsOnly = rows.filter((row) => row.visibility === 'stewards').map((row) => row.name);
    degraded = rows.filter((row) => row.precision !== 'exact' && row.visibility !== 'stewards').map((site) => ({ name: site.name, ...site.location.exact.point }));
    expect(stewardsOnly.length).toBeGreaterThan(0);
    expect(degraded.length).toBeGreaterThan(0);
    // Only coordinates with six decimals or more are specific enough to search for.
    degraded = degraded.filter((site) => /\.\d{6}/.test(String(site.lon)) && /\.\d{6}/.test(String(site.lat)));
    expect(degraded.length).toBeGreaterThan(5);
  }, 120_000);
  afterAll(() => demo?.dispose());

  for (const format of ['kml', 'hsds', 'murmurations'] as const) {
    it(`a steward's ${format} file does hold those exact points, so the search below is a real one`, async () => {
      const text = (await exportSites(demo.db, systemActor(NOW), format, 'steward')).text;
      for (const site of degraded) expect(text).toContain(String(site.lon));
    });

    for (const as of ['public', 'member'] as const) {
      it(`a ${as} ${format} file names no stewards-only site and holds no exact point of a degraded site`, async () => {
        const text = (await exportSites(demo.db, systemActor(NOW), format, as)).text;
        for (const name of stewardsOnly) expect(text).not.toContain(name);
        for (const site of degraded) {
          // The whole stored coordinate (seven decimals), which only the real place has.
          expect(text).not.toContain(String(site.lon));
          expect(text).not.toContain(String(site.lat));
        }
      });
    }
  }
});
