/**
 * After an edit, the tiles read only the sites written since their drawing was read — those
 * stamped since, and those this process wrote whatever their stamp — and draw them in place
 * of what the drawing held: a new type, a new site, a closed one, a type moved out of a
 * filter. A change of who sees what, or where, reads every site again. SQLite and
 * PostgreSQL, over the demo.
 */
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { demoNetworkPerFile } from '../helpers/perFile';
import { SiteTileService } from '../../server/services/siteTiles.service';
import type { SiteService } from '../../server/services/site.service';
import { storeOf, repositories } from '../../server/repositories';
import { callerAs, NOW, viewerFor } from './fixtures';
import { decode, tilePathAt } from '../helpers/siteTiles';
import type { SiteTileParams } from '../../shared/schemas/siteTiles';
import type { MapSite } from '../../shared/map/compactSites';

const kinds = await databaseKinds();
const publicActor = { viewer: viewerFor('public'), now: NOW };
const ACTIVE: SiteTileParams = { status: 'active' };

describe.each(kinds)('site tiles after edits, on %s', (kind) => {
  const demo = demoNetworkPerFile(kind, NOW);

  /** Tiles over the demo whose every reading of the sites is counted: all of them, or those written since. */
  function countedTiles() {
    const reads = { all: 0, written: 0 };
    const sites = new Proxy(demo.services.sites, {
      get(target, key, receiver) {
        if (key === 'mapSites') reads.all += 1;
        if (key === 'mapSitesWritten') reads.written += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as SiteService;
    return { reads, tiles: new SiteTileService(storeOf(demo.database.db), sites) };
  }

  /** The site as the zoom-16 tile at its place draws it (nothing there when it is not drawn). */
  async function drawn(tiles: SiteTileService, site: MapSite, params: SiteTileParams = ACTIVE) {
    const [z, x, y] = tilePathAt(site.position!, 16).match(/\d+/g)!.map(Number);
    return decode((await tiles.tile(publicActor, params, z, x, y)).body, z, x, y).find((feature) => feature.properties.id === site.id)?.properties;
  }

  const steward = () => callerAs(demo.services, 'steward');
  const publicSites = (params: object = {}) => demo.services.sites.mapSites(publicActor, { status: 'active', limit: 100_000, ...params });
  /** Public sites at their real point, one for each test (the demo has plenty). */
  let taken = 0;
  const aPublicSite = async () => (await publicSites()).filter((site) => site.position && !site.degraded)[taken++ * 7];

  it('a change of type is drawn at the next tile from the one site written, not from a reading of them all', async () => {
    const { reads, tiles } = countedTiles();
    const site = await aPublicSite();
    expect((await drawn(tiles, site))?.functionType).toBe(site.functionType);
    expect(reads).toEqual({ all: 1, written: 0 });
    const full = await steward().sites.get({ id: site.id });
    const type = site.functionType === 'tool_library' ? 'repair_cafe' : 'tool_library';
    await steward().sites.update({ id: site.id, version: full.version, changes: { functionType: type } });
    expect((await drawn(tiles, site))?.functionType).toBe(type);
    expect(reads).toEqual({ all: 1, written: 1 });
  });

  it('an edit the tiles do not show keeps the tile, read from the one site written', async () => {
    const { reads, tiles } = countedTiles();
    const site = await aPublicSite();
    const [z, x, y] = tilePathAt(site.position!, 16).match(/\d+/g)!.map(Number);
    const before = await tiles.tile(publicActor, ACTIVE, z, x, y);
    const full = await steward().sites.get({ id: site.id });
    await steward().sites.update({ id: site.id, version: full.version, changes: { capacity: (full.capacity ?? 0) + 3 } });
    expect((await tiles.tile(publicActor, ACTIVE, z, x, y)).etag).toBe(before.etag);
    expect(reads).toEqual({ all: 1, written: 1 });
  });

  it('an edit this process stamped long before the last write is still drawn', async () => {
    const { tiles } = countedTiles();
    const site = await aPublicSite();
    await drawn(tiles, site);
    const stored = (await repositories(demo.database.db).sites.getRaw(site.id))!;
    await repositories(demo.database.db).sites.update(site.id, stored.version, { functionType: 'makerspace', domain: 'work', updatedAt: '2001-01-01T00:00:00.000Z' });
    expect((await drawn(tiles, site))?.functionType).toBe('makerspace');
  });

  it('a new site appears, a closed one leaves the map of open sites, and a type changed out of a filter leaves that filter’s tiles', async () => {
    const { reads, tiles } = countedTiles();
    const gardens: SiteTileParams = { status: 'active', types: ['community_garden'] };
    const before = { open: (await tiles.summary(publicActor, ACTIVE)).count, gardens: (await tiles.summary(publicActor, gardens)).count };
    const near = await aPublicSite();
    const added = await steward().sites.create({ name: 'Corner Seed Library', functionType: 'seed_library', openedOn: '2026-01-10', geometry: { type: 'Point', coordinates: [near.position![0] + 0.0004, near.position![1]] } });
    expect((await tiles.summary(publicActor, ACTIVE)).count).toBe(before.open + 1);
    expect((await drawn(tiles, (await publicSites()).find((site) => site.id === added.id)!))?.name).toBe('Corner Seed Library');

    const closing = await aPublicSite();
    const full = await steward().sites.get({ id: closing.id });
    await steward().sites.close({ id: closing.id, version: full.version, closedOn: '2026-11-20', reason: 'the lease ended' });
    expect((await tiles.summary(publicActor, ACTIVE)).count).toBe(before.open);
    expect(await drawn(tiles, closing)).toBeUndefined();

    const garden = (await publicSites({ functionTypes: ['community_garden'] })).find((site) => site.position)!;
    expect(await drawn(tiles, garden, gardens)).toBeDefined();
    const gardenFull = await steward().sites.get({ id: garden.id });
    await steward().sites.update({ id: garden.id, version: gardenFull.version, changes: { functionType: 'csa' } });
    expect((await tiles.summary(publicActor, gardens)).count).toBe(before.gardens - 1);
    expect(await drawn(tiles, garden, gardens)).toBeUndefined();
    // Each filter's drawing was read whole at first, and again after the closing (a change of
    // status moves the privacy generation); the new site and the change of type were read alone.
    expect(reads).toEqual({ all: 4, written: 2 });
  });

  it('a change of who sees a site reads every site again, and the site leaves the public’s tiles', async () => {
    const { reads, tiles } = countedTiles();
    const site = await aPublicSite();
    expect(await drawn(tiles, site)).toBeDefined();
    const full = await steward().sites.get({ id: site.id });
    await steward().sites.update({ id: site.id, version: full.version, changes: { visibility: 'members' } });
    expect(await drawn(tiles, site)).toBeUndefined();
    expect(reads).toEqual({ all: 2, written: 0 });
  });
});
