import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_TRUTH } from '../../../server/privacy/policy';
import { migrateToLatest, openDatabase, type KudzuDatabase } from '../../../server/db/database';
import { isFreshDatabase, loadDemo } from '../../../server/demo/loadDemo';
import { generateDemo } from '../../../server/demo/generateDemo';
import { SiteService } from '../../../server/services/site.service';
import { AuthService } from '../../../server/services/auth.service';
import { repositories, storeOf } from '../../../server/repositories';
import { SettingsRepository } from '../../../server/repositories/settings.repository';
import { siteFilterSchema } from '../../../shared/schemas/site';
import type { Actor } from '../../../server/services/context';
import type { Role } from '../../../shared/privacy/roles';

const NOW = new Date('2026-11-21T00:00:00Z');
const actor = (role: Role): Actor => ({ viewer: { userId: null, displayName: null, role }, now: NOW });
const demo = generateDemo();

describe('loading the demo into a fresh SQLite database', () => {
  let database: KudzuDatabase;
  let counts: Awaited<ReturnType<typeof loadDemo>>;

  beforeAll(async () => {
    database = openDatabase(':memory:');
    await migrateToLatest(database.db);
    expect(await isFreshDatabase(database.db)).toBe(true);
    counts = await loadDemo(database.db, NOW);
  });
  afterAll(async () => { await database.close(); });

  it('reports what it wrote', () => {
    expect(counts).toEqual({ sites: demo.sites.length, groups: demo.groups.length, links: demo.links.length, areas: demo.areas.length });
  });

  it('gives the public every open public site through the site service, and no members-only one', async () => {
    const sites = await new SiteService(storeOf(database.db)).list(actor('public'), siteFilterSchema.parse({}));
    const expected = demo.sites.filter((site) => site.closedOn === null && site.input.visibility === 'public');
    expect(sites.length).toBe(expected.length);
    expect(sites.every((site) => site.visibility === 'public')).toBe(true);
  });

  it('shows block-precision sites to the public degraded, without address', async () => {
    const sites = await new SiteService(storeOf(database.db)).list(actor('public'), siteFilterSchema.parse({ status: 'all' }));
    const block = sites.filter((site) => site.precision === 'block');
    expect(block.length).toBeGreaterThan(0);
    for (const site of block) {
      expect(site.locationDegraded).toBe(true);
      expect(site.geometry?.type).toBe('Point');
      expect(site.address).toBeNull();
    }
  });

  it('gives a steward every site, closed ones included, at exact locations', async () => {
    const sites = await new SiteService(storeOf(database.db)).list(actor('steward'), siteFilterSchema.parse({ status: 'all' }));
    expect(sites.length).toBe(demo.sites.length);
    expect(sites.filter((site) => site.status === 'closed').length).toBe(demo.sites.filter((site) => site.closedOn).length);
    expect(sites.every((site) => !site.locationDegraded)).toBe(true);
  });

  it('shows the map as it was on an earlier day', async () => {
    const asOf = '2022-01-01';
    const sites = await new SiteService(storeOf(database.db)).list(actor('steward'), siteFilterSchema.parse({ asOf }));
    const expected = demo.sites.filter((site) => site.input.openedOn! <= asOf && (site.closedOn === null || site.closedOn > asOf));
    expect(sites.length).toBe(expected.length);
    expect(sites.length).toBeLessThan(demo.sites.length);
  });

  it('writes streets, blocks, areas, the taxonomy and the demo setting', async () => {
    const repos = repositories(database.db);
    const layers = Object.fromEntries((await repos.references.layers(WHOLE_TRUTH.tiers)).map((layer) => [layer.layer, layer.count]));
    expect(layers.demo_streets).toBe(demo.streets.length);
    expect(layers.demo_blocks).toBe(demo.blocks.length);
    const blocks = await repos.references.layer('demo_blocks', WHOLE_TRUTH.tiers);
    expect(blocks.reduce((sum, block) => sum + (block.properties.population as number), 0)).toBe(25_000);
    expect((await repos.areas.list('neighbourhood')).length).toBe(4);
    expect((await repos.taxonomy.functionTypes()).length).toBeGreaterThanOrEqual(33);
    const setting = JSON.parse((await new SettingsRepository(database.db).get('demo'))!);
    expect(setting).toEqual({ label: demo.label, generatedWith: 'kudzu demo', seed: 1 });
    expect(await isFreshDatabase(database.db)).toBe(false);
  });

  it('lets the demo steward sign in with the demo password', async () => {
    const session = await new AuthService(storeOf(database.db)).login('steward@kudzu.example', 'kudzu-demo-password', NOW);
    expect(session.viewer.role).toBe('steward');
  });

  it('refuses to load a second time, and leaves the data as it was', async () => {
    await expect(loadDemo(database.db, NOW)).rejects.toThrow(/empty database/);
    expect(await repositories(database.db).sites.count()).toBe(demo.sites.length);
  });
});
