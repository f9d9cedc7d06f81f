import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, refusal } from './fixtures';
import { compactSites } from '../../shared/map/compactSites';

const kinds = await databaseKinds();

describe.each(kinds)('sites through the API, on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);

  const member = () => callerAs(seeded.services, 'member');
  const countSites = async () => (await callerAs(seeded.services, 'steward').sites.list({ status: 'all' })).length;

  it('a member adds a garden parcel and finds it by name', async () => {
    const garden = await member().sites.create({
      name: 'Alemany Parcel Garden', functionType: 'community_garden',
      geometry: { type: 'Polygon', coordinates: [[[-122.42, 37.74], [-122.419, 37.74], [-122.419, 37.741], [-122.42, 37.741], [-122.42, 37.74]]] },
    });
    expect(garden.domain).toBe('food');
    const found = await callerAs(seeded.services, 'public').sites.list({ text: 'parcel garden' });
    expect(found.map((s) => s.id)).toEqual([garden.id]);
  });

  it('filters by domain, function type, group and bounding box', async () => {
    const caller = callerAs(seeded.services, 'steward');
    expect((await caller.sites.list({ domains: ['housing'] })).map((s) => s.name)).toEqual(['Eviction Defence Hub']);
    expect((await caller.sites.list({ functionTypes: ['community_fridge'] })).map((s) => s.name)).toEqual(['Members Fridge']);
    expect((await caller.sites.list({ groupIds: [seeded.commons.id] })).map((s) => s.name).sort()).toEqual(['Eviction Defence Hub', 'Open Pantry']);
    expect((await caller.sites.list({ bbox: [-122.419, 37.774, -122.418, 37.775] })).map((s) => s.name)).toEqual(['Open Pantry']);
  });

  it('a text search treats % and _ as plain characters', async () => {
    expect(await callerAs(seeded.services, 'public').sites.list({ text: '%' })).toEqual([]);
  });

  it('a member moves a site, and the change log says who did it without saying where', async () => {
    const site = await member().sites.get({ id: seeded.publicPantry.id });
    const moved = await member().sites.update({ id: site.id, version: site.version, changes: { geometry: { type: 'Point', coordinates: [-122.4175, 37.7751] } } });
    expect(moved.geometry).toEqual({ type: 'Point', coordinates: [-122.4175, 37.7751] });
    expect(moved.version).toBe(site.version + 1);
    const [entry] = await member().changes.recent({ limit: 1, entityId: site.id });
    expect(entry.summary).toBe('changed location of “Open Pantry”');
    expect(entry.who).toBe('A member');
  });

  it('a closed site leaves the active map but stays in history, and shows on the map as of before it closed', async () => {
    const site = await member().sites.create({ name: 'Pop-up Kitchen', functionType: 'community_kitchen', openedOn: '2025-01-10', geometry: { type: 'Point', coordinates: [-122.43, 37.76] } });
    await member().sites.close({ id: site.id, version: site.version, closedOn: '2026-06-30', reason: 'lease ended' });
    const publicCaller = callerAs(seeded.services, 'public');
    expect((await publicCaller.sites.list({})).map((s) => s.name)).not.toContain('Pop-up Kitchen');
    expect((await publicCaller.sites.list({ status: 'closed' })).map((s) => s.name)).toContain('Pop-up Kitchen');
    expect((await publicCaller.sites.list({ asOf: '2026-01-01' })).map((s) => s.name)).toContain('Pop-up Kitchen');
    expect((await publicCaller.sites.list({ asOf: '2024-12-31' })).map((s) => s.name)).not.toContain('Pop-up Kitchen');
  });

  it('two people saving the same site: the second is told, not silently overwritten', async () => {
    const site = await member().sites.get({ id: seeded.publicPantry.id });
    await member().sites.update({ id: site.id, version: site.version, changes: { capacity: 200 } });
    const error = await refusal(member().sites.update({ id: site.id, version: site.version, changes: { capacity: 50 } }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/changed by someone else/);
    expect((await member().sites.get({ id: site.id })).capacity).toBe(200);
  });

  it('the map’s lean list holds the same sites, in the same places, as the whole list, for every role and filter', async () => {
    for (const role of ['public', 'member', 'auditor', 'steward'] as const) {
      const caller = callerAs(seeded.services, role);
      for (const filter of [{ status: 'all' as const }, {}, { domains: ['food' as const] }, { bbox: [-123, 37, -122, 38] as [number, number, number, number] }, { text: 'garden' }]) {
        expect(await caller.sites.map(filter)).toEqual(compactSites(await caller.sites.list(filter)));
      }
    }
  });

  describe('bad input names the field and writes nothing', () => {
    it('a latitude of 100', async () => {
      const before = await countSites();
      const error = await refusal(member().sites.create({ name: 'Nowhere', functionType: 'library', geometry: { type: 'Point', coordinates: [-122.4, 100] } }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/latitude 100 is outside -90\.\.90/);
      expect(await countSites()).toBe(before);
    });

    it('an unknown function type', async () => {
      const before = await countSites();
      const error = await refusal(member().sites.create({ name: 'Mystery', functionType: 'space_elevator', geometry: { type: 'Point', coordinates: [-122.4, 37.7] } }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toBe('unknown function type “space_elevator”');
      expect(await countSites()).toBe(before);
    });

    it('a polygon that does not close', async () => {
      const before = await countSites();
      const error = await refusal(member().sites.create({ name: 'Open Ring', functionType: 'community_garden', geometry: { type: 'Polygon', coordinates: [[[-122.42, 37.74], [-122.419, 37.74], [-122.419, 37.741], [-122.42, 37.7415]]] } }));
      expect(error.message).toMatch(/does not close/);
      expect(await countSites()).toBe(before);
    });

    it('a negative capacity', async () => {
      const error = await refusal(member().sites.create({ name: 'Minus', functionType: 'library', capacity: -3, geometry: { type: 'Point', coordinates: [-122.4, 37.7] } }));
      expect(error.message).toMatch(/^capacity: capacity cannot be negative/);
    });

    it('closing a site before it opened', async () => {
      const site = await member().sites.create({ name: 'Young Site', functionType: 'library', openedOn: '2026-05-01', geometry: { type: 'Point', coordinates: [-122.4, 37.7] } });
      const error = await refusal(member().sites.close({ id: site.id, version: site.version, closedOn: '2026-01-01' }));
      expect(error.message).toMatch(/closedOn 2026-01-01 is before the site opened/);
      expect((await member().sites.get({ id: site.id })).status).toBe('active');
    });
  });
});
