import { describe, expect, it } from 'vitest';
import { compactSites, expandCompactSites, mapSiteOf, type ParcelGeometry } from '../../../shared/map/compactSites';
import { siteMapSchema, type Site } from '../../../shared/schemas/site';

function site(id: string, geometry: Site['geometry'], extra: Partial<Site> = {}): Site {
  return {
    id, name: `Site ${id}`, functionType: 'food_pantry', domain: 'food', groupId: null, groupName: null, geometry,
    locationDegraded: false, capacity: 40, capacityUnit: 'households_per_week', openingHours: 'Sa 10:00-12:00', openedOn: '2024-05-01', closedOn: null,
    status: 'active', description: 'A long description the map never needs.', address: '1 Main Street', visibility: 'public', precision: 'exact',
    version: 3, updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const parcel: ParcelGeometry = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };

const sites: Site[] = [
  site('a', { type: 'Point', coordinates: [-35.123456789, 41.987654321] }, { groupId: 'g1', groupName: 'Commons' }),
  site('b', parcel, { functionType: 'community_garden', domain: 'food', groupId: 'g1', groupName: 'Commons' }),
  site('c', null, { precision: 'none', locationDegraded: true, functionType: 'tenant_union', domain: 'housing' }),
  site('d', { type: 'Point', coordinates: [1, 2] }, { status: 'closed', closedOn: '2026-02-01', locationDegraded: true, groupId: 'g2', groupName: 'Other' }),
];

describe('the map’s compact list of sites', () => {
  it('unpacks to exactly what the map needs of each site, in the same order', () => {
    expect(expandCompactSites(compactSites(sites))).toEqual(sites.map(mapSiteOf));
  });

  it('packs again to the same columns it was unpacked from', () => {
    const compact = compactSites(sites);
    expect(compactSites(sites)).toEqual(compact);
    const again = expandCompactSites(compact);
    expect(again.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('matches its schema', () => {
    expect(siteMapSchema.safeParse(compactSites(sites)).success).toBe(true);
  });

  it('rounds a point to six decimals, about 10 cm', () => {
    const [a] = expandCompactSites(compactSites(sites));
    expect(a.position).toEqual([-35.123457, 41.987654]);
  });

  it('keeps a parcel’s outline and puts its marker at its middle', () => {
    const b = expandCompactSites(compactSites(sites))[1];
    expect(b.parcel).toEqual(parcel);
    expect(b.position).toEqual([1, 1]);
  });

  it('gives a site whose location is not shown no position and no outline', () => {
    const c = expandCompactSites(compactSites(sites))[2];
    expect(c).toMatchObject({ position: null, parcel: null, degraded: true, domain: 'housing' });
  });

  it('sends each function type and group once, however many sites share it', () => {
    const compact = compactSites(sites);
    expect(compact.functionTypes).toEqual([
      { id: 'food_pantry', domain: 'food' }, { id: 'community_garden', domain: 'food' }, { id: 'tenant_union', domain: 'housing' },
    ]);
    expect(compact.groupIds).toEqual(['g1', 'g2']);
    expect(compact.groupIndexes).toEqual([0, 0, -1, 1]);
  });

  it('leaves out what only the site panel shows: address, description, hours, capacity', () => {
    const text = JSON.stringify(compactSites(sites));
    for (const detail of ['1 Main Street', 'A long description', 'Sa 10:00', 'households_per_week', 'Commons']) expect(text).not.toContain(detail);
  });

  it('marks closed and degraded sites', () => {
    const d = expandCompactSites(compactSites(sites))[3];
    expect(d).toMatchObject({ status: 'closed', degraded: true, groupId: 'g2' });
  });
});
