/**
 * Site tiles across server processes: a `kudzu serve` process draws the tiles while the
 * changes are made through another process on the same database (this one). A site hidden
 * from the public through the other process is gone from the very next public tile, and an
 * edit made there shows in the next tile too — no process waits for its own copy to age.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../server/services';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { serveProcess, type Served } from '../helpers/serveProcess';
import { decode, tilePathAt } from '../helpers/siteTiles';
import { callerAs, NOW, viewerFor } from './fixtures';

const kinds = await databaseKinds();

describe.each(kinds)('site tiles served by one process while another changes the sites, on %s', (kind) => {
  let folder: string;
  let database: TestDatabase;
  let services: Services;
  let served: Served;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kudzu-tiles-'));
    database = await openTestDatabase(kind, { file: join(folder, 'kudzu.sqlite') });
    await createServices(database.db).demo.load(NOW);
    services = createServices(database.db);
    served = await serveProcess(kind === 'sqlite' ? database.location : database.location.replace(':***@', '@'));
  }, 120_000);
  afterAll(async () => {
    served?.child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 500));
    await database?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Two public, exactly placed, active sites, and the served zoom-16 tile of a site. */
  async function publicExactSites() {
    const sites = await services.sites.mapSites({ viewer: viewerFor('public'), now: NOW }, { status: 'active', limit: 100_000 });
    return sites.filter((site) => !site.degraded && site.position);
  }
  async function servedTile(position: [number, number]) {
    const path = tilePathAt(position, 16);
    const [z, x, y] = path.match(/\d+/g)!.map(Number);
    const response = await fetch(`${served.base}${path}`);
    expect(response.status).toBe(200);
    return decode(new Uint8Array(await response.arrayBuffer()), z, x, y);
  }

  it('takes a site hidden through the other process out of the very next public tile', async () => {
    const [site] = await publicExactSites();
    expect((await servedTile(site.position!)).map((feature) => feature.properties.id)).toContain(site.id);
    const steward = callerAs(services, 'steward');
    const full = await steward.sites.get({ id: site.id });
    await steward.sites.update({ id: site.id, version: full.version, changes: { visibility: 'members' } });
    expect((await servedTile(site.position!)).map((feature) => feature.properties.id)).not.toContain(site.id);
  });

  it('shows an edit made through the other process in the very next tile', async () => {
    const [, site] = await publicExactSites();
    const drawn = async () => (await servedTile(site.position!)).find((feature) => feature.properties.id === site.id)?.properties.functionType;
    const other = site.functionType === 'food_pantry' ? 'community_fridge' : 'food_pantry';
    expect(await drawn()).toBe(site.functionType);
    // Made now, after the demo's writes: the other process sees the last write move.
    const steward = callerAs(services, 'steward', { now: () => new Date() });
    const full = await steward.sites.get({ id: site.id });
    await steward.sites.update({ id: site.id, version: full.version, changes: { functionType: other } });
    expect(await drawn()).toBe(other);
  });
});
