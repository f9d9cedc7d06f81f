/**
 * Sites as vector tiles, over the demo neighbourhood: every tile the public can fetch at
 * several zooms is decoded and checked for hidden sites and for the real point of a degraded
 * one; tiles carry ETags and are kept until an edit or a privacy change moves them; a
 * published audit's map does not follow later edits; a bad parameter is refused by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/http/app';
import { createServices, type Services } from '../../server/services';
import { parseBasemap } from '../../server/http/basemap';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs, NOW, viewerFor } from './fixtures';
import type { Role } from '../../shared/privacy/roles';
import type { SiteTileParams } from '../../shared/schemas/siteTiles';
import { DEMO_PASSWORD } from '../../server/demo/generateDemo';
import { decode, tilePathAt, tilesOver } from '../helpers/siteTiles';
import { rawGet } from './httpHelpers';

const kinds = await databaseKinds();
const actor = (role: Role) => ({ viewer: viewerFor(role), now: NOW });
const ACTIVE: SiteTileParams = { status: 'active' };

describe.each(kinds)('site tiles over the demo neighbourhood, on %s', (kind) => {
  let database: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await createServices(database.db).demo.load(NOW);
    services = createServices(database.db);
  });
  afterAll(() => database.dispose());

  it('no tile the public can fetch, at zooms 10 to 16, holds a hidden site or the real point of a degraded one', async () => {
    const everything = await services.sites.mapSites(actor('steward'), { status: 'all', limit: 100_000 });
    const publicSites = await services.sites.mapSites(actor('public'), { status: 'all', limit: 100_000 });
    const publicIds = new Set(publicSites.map((site) => site.id));
    const hidden = everything.filter((site) => !publicIds.has(site.id));
    const degraded = publicSites.filter((site) => site.degraded && site.position);
    const exactOf = new Map(everything.map((site) => [site.id, site.position]));
    const shownOf = new Map(publicSites.map((site) => [site.id, site.position]));
    expect(hidden.length).toBeGreaterThan(0);
    expect(degraded.length).toBeGreaterThan(0);
    const hiddenIds = new Set(hidden.map((site) => site.id));
    const hiddenNames = new Set(hidden.map((site) => site.name));
    const bounds = (await services.siteTiles.summary(actor('steward'), { status: 'all' })).bounds!;

    let decoded = 0;
    const seen = new Set<string>();
    const parcels = new Set<string>();
    for (const z of [10, 12, 14, 15, 16]) {
      // One unit of a tile's 4096 at this zoom, in degrees: how precisely a tile can place a point.
      const unit = 360 / (2 ** z * 4096);
      for (const [x, y] of tilesOver(bounds, z)) {
        const tile = await services.siteTiles.tile(actor('public'), { status: 'all' }, z, x, y);
        for (const parcel of decode(tile.body, z, x, y, 'parcels')) {
          parcels.add(String(parcel.properties.id));
          expect(hiddenIds.has(String(parcel.properties.id)), `hidden parcel in tile ${z}/${x}/${y}`).toBe(false);
          expect(parcel.properties.degraded, 'a degraded site’s real outline').toBe(false);
        }
        for (const feature of decode(tile.body, z, x, y)) {
          decoded += 1;
          if (feature.properties.cluster) continue;
          const id = String(feature.properties.id);
          seen.add(id);
          expect(hiddenIds.has(id), `hidden site ${id} in tile ${z}/${x}/${y}`).toBe(false);
          expect(hiddenNames.has(String(feature.properties.name))).toBe(false);
          // Every marker sits where the public is shown the site, never nearer its real point.
          const [shownLon, shownLat] = shownOf.get(id)!;
          const [exactLon, exactLat] = exactOf.get(id)!;
          const fromShown = Math.hypot(feature.lon - shownLon, feature.lat - shownLat);
          expect(fromShown, `site ${id} in tile ${z}/${x}/${y} is not at its shown point`).toBeLessThan(2 * unit);
          if (feature.properties.degraded) expect(fromShown).toBeLessThanOrEqual(Math.hypot(feature.lon - exactLon, feature.lat - exactLat));
        }
      }
    }
    // At zoom 16 a degraded marker is told apart from its real point: the check above had teeth.
    for (const site of degraded) expect(Math.hypot(site.position![0] - exactOf.get(site.id)![0], site.position![1] - exactOf.get(site.id)![1])).toBeGreaterThan(4 * 360 / (2 ** 16 * 4096));
    expect(decoded).toBeGreaterThan(publicSites.length);
    expect(parcels.size).toBeGreaterThan(0);
    expect([...parcels].sort()).toEqual(publicSites.filter((site) => site.parcel).map((site) => site.id).sort());
    // At zoom 16 nothing is clustered: every located public site was drawn, and only those.
    expect([...seen].sort()).toEqual(publicSites.filter((site) => site.position).map((site) => site.id).sort());
  });

  it('clusters count only what the viewer may see: the whole world at zoom 0 adds up to the public count', async () => {
    const publicCount = (await services.sites.mapSites(actor('public'), { status: 'active', limit: 100_000 })).filter((site) => site.position).length;
    const stewardCount = (await services.sites.mapSites(actor('steward'), { status: 'active', limit: 100_000 })).filter((site) => site.position).length;
    expect(stewardCount).toBeGreaterThan(publicCount);
    const features = decode((await services.siteTiles.tile(actor('public'), ACTIVE, 0, 0, 0)).body, 0, 0, 0);
    const total = features.reduce((sum, feature) => sum + (feature.properties.cluster ? Number(feature.properties.point_count) : 1), 0);
    expect(total).toBe(publicCount);
    expect(features.some((feature) => feature.properties.cluster && Number(feature.properties.expansion_zoom) > 0)).toBe(true);
    expect((await services.siteTiles.summary(actor('public'), ACTIVE)).count).toBe(publicCount);
  });

  it('frames the view around a parcel by every corner of its outline, not by its marker', async () => {
    const sites = await services.sites.mapSites(actor('public'), { status: 'active', limit: 100_000 });
    const parcel = sites.find((site) => site.parcel && sites.filter((other) => other.name.includes(site.name)).length === 1)!;
    const corners = (parcel.parcel!.type === 'Polygon' ? parcel.parcel!.coordinates : parcel.parcel!.coordinates.flat()).flat();
    const xs = corners.map(([x]) => x), ys = corners.map(([, y]) => y);
    const { count, bounds } = await services.siteTiles.summary(actor('public'), { status: 'active', text: parcel.name });
    expect(count).toBe(1);
    expect(bounds).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    expect(bounds![2] - bounds![0]).toBeGreaterThan(0);
  });

  it('the filters of today narrow the tiles: a domain, a type, closed sites', async () => {
    const count = async (params: SiteTileParams) => (await services.siteTiles.summary(actor('public'), params)).count;
    const all = await count(ACTIVE);
    const food = await count({ status: 'active', domains: ['food'] });
    expect(food).toBeGreaterThan(0);
    expect(food).toBeLessThan(all);
    const gardens = await count({ status: 'active', types: ['community_garden'] });
    expect(gardens).toBeLessThanOrEqual(food);
    const listed = await callerAs(services, 'public').sites.map({ status: 'active', domains: ['food'] });
    expect(food).toBe(listed.lon.filter((lon) => lon !== null).length);
    expect(await count({ status: 'all' })).toBeGreaterThanOrEqual(all);
  });
});

describe('site tiles over HTTP: entity tags, caching, edits and bad parameters', () => {
  let database: TestDatabase;
  let services: Services;
  let server: Server;
  let base: string;
  let auditId: string;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    await createServices(database.db).demo.load(NOW);
    services = createServices(database.db);
    server = createApp({ services, basemap: parseBasemap(undefined), requestBudget: 100_000 });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    auditId = (await callerAs(services, 'public').audits.list({})).find((audit) => audit.status === 'published')!.id;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await database.dispose();
  });

  /** The zoom-16 tile that holds a public site's marker. */
  async function tileOf(siteId: string, z = 16): Promise<string> {
    const site = (await services.sites.mapSites(actor('public'), { status: 'all', limit: 100_000 })).find((s) => s.id === siteId)!;
    return tilePathAt(site.position!, z);
  }
  let publicIds: Set<string>;
  beforeAll(async () => {
    publicIds = new Set((await services.sites.mapSites(actor('public'), { status: 'all', limit: 100_000 })).map((site) => site.id));
  });
  async function aPublicExactSite() {
    return (await services.sites.mapSites(actor('public'), { status: 'active', limit: 100_000 })).find((site) => !site.degraded && site.position)!;
  }

  it('gives every public visitor the same tile with one ETag, and answers 304 to a visitor who holds it', async () => {
    const path = await tileOf((await aPublicExactSite()).id, 14);
    const first = await fetch(`${base}${path}`);
    const second = await fetch(`${base}${path}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(second.headers.get('etag')).toBe(etag);
    expect(Buffer.from(await second.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()));
    const again = await fetch(`${base}${path}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('keeps a signed-in member’s tiles private to the session, and draws them from what members see', async () => {
    const login = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'member@kudzu.example', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`demo member sign-in failed: ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const member = await fetch(`${base}/tiles/sites/summary.json`, { headers: { cookie } });
    const everyone = await fetch(`${base}/tiles/sites/summary.json`);
    expect(member.headers.get('cache-control')).toBe('private, no-cache');
    expect(member.headers.get('vary')).toContain('Cookie');
    expect(member.headers.get('etag')).not.toBe(everyone.headers.get('etag'));
    expect((await member.json()).count).toBeGreaterThan((await everyone.json()).count);
  });

  /** A public exact site's tile, fetched; then the site edited by a steward and the tile asked again with the ETag held. */
  async function tileAfterEdit(changes: (site: { name: string; capacity: number | null }) => Record<string, unknown>) {
    const site = await aPublicExactSite();
    const path = await tileOf(site.id);
    const before = await fetch(`${base}${path}`);
    const steward = callerAs(services, 'steward');
    const full = await steward.sites.get({ id: site.id });
    await steward.sites.update({ id: site.id, version: full.version, changes: changes(full) });
    const after = await fetch(`${base}${path}`, { headers: { 'If-None-Match': before.headers.get('etag')! } });
    return { site, path, before, after };
  }

  it('an edit to a site moves the tile that shows it to a new ETag, with the edit in it', async () => {
    const { site, path, before, after } = await tileAfterEdit((full) => ({ name: `${full.name} (renamed)` }));
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const [z, x, y] = path.match(/\d+/g)!.map(Number);
    const names = decode(new Uint8Array(await after.arrayBuffer()), z, x, y).map((feature) => feature.properties.name);
    expect(names).toContain(`${site.name} (renamed)`);
  });

  it('an edit the tiles do not show keeps the tile’s ETag: a visitor who holds it gets 304', async () => {
    const { after } = await tileAfterEdit((full) => ({ capacity: (full.capacity ?? 0) + 5 }));
    expect(after.status).toBe(304);
  });

  it('renaming a site only members see leaves the public’s tiles as they were and renames it in the members’', async () => {
    const hidden = (await services.sites.mapSites(actor('member'), { status: 'active', limit: 100_000 }))
      .find((site) => site.position && !site.degraded && !publicIds.has(site.id))!;
    const path = tilePathAt(hidden.position!, 16);
    const [z, x, y] = path.match(/\d+/g)!.map(Number);
    const publicBefore = await services.siteTiles.tile(actor('public'), ACTIVE, z, x, y);
    const steward = callerAs(services, 'steward');
    const full = await steward.sites.get({ id: hidden.id });
    await steward.sites.update({ id: hidden.id, version: full.version, changes: { name: `${hidden.name} (members)` } });
    expect((await services.siteTiles.tile(actor('public'), ACTIVE, z, x, y)).etag).toBe(publicBefore.etag);
    const members = decode((await services.siteTiles.tile(actor('member'), ACTIVE, z, x, y)).body, z, x, y);
    expect(members.map((feature) => feature.properties.name)).toContain(`${hidden.name} (members)`);
  });

  it('sends a tile gzipped to a client that accepts gzip, the same bytes once inflated', async () => {
    const path = await tileOf((await aPublicExactSite()).id, 14);
    const plain = await rawGet(`${base}${path}`, {});
    const gzipped = await rawGet(`${base}${path}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(plain.encoding).toBeUndefined();
    expect(gzipped.encoding).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(gzipped.body)).toEqual(plain.body);
  });

  it('hiding a site from the public takes it out of the public’s tiles at once', async () => {
    const site = await aPublicExactSite();
    const path = await tileOf(site.id);
    const [z, x, y] = path.match(/\d+/g)!.map(Number);
    const ids = async () => decode(new Uint8Array(await (await fetch(`${base}${path}`)).arrayBuffer()), z, x, y).map((feature) => feature.properties.id);
    expect(await ids()).toContain(site.id);
    const steward = callerAs(services, 'steward');
    const full = await steward.sites.get({ id: site.id });
    await steward.sites.update({ id: site.id, version: full.version, changes: { visibility: 'members' } });
    expect(await ids()).not.toContain(site.id);
  });

  it('a published audit’s map keeps its ETag through later additions, and moves when who-sees-what changes', async () => {
    const site = await aPublicExactSite();
    const tile = await tileOf(site.id, 13);
    const auditPath = `${tile}?audit=${encodeURIComponent(auditId)}`;
    const etag = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      return response.headers.get('etag');
    };
    const [auditBefore, liveBefore] = [await etag(auditPath), await etag(tile)];
    const steward = callerAs(services, 'steward');
    // A site added later with no opening date would count "as of" any date: the audit's map stays as published.
    await steward.sites.create({ name: 'Added After The Audit', functionType: 'food_pantry', geometry: { type: 'Point', coordinates: site.position! } });
    expect(await etag(tile)).not.toBe(liveBefore);
    expect(await etag(auditPath)).toBe(auditBefore);
    const full = await steward.sites.get({ id: site.id });
    await steward.sites.update({ id: site.id, version: full.version, changes: { precision: 'block' } });
    expect(await etag(auditPath)).not.toBe(auditBefore);
  });

  const refusals: [string, string, RegExp][] = [
    ['/tiles/sites/14/2620/6332.pbf?domains=weather', 'domains', /domains/],
    ['/tiles/sites/14/2620/6332.pbf?status=maybe', 'status', /status/],
    ['/tiles/sites/14/2620/6332.pbf?asOf=last%20tuesday', 'asOf', /YYYY-MM-DD/],
    ['/tiles/sites/14/2620/6332.pbf?colour=red', 'colour', /unknown tile parameter “colour”/],
    ['/tiles/sites/14/2620/6332.pbf?audit=no-such-audit', 'audit', /no published audit/],
    ['/tiles/sites/14/2620/6332.pbf?asOf=2026-01-01&audit=x', 'audit', /not both/],
    ['/tiles/sites/14/2620/6332.pbf?status=all&status=active', 'status', /twice/],
    ['/tiles/sites/3/9/0.pbf', 'x', /from 0 to 7/],
    ['/tiles/sites/30/0/0.pbf', 'z', /from 0 to 24/],
    ['/tiles/sites/14/a/6332.pbf', 'x', /whole number/],
  ];
  for (const [path, field, message] of refusals) {
    it(`refuses ${path.replace('/tiles/sites/', '')} with a 400 naming “${field}”`, async () => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.field).toBe(field);
      expect(body.error.message).toMatch(message);
    });
  }
});
