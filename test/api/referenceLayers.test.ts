/**
 * Shared reference layers (population polygons, street lines, source points) are a
 * steward's: only a steward adds or replaces one, and each has a visibility tier like every
 * site, group and link. Over real HTTP, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { createApp } from '../../server/http/app';
import { createServices } from '../../server/services';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { listen, memberAndSteward, memberAndStewardCookies, stop } from './httpHelpers';
import { NOW } from './fixtures';

const kinds = await databaseKinds();

const block = (name: string, west: number, people: number) => ({
  type: 'Feature', properties: { name, population: people },
  geometry: { type: 'Polygon', coordinates: [[[west, 37.75], [west + 0.01, 37.75], [west + 0.01, 37.76], [west, 37.76], [west, 37.75]]] },
});
const blocks = JSON.stringify({ type: 'FeatureCollection', features: [block('Block A', -122.43, 400), block('Block B', -122.42, 250), block('Block C', -122.41, 310)] });
const onePoint = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Cut' }, geometry: { type: 'Point', coordinates: [-122.42, 37.755] } }] });

describe.each(kinds)('reference layers over HTTP, on %s', (kind) => {
  let database: TestDatabase;
  let server: Server;
  let base: string;
  const cookies: Record<string, string> = {};

  const upload = (query: string, body: string, cookie: string) =>
    fetch(`${base}/api/import?format=geojson&dryRun=0&${query}`, { method: 'POST', headers: { Cookie: cookie }, body });

  async function query(procedure: string, input: unknown, cookie?: string) {
    const response = await fetch(`${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const services = createServices(database.db);
    await memberAndSteward(services, NOW);
    server = createApp({ services, basemap: { kind: 'plain' } });
    base = await listen(server);
    Object.assign(cookies, await memberAndStewardCookies(base));
    expect((await upload('layer=city_blocks&name=blocks.geojson', blocks, cookies.steward)).status).toBe(200);
  });
  afterAll(async () => {
    await stop(server);
    await database.dispose();
  });

  it('a member may not replace a shared layer, and the layer keeps every feature', async () => {
    const response = await upload('layer=city_blocks&name=cut.geojson', onePoint, cookies.member);
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: 'FORBIDDEN', permission: 'steward' });
    const layer = await query('references.layer', { layer: 'city_blocks' });
    expect(layer.body.result.data.features).toHaveLength(3);
  });

  it('a member may not add a new layer either, not even as a dry run', async () => {
    for (const dryRun of ['1', '0']) {
      const response = await fetch(`${base}/api/import?format=geojson&dryRun=${dryRun}&layer=member_layer`, { method: 'POST', headers: { Cookie: cookies.member }, body: onePoint });
      expect(response.status).toBe(403);
    }
    expect(JSON.stringify((await query('references.layers', {}, cookies.steward)).body)).not.toContain('member_layer');
  });

  it('a members-only layer is, to the public, exactly like a layer that does not exist', async () => {
    expect((await upload('layer=tenant_blocks&visibility=members&name=tenants.geojson', blocks, cookies.steward)).status).toBe(200);
    const publicLayers = JSON.stringify((await query('references.layers', {})).body);
    expect(publicLayers).not.toContain('tenant_blocks');
    expect(publicLayers).toContain('city_blocks');
    const hidden = await query('references.layer', { layer: 'tenant_blocks' });
    const unknown = await query('references.layer', { layer: 'no_such_layer' });
    expect(hidden).toEqual(unknown);
    const analysis = await query('access.analyse', { population: { kind: 'layer', layer: 'tenant_blocks' } });
    const analysisUnknown = await query('access.analyse', { population: { kind: 'layer', layer: 'no_such_layer' } });
    expect(JSON.stringify(analysis.body).replaceAll('tenant_blocks', 'X')).toBe(JSON.stringify(analysisUnknown.body).replaceAll('no_such_layer', 'X'));
    expect(JSON.stringify(analysis.body)).not.toContain('city_blocks,');
    const forMember = await query('references.layer', { layer: 'tenant_blocks' }, cookies.member);
    expect(forMember.body.result.data.features).toHaveLength(3);
    expect(JSON.stringify((await query('access.layers', {}, cookies.member)).body)).toContain('tenant_blocks');
    expect(JSON.stringify((await query('access.layers', {})).body)).not.toContain('tenant_blocks');
  });
});
