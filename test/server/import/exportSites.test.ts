import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { exportSites } from '../../../server/export/exportSites';
import { commitImport } from '../../../server/import/importSites';
import { actorAs, hiddenPoint, seedSites, steward, textFile } from './support';

const kinds = await databaseKinds();
// The digits that pin the block-precision site: they must appear in no file below steward.
const hiddenDigits = [String(hiddenPoint[0]).slice(-8), String(hiddenPoint[1]).slice(-8)];

describe.each(kinds)('exporting sites on %s', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    await seedSites(database.db);
  });
  afterEach(async () => { await database.dispose(); });

  const lowerAudiences = [['public', 'geojson'], ['public', 'csv'], ['member', 'geojson'], ['member', 'csv']] as const;

  it.each(lowerAudiences)('a %s %s export never holds a stewards-only site, nor the exact place or address of a block-precision site', async (as, format) => {
    const file = await exportSites(database.db, steward, format, as);
    expect(file.text).toContain('Eviction Defence Hub');
    expect(file.text).not.toContain('Safe House');
    for (const digits of hiddenDigits) expect(file.text).not.toContain(digits);
    expect(file.text).not.toContain('12 Hidden Lane');
  });

  it('a public export leaves out members-only sites; a member export has them', async () => {
    expect((await exportSites(database.db, steward, 'csv', 'public')).text).not.toContain('Members Fridge');
    expect((await exportSites(database.db, steward, 'csv', 'member')).text).toContain('Members Fridge');
  });

  it('a steward export has every site at its exact place', async () => {
    const file = await exportSites(database.db, steward, 'geojson', 'steward');
    for (const digits of hiddenDigits) expect(file.text).toContain(digits);
    expect(file.text).toContain('Safe House');
  });

  it('GeoJSON carries the shown (snapped) point and the listed properties', async () => {
    const collection = JSON.parse((await exportSites(database.db, steward, 'geojson', 'public')).text);
    const hub = collection.features.find((f: { properties: { name: string } }) => f.properties.name === 'Eviction Defence Hub');
    expect(Object.keys(hub.properties)).toEqual(expect.arrayContaining(['id', 'name', 'functionType', 'domain', 'group', 'capacity', 'capacityUnit', 'openingHours', 'openedOn', 'closedOn', 'status', 'precision']));
    expect(hub.properties).toMatchObject({ precision: 'block', locationDegraded: true, address: null });
    expect(hub.geometry.type).toBe('Point');
    expect(hub.geometry.coordinates).not.toEqual(hiddenPoint);
  });

  it('a site with precision none is left out of GeoJSON and listed in CSV with no coordinates', async () => {
    expect((await exportSites(database.db, steward, 'geojson', 'public')).text).not.toContain('Travelling Clinic');
    const csv = Papa.parse<Record<string, string>>((await exportSites(database.db, steward, 'csv', 'public')).text, { header: true, skipEmptyLines: true });
    expect(csv.data.find((row) => row.name === 'Travelling Clinic')).toMatchObject({ latitude: '', longitude: '', precision: 'none' });
    expect((await exportSites(database.db, steward, 'csv', 'public')).text).not.toContain('4311111');
  });

  it('a public caller cannot export for members, and a member cannot export for stewards, each told the role needed', async () => {
    await expect(exportSites(database.db, actorAs('public'), 'csv', 'member')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', details: { permission: 'member' } });
    await expect(exportSites(database.db, actorAs('member'), 'geojson', 'steward')).rejects.toMatchObject({ code: 'FORBIDDEN', details: { permission: 'steward' } });
    expect((await exportSites(database.db, actorAs('public'), 'csv', 'public')).count).toBe(3);
  });

  it('an exported CSV imports again with its columns recognised', async () => {
    const csv = await exportSites(database.db, steward, 'csv', 'steward');
    const fresh = await openTestDatabase('sqlite');
    try {
      const result = await commitImport(fresh.db, steward, textFile('kudzu-sites-steward.csv', csv.text), { skipUnmapped: true });
      expect(result.errors).toEqual([]);
      // The site with no shown place still has its real point in a steward file.
      expect(result.written).toBe(5);
      expect(result.columns).toMatchObject({ name: 'name', latitude: 'latitude', longitude: 'longitude', type: 'functionType', address: 'address', id: 'id' });
    } finally {
      await fresh.dispose();
    }
  });
});
