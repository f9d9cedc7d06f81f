/**
 * A site more than a few kilometres outside the network's area is asked about before it is
 * written: from the map (sites.create) and in an import (the dialog and the command line share
 * commitImport), and a site moved there. Nothing is written until it is confirmed. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs, NOW, refusal, seedNetwork, viewerFor, type Seeded } from './fixtures';
import { auditArea } from './auditFixtures';
import { commitImport, previewImport } from '../../server/import/importSites';
import { repositories } from '../../server/repositories';

const kinds = await databaseKinds();
const steward = { viewer: viewerFor('steward'), now: NOW };
const CSV = ['name,latitude,longitude,type', 'Mission Fridge,37.7700,-122.4100,community fridge', 'Other City Garden,37.7700,-121.4100,community garden', 'Next Town Pantry,37.8400,-122.4100,food pantry', ''].join('\n');
const file = { name: 'sites.csv', bytes: new TextEncoder().encode(CSV) };

describe.each(kinds)('places far outside the network’s area on %s', (kind) => {
  let database: TestDatabase;
  let seeded: Seeded;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    seeded = await seedNetwork(database.db);
    await auditArea(seeded.services);
  }, 60_000);
  afterAll(() => database?.dispose());

  const sites = () => repositories(database.db).sites.count();

  it('a new point 5.6 km outside is refused until confirmed, naming the site and the area, and nothing is written', async () => {
    const before = await sites();
    const input = { name: 'Hilltop Fridge', functionType: 'community_fridge', geometry: { type: 'Point' as const, coordinates: [-122.41, 37.84] as [number, number] } };
    const refused = await refusal(callerAs(seeded.services, 'member').sites.create(input));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/^“Hilltop Fridge” would be 5\.\d km outside the network’s area \(Mission Flats\)\. Check the place on the map, or confirm that it belongs there$/);
    expect(await sites()).toBe(before);
    const created = await callerAs(seeded.services, 'member').sites.create({ ...input, confirmFar: true });
    expect(created.name).toBe('Hilltop Fridge');
    expect(await sites()).toBe(before + 1);
  });

  it('moving a site 5.6 km outside is refused until confirmed, and the site stays where it was', async () => {
    const member = callerAs(seeded.services, 'member');
    const site = await member.sites.get({ id: seeded.publicPantry.id });
    const away = { type: 'Point' as const, coordinates: [-122.41, 37.84] as [number, number] };
    const refused = await refusal(member.sites.update({ id: site.id, version: site.version, changes: { geometry: away } }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/^“Open Pantry” would be 5\.\d km outside the network’s area \(Mission Flats\)/);
    const unchanged = await member.sites.get({ id: site.id });
    expect([unchanged.version, unchanged.geometry]).toEqual([site.version, site.geometry]);
    const moved = await member.sites.update({ id: site.id, version: site.version, changes: { geometry: away }, confirmFar: true });
    expect(moved.geometry).toEqual(away);
    // Moving it back inside needs no confirming.
    await member.sites.update({ id: site.id, version: moved.version, changes: { geometry: site.geometry! } });
  });

  it('a new point inside the area needs no confirming', async () => {
    const created = await callerAs(seeded.services, 'member').sites.create({ name: 'Corner Fridge', functionType: 'community_fridge', geometry: { type: 'Point', coordinates: [-122.405, 37.765] } });
    expect(created.name).toBe('Corner Fridge');
  });

  it('an import names the far rows, furthest first, as problems under “location”, and writes nothing', async () => {
    const before = await sites();
    const preview = await previewImport(database.db, steward, file, { format: 'csv', typeColumn: 'type' });
    expect(preview.farFromArea.map((place) => [place.row, place.name])).toEqual([[2, 'Other City Garden'], [3, 'Next Town Pantry']]);
    expect(preview.errors.map((error) => [error.row, error.field])).toEqual([[2, 'location'], [3, 'location']]);
    expect(preview.errors[1].message).toMatch(/^“Next Town Pantry” is 5\.\d km outside the network’s area \(Mission Flats\), more than 3 km: check its coordinates, or confirm far places to import it there$/);
    expect([preview.ready, preview.problemRows]).toEqual([1, 2]);
    const refused = await commitImport(database.db, steward, file, { format: 'csv', typeColumn: 'type' });
    expect(refused.written).toBe(0);
    expect(await sites()).toBe(before);
  });

  it('an import confirmed with confirmFar writes every row and says how many were far', async () => {
    const before = await sites();
    const result = await commitImport(database.db, steward, file, { format: 'csv', typeColumn: 'type', confirmFar: true });
    expect(result.errorCount).toBe(0);
    expect(result.written).toBe(3);
    expect(result.notes).toContain('2 rows are more than 3 km outside the network’s area, imported as confirmed');
    expect(await sites()).toBe(before + 3);
  });
});
