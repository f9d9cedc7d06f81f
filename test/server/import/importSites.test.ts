import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WHOLE_TRUTH } from '../../../server/privacy/policy';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { dataFile, sharedDataSkipReason, skipRealData } from '../../helpers/sharedData';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { commitImport, IMPORT_SIZE_LIMIT, previewImport } from '../../../server/import/importSites';
import { repositories } from '../../../server/repositories';
import { audienceFor } from '../../../server/privacy/audience';
import { siteFilterSchema } from '../../../shared/schemas/site';
import { KudzuError } from '../../../shared/errors';
import { actorAs, fixtureFile, seedSites, snapshot, steward, textFile } from './support';

const kinds = await databaseKinds();

function realFile(...parts: string[]) {
  const path = dataFile(...parts);
  return { name: basename(path), bytes: readFileSync(path) };
}

async function stored(database: TestDatabase) {
  return repositories(database.db).sites.list(siteFilterSchema.parse({ status: 'all' }), audienceFor('steward'));
}

describe.each(kinds)('importing sites on %s', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => { database = await openTestDatabase(kind); });
  afterEach(async () => { await database.dispose(); });

  describe.skipIf(skipRealData)(`the real files${sharedDataSkipReason ? ` (skipped: ${sharedDataSkipReason})` : ''}`, () => {
    it('imports the San Francisco OSM points that are commons and reports every other kind it left out', async () => {
      const result = await commitImport(database.db, steward, realFile('sf', 'osm-pois.geojson'));
      expect(result).toMatchObject({ total: 275, errorCount: 0, written: 24, typeCounts: { community_garden: 20, social_centre: 4 } });
      expect(result.skipped).toHaveLength(251);
      expect(result.skippedReasons.find((r) => r.reason.includes('“supermarket”'))?.count).toBe(109);
      const rows = await stored(database);
      expect(rows).toHaveLength(24);
      expect(rows.every((row) => row.source === 'osm-pois.geojson' && row.sourceRef?.startsWith('feature '))).toBe(true);
    });

    it('puts the whole San Francisco file in a reference layer when a layer is named, so supermarkets can be food sources', async () => {
      const result = await commitImport(database.db, steward, realFile('sf', 'osm-pois.geojson'), { layer: 'osm-pois' });
      expect(result).toMatchObject({ written: 275, layer: 'osm-pois', errorCount: 0 });
      const layer = await repositories(database.db).references.layer('osm-pois', WHOLE_TRUTH.tiers);
      expect(layer.filter((f) => f.properties.kind === 'supermarket')).toHaveLength(109);
      expect(await stored(database)).toHaveLength(0);
    });

    it('refuses the Pittsburgh file as it stands, naming each row with no type or an unmapped one, and writes nothing', async () => {
      const result = await commitImport(database.db, steward, realFile('pittsburgh', 'food-sites-2022-08-28.csv'));
      expect(result).toMatchObject({ total: 1327, written: 0, errorCount: 382 });
      expect(result.errors.filter((e) => e.message.includes("“farmer's market”"))).toHaveLength(79);
      expect(result.errors.every((e) => e.field === 'type' && typeof e.row === 'number')).toBe(true);
      expect(await stored(database)).toHaveLength(0);
    });

    it('imports the Pittsburgh food banks, gardens and meal sites once unmapped rows are skipped', async () => {
      const result = await commitImport(database.db, steward, realFile('pittsburgh', 'food-sites-2022-08-28.csv'), { skipUnmapped: true });
      expect(result).toMatchObject({ written: 295, errorCount: 0, typeCounts: { food_pantry: 137, community_garden: 136, community_kitchen: 22 } });
      expect(result.skipped).toHaveLength(1032);
      expect((await stored(database)).find((row) => row.name === 'ANGORA GARDENS')).toMatchObject({ functionType: 'community_garden', sourceRef: '1', address: '3 Muse Lane' });
    });

    it('imports the New York fridges as community fridges, naming the unnamed ones by address', async () => {
      const result = await commitImport(database.db, steward, realFile('nyc', 'community-fridges-2021.json'));
      expect(result).toMatchObject({ total: 54, written: 54, errorCount: 0, typeCounts: { community_fridge: 54 } });
      expect((await stored(database)).filter((row) => row.name.startsWith('Community fridge at '))).toHaveLength(18);
    });

    it('reports every New York fridge as a likely duplicate when the file is imported again', async () => {
      await commitImport(database.db, steward, realFile('nyc', 'community-fridges-2021.json'));
      const again = await previewImport(database.db, steward, realFile('nyc', 'community-fridges-2021.json'));
      expect(again.duplicates).toHaveLength(54);
      expect(again.duplicates.every((d) => d.existingId !== null && d.distanceMetres === 0)).toBe(true);
      const skipping = await commitImport(database.db, steward, realFile('nyc', 'community-fridges-2021.json'), { skipDuplicates: true });
      expect(skipping.written).toBe(0);
      expect(await stored(database)).toHaveLength(54);
    });
  });

  it('writes nothing on a dry run, and reports what it would write', async () => {
    const result = await previewImport(database.db, steward, fixtureFile('chosen-columns.csv'), { nameColumn: 'Site Name', latColumn: 'Y', lonColumn: 'X', typeColumn: 'What' });
    expect(result).toMatchObject({ dryRun: true, valid: 3, written: 0 });
    expect(result.preview.map((p) => p.name)).toEqual(['Tool Shed', 'Fix-It Night', 'Pantry One']);
    expect(await stored(database)).toHaveLength(0);
  });

  it('writes every site and one change-log entry when no row is at fault', async () => {
    const result = await commitImport(database.db, steward, fixtureFile('fridges.json'), { defaultType: 'community_fridge', visibility: 'members', precision: 'block' });
    expect(result.written).toBe(2);
    const rows = await stored(database);
    expect(rows.map((r) => [r.visibility, r.precision, r.source])).toEqual([['members', 'block', 'fridges.json'], ['members', 'block', 'fridges.json']]);
    const log = await database.db.selectFrom('change_log').selectAll().execute();
    expect(log.map((e) => e.summary)).toEqual(['imported 2 sites from fridges.json']);
  });

  it('flags a name repeated within 50 m inside one file', async () => {
    const csv = 'name,latitude,longitude,type\nCorner Fridge,40.7,-73.95,community_fridge\ncorner fridge!,40.7002,-73.95,community_fridge\n';
    const result = await previewImport(database.db, steward, textFile('twice.csv', csv));
    expect(result.duplicates).toEqual([{ row: 2, name: 'corner fridge!', existingId: null, existingRow: 1, existingName: 'Corner Fridge', distanceMetres: expect.any(Number) }]);
  });

  describe('bad input leaves the database exactly as before', () => {
    const cases: [string, () => ReturnType<typeof fixtureFile>, Record<string, unknown>, RegExp][] = [
      ['a malformed GeoJSON', () => fixtureFile('malformed.geojson'), {}, /file: the file is not valid GeoJSON/],
      ['a latitude of 100 on row 3', () => fixtureFile('latitude-100.csv'), {}, /row 3, latitude: latitude 100 is outside -90\.\.90/],
      ['an unknown function type on row 2', () => fixtureFile('unknown-type.geojson'), {}, /row 2, properties\.functionType: unknown function type “space_elevator”/],
      ['a polygon that does not close', () => fixtureFile('unclosed-polygon.geojson'), {}, /row 2, geometry\.coordinates\.0: the polygon ring does not close/],
      ['a row with the wrong number of fields', () => fixtureFile('wrong-field-count.csv'), {}, /row 2, file:/],
      ['a group that does not exist', () => fixtureFile('latitude-100.csv'), { groupId: 'no-such-group' }, /groupId: there is no group with id no-such-group/],
    ];
    it.each(cases)('%s', async (_label, file, options, expected) => {
      await seedSites(database.db);
      const before = await snapshot(database.db);
      const result = await commitImport(database.db, steward, file(), options);
      expect(result.written).toBe(0);
      expect(result.errors.map((e) => `${e.row === null ? '' : `row ${e.row}, `}${e.field}: ${e.message}`).join('\n')).toMatch(expected);
      expect(await snapshot(database.db)).toBe(before);
    });

    it('a file over 25 MB is refused as too large', async () => {
      await seedSites(database.db);
      const before = await snapshot(database.db);
      const big = { name: 'big.csv', bytes: Buffer.alloc(IMPORT_SIZE_LIMIT + 1, 0x20) };
      await expect(commitImport(database.db, steward, big)).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('limit is 25 MB') });
      expect(await snapshot(database.db)).toBe(before);
    });

    it('a public caller is told to sign in as a member; a member may not import stewards-only sites', async () => {
      await seedSites(database.db);
      const before = await snapshot(database.db);
      await expect(commitImport(database.db, actorAs('public'), fixtureFile('fridges.json'), { defaultType: 'community_fridge' }))
        .rejects.toMatchObject({ code: 'UNAUTHENTICATED', details: { permission: 'member' } });
      const forbidden = commitImport(database.db, actorAs('member'), fixtureFile('fridges.json'), { defaultType: 'community_fridge', visibility: 'stewards' });
      await expect(forbidden).rejects.toBeInstanceOf(KudzuError);
      await expect(forbidden).rejects.toMatchObject({ code: 'FORBIDDEN', details: { permission: 'steward' } });
      expect(await snapshot(database.db)).toBe(before);
    });

    it('a failure in the middle of the write rolls every row back', async () => {
      await seedSites(database.db);
      const before = await snapshot(database.db);
      const failing = commitImport(database.db, steward, fixtureFile('fridges.json'), { defaultType: 'community_fridge' }, {
        onWriteStart: () => { throw new Error('the disk is full'); },
      });
      await expect(failing).rejects.toThrow('the disk is full');
      expect(await snapshot(database.db)).toBe(before);
    });
  });
});
