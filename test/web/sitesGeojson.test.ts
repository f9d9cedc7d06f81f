import { describe, expect, it } from 'vitest';
import type { Site } from '../../shared/schemas/site';
import { mapSiteOf } from '../../shared/map/compactSites';
import { sitePosition, sitesBounds, sitesToParcels, sitesToPoints } from '../../web/src/map/sitesGeojson';

function site(id: string, geometry: Site['geometry'], extra: Partial<Site> = {}) {
  return mapSiteOf({
    id, name: `Site ${id}`, functionType: 'food_pantry', domain: 'food', groupId: null, groupName: null, geometry,
    locationDegraded: false, capacity: null, capacityUnit: null, openingHours: null, openedOn: null, closedOn: null,
    status: 'active', description: '', address: null, visibility: 'public', precision: 'exact', version: 1, updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  });
}

const parcel: Site['geometry'] = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };

describe('sites as map features', () => {
  it('gives parcels a marker at their middle and leaves out sites with no location', () => {
    const points = sitesToPoints([site('a', { type: 'Point', coordinates: [-35, 42] }), site('b', parcel), site('c', null)]);
    expect(points.features.map((f) => [f.properties.id, f.geometry.coordinates, f.properties.parcel])).toEqual([
      ['a', [-35, 42], false],
      ['b', [1, 1], true],
    ]);
  });

  it('carries what the layers style by: domain, status and a degraded location', () => {
    const [feature] = sitesToPoints([site('a', { type: 'Point', coordinates: [1, 2] }, { status: 'closed', locationDegraded: true })]).features;
    expect(feature.properties).toMatchObject({ domain: 'food', status: 'closed', degraded: true });
  });

  it('draws only polygons as parcels', () => {
    expect(sitesToParcels([site('a', { type: 'Point', coordinates: [1, 2] }), site('b', parcel)]).features.map((f) => f.properties.id)).toEqual(['b']);
  });

  it('finds the box around every located site, parcels by their corners', () => {
    expect(sitesBounds([site('a', { type: 'Point', coordinates: [-1, 5] }), site('b', parcel), site('c', null)])).toEqual([-1, 0, 2, 5]);
    expect(sitesBounds([site('c', null)])).toBeNull();
  });

  it('puts a full site’s marker where the lean list puts it', () => {
    const triangle: Site['geometry'] = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [0, 3], [0, 0]]] };
    expect(sitePosition({ geometry: triangle })).toEqual([1, 1]);
    expect(site('t', triangle).position).toEqual([1, 1]);
  });
});
