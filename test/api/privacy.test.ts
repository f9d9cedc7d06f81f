import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs, seedNetwork, shelterPoint, type Seeded } from './fixtures';
import type { Role } from '../../shared/privacy/roles';

const kinds = await databaseKinds();

/** The exact coordinates of the block-precision site, as digits that must never leak. */
const exactDigits = [String(shelterPoint.coordinates[0]).slice(0, 10), String(shelterPoint.coordinates[1]).slice(0, 9)];

async function everythingVisibleTo(seeded: Seeded, role: Role): Promise<string> {
  const caller = callerAs(seeded.services, role);
  const parts: unknown[] = [
    await caller.sites.list({ status: 'all' }),
    await caller.sites.list({ bbox: [-123, 37, -122, 38] }),
    await caller.sites.map({ status: 'all' }),
    await caller.sites.map({ bbox: [-123, 37, -122, 38] }),
    await caller.groups.list(),
    await caller.links.list(),
    await caller.sites.get({ id: seeded.blockDefence.id }),
  ];
  if (role !== 'public') parts.push(await caller.changes.recent({ limit: 100 }));
  return JSON.stringify(parts);
}

describe.each(kinds)('what each role receives, on %s', (kind) => {
  let database: TestDatabase;
  let seeded: Seeded;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    seeded = await seedNetwork(database.db);
  });
  afterAll(() => database.dispose());

  it('the public sees public sites only', async () => {
    const names = (await callerAs(seeded.services, 'public').sites.list({})).map((s) => s.name).sort();
    expect(names).toEqual(['Eviction Defence Hub', 'Open Pantry']);
  });

  it('a member also sees members-only sites, but never a stewards-only one', async () => {
    const names = (await callerAs(seeded.services, 'member').sites.list({})).map((s) => s.name).sort();
    expect(names).toEqual(['Eviction Defence Hub', 'Members Fridge', 'Open Pantry']);
  });

  it('a steward sees every site', async () => {
    expect(await callerAs(seeded.services, 'steward').sites.list({})).toHaveLength(4);
  });

  it('a stewards-only site is "not found" for anyone else, exactly like a missing one', async () => {
    for (const role of ['public', 'member', 'auditor'] as const) {
      await expect(callerAs(seeded.services, role).sites.get({ id: seeded.stewardsShelter.id })).rejects.toThrow(/no site with id/);
    }
  });

  for (const role of ['public', 'member', 'auditor'] as const) {
    it(`the exact coordinates and address of a block-precision site never reach ${role === 'public' ? 'the public' : `a ${role}`}`, async () => {
      const everything = await everythingVisibleTo(seeded, role);
      for (const digits of exactDigits) expect(everything).not.toContain(digits);
      expect(everything).not.toContain('12 Hidden Lane');
      const site = await callerAs(seeded.services, role).sites.get({ id: seeded.blockDefence.id });
      expect(site.locationDegraded).toBe(true);
      expect(site.address).toBeNull();
    });

    it(`a stewards-only site's name never reaches ${role === 'public' ? 'the public' : `a ${role}`}, not even through the change log`, async () => {
      expect(await everythingVisibleTo(seeded, role)).not.toContain('Safe House');
    });
  }

  it('a steward receives the exact coordinates', async () => {
    const site = await callerAs(seeded.services, 'steward').sites.get({ id: seeded.blockDefence.id });
    expect(site.geometry).toEqual(shelterPoint);
    expect(site.locationDegraded).toBe(false);
  });

  it('a tiny box drawn around the real location finds nothing for the public, so it cannot be used to probe', async () => {
    const [lon, lat] = shelterPoint.coordinates;
    const probe = await callerAs(seeded.services, 'public').sites.list({ bbox: [lon - 0.00001, lat - 0.00001, lon + 0.00001, lat + 0.00001] });
    expect(probe.map((s) => s.name)).not.toContain('Eviction Defence Hub');
  });

  it('the map’s lean list puts a block-precision site at the degraded point its full record shows, flagged as degraded', async () => {
    const caller = callerAs(seeded.services, 'public');
    const full = await caller.sites.get({ id: seeded.blockDefence.id });
    const lean = await caller.sites.map({});
    const index = lean.ids.indexOf(seeded.blockDefence.id);
    const [lon, lat] = full.geometry!.type === 'Point' ? full.geometry!.coordinates : [NaN, NaN];
    expect([lean.lon[index], lean.lat[index]]).toEqual([Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
    expect(lean.degraded[index]).toBe(1);
  });

  it('the public map shows the same degraded point on every request', async () => {
    const first = await callerAs(seeded.services, 'public').sites.get({ id: seeded.blockDefence.id });
    const second = await callerAs(seeded.services, 'public').sites.get({ id: seeded.blockDefence.id });
    expect(second.geometry).toEqual(first.geometry);
  });

  it('a members-only group and its link stay out of public view, and a public site does not name it', async () => {
    const caller = callerAs(seeded.services, 'public');
    expect((await caller.groups.list()).map((g) => g.name)).toEqual(['Mission Commons']);
    expect(await caller.links.list()).toEqual([]);
  });

  it('a member cannot make a site visible to stewards only', async () => {
    await expect(callerAs(seeded.services, 'member').sites.create({ name: 'Hidden', functionType: 'library', geometry: { type: 'Point', coordinates: [-122.4, 37.7] }, visibility: 'stewards' }))
      .rejects.toThrow(/only stewards/);
  });
});
