import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, NOW, shelterPoint, viewerFor, type Seeded } from './fixtures';
import type { Role } from '../../shared/privacy/roles';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/** Every site feature in the tiles over a point at zooms 0 to 16, as the role receives them. */
async function tileFeaturesAround(seeded: Seeded, role: Role, [lon, lat]: [number, number]) {
  const features: { lon: number; lat: number; z: number; properties: Record<string, unknown> }[] = [];
  for (let z = 0; z <= 16; z++) {
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
    const tile = await seeded.services.siteTiles.tile({ viewer: viewerFor(role), now: NOW }, { status: 'all' }, z, x, y);
    const layer = new VectorTile(new PbfReader(tile.body)).layers.sites;
    for (let i = 0; i < (layer?.length ?? 0); i++) {
      const feature = layer!.feature(i).toGeoJSON(x, y, z);
      const [fLon, fLat] = feature.geometry.type === 'Point' ? feature.geometry.coordinates : [NaN, NaN];
      features.push({ lon: fLon, lat: fLat, z, properties: feature.properties as Record<string, unknown> });
    }
  }
  return features;
}

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
  const seeded = seededNetworkPerFile(kind);

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

  for (const role of ['public', 'member', 'auditor'] as const) {
    it(`no site tile ${role === 'public' ? 'the public gets' : `a ${role} gets`}, at any zoom, holds a stewards-only site, counts it in a cluster, or places the block-precision site at its real point`, async () => {
      const features = await tileFeaturesAround(seeded, role, shelterPoint.coordinates);
      expect(features.some((f) => f.properties.name === 'Eviction Defence Hub')).toBe(true);
      expect(features.some((f) => f.properties.name === 'Safe House')).toBe(false);
      const located = (await callerAs(seeded.services, role).sites.map({ status: 'all' })).lon.filter((lon) => lon !== null).length;
      const atZoomZero = features.filter((f) => f.z === 0).reduce((sum, f) => sum + (f.properties.cluster ? Number(f.properties.point_count) : 1), 0);
      expect(atZoomZero).toBe(located);
      const [lon, lat] = shelterPoint.coordinates;
      const defence = features.filter((f) => f.properties.name === 'Eviction Defence Hub' && f.z === 16);
      expect(defence).toHaveLength(1);
      // A zoom-16 tile places a point within about 5 cm: the real one is farther than that.
      expect(Math.hypot(defence[0].lon - lon, defence[0].lat - lat)).toBeGreaterThan(0.0001);
      expect(defence[0].properties.degraded).toBe(true);
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
