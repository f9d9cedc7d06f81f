/**
 * POST /api/import and GET /api/export over real HTTP: roles, the size limit, the report,
 * the all-or-nothing write and the audience's privacy, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { restoreArchive } from '../../server/archive/restoreArchive';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../server/http/app';
import { createServices } from '../../server/services';
import { systemActor } from '../../server/services/context';
import { siteInputSchema } from '../../shared/schemas/site';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { listen, memberAndSteward, memberAndStewardCookies, stop } from './httpHelpers';

const kinds = await databaseKinds();
const NOW = new Date('2026-11-21T12:00:00Z');

function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url)));
}

describe.each(kinds)('import and export over HTTP on %s', (kind) => {
  let database: TestDatabase;
  let server: Server;
  let base: string;
  const cookies: Record<string, string> = {};

  function upload(query: string, body: Buffer | string, cookie?: string) {
    return fetch(`${base}/api/import?${query}`, { method: 'POST', headers: cookie ? { Cookie: cookie } : {}, body: typeof body === 'string' ? body : new Uint8Array(body) });
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const services = createServices(database.db);
    await memberAndSteward(services, NOW);
    const steward = systemActor(NOW);
    await services.sites.create(steward, siteInputSchema.parse({ name: 'Safe House', functionType: 'mutual_aid_fund', geometry: { type: 'Point', coordinates: [-122.41, 37.76] }, visibility: 'stewards', precision: 'exact' }));
    await services.sites.create(steward, siteInputSchema.parse({ name: 'Hidden Hub', functionType: 'eviction_defence', geometry: { type: 'Point', coordinates: [-122.40123456, 37.78234567] }, visibility: 'public', precision: 'block' }));
    server = createApp({ services, basemap: { kind: 'plain' } });
    base = await listen(server);
    Object.assign(cookies, await memberAndStewardCookies(base));
  });
  afterAll(async () => {
    await stop(server);
    await database.dispose();
  });

  async function exportText(as: string, format = 'geojson'): Promise<string> {
    const response = await fetch(`${base}/api/export?format=${format}&as=${as}`, { headers: { Cookie: cookies.steward } });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('asks a public caller to sign in, naming the member role', async () => {
    const response = await upload('format=json&defaultType=community_fridge', fixture('fridges.json'));
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 'UNAUTHENTICATED', permission: 'member' });
    expect(body.error.message).toContain('needs the member role');
  });

  it('answers a member’s dry run with the report and writes nothing', async () => {
    const before = await exportText('steward');
    const response = await upload('format=json&dryRun=1&defaultType=community_fridge&name=fridges.json', fixture('fridges.json'), cookies.member);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ dryRun: true, format: 'json', total: 2, valid: 2, written: 0, errors: [], duplicates: [] });
    expect(report.columns).toMatchObject({ name: 'organization', latitude: 'latitude' });
    expect(report.preview).toHaveLength(2);
    expect(await exportText('steward')).toBe(before);
  });

  it('answers 400 with the report, naming row 3 and its latitude, and writes nothing', async () => {
    const before = await exportText('steward');
    const response = await upload('format=csv&dryRun=0', fixture('latitude-100.csv'), cookies.member);
    expect(response.status).toBe(400);
    const report = await response.json();
    expect(report).toMatchObject({ dryRun: false, written: 0, errors: [{ row: 3, field: 'latitude', message: 'latitude 100 is outside -90..90' }] });
    expect(await exportText('steward')).toBe(before);
  });

  it('writes every row when the file is clean, with a type map given as JSON', async () => {
    const csv = "name,latitude,longitude,type\nHill Market Share,40.41,-79.91,farmer's market\nValley Pantry,40.42,-79.92,food bank site\n";
    const typeMap = encodeURIComponent(JSON.stringify({ "farmer's market": 'csa' }));
    const response = await upload(`format=csv&dryRun=0&name=pgh.csv&typeMap=${typeMap}`, csv, cookies.member);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ written: 2, typeCounts: { csa: 1, food_pantry: 1 } });
    expect(await exportText('public', 'csv')).toContain('Hill Market Share,csa');
  });

  it('forbids a member to import stewards-only sites, naming the steward role', async () => {
    const response = await upload('format=json&dryRun=0&defaultType=community_fridge&visibility=stewards', fixture('fridges.json'), cookies.member);
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: 'FORBIDDEN', permission: 'steward' });
  });

  it('refuses a 200 MB upload with 413 and writes nothing', async () => {
    const before = await exportText('steward');
    const { status, body } = await streamUpload(`${base}/api/import?format=csv&dryRun=0`, cookies.member, 200 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(body).error).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('25 MB') });
    expect(await exportText('steward')).toBe(before);
  });

  it('sends an export as an attachment, and a public one without stewards-only sites or exact block-precision places', async () => {
    const response = await fetch(`${base}/api/export?format=geojson&as=public`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="kudzu-sites-public.geojson"');
    const text = await response.text();
    expect(text).toContain('Hidden Hub');
    expect(text).not.toContain('Safe House');
    expect(text).not.toContain('40123456');
    expect(text).not.toContain('78234567');
  });

  it('refuses a member export to a public caller (401) and a steward export to a member (403), naming the role', async () => {
    const publicCaller = await fetch(`${base}/api/export?format=csv&as=member`);
    expect(publicCaller.status).toBe(401);
    expect((await publicCaller.json()).error).toMatchObject({ code: 'UNAUTHENTICATED', permission: 'member' });
    const member = await fetch(`${base}/api/export?format=csv&as=steward`, { headers: { Cookie: cookies.member } });
    expect(member.status).toBe(403);
    expect((await member.json()).error).toMatchObject({ code: 'FORBIDDEN', permission: 'steward', message: expect.stringContaining('steward role') });
  });

  it('refuses an unknown export format with 400 naming the field', async () => {
    const response = await fetch(`${base}/api/export?format=shapefile&as=public`);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'BAD_INPUT', field: 'format' });
  });

  it('lets a steward download the whole network as an archive that restores, and no one else', async () => {
    expect((await fetch(`${base}/api/archive`)).status).toBe(401);
    expect((await fetch(`${base}/api/archive`, { headers: { Cookie: cookies.member } })).status).toBe(403);
    const response = await fetch(`${base}/api/archive`, { headers: { Cookie: cookies.steward } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="kudzu-\d{4}-\d{2}-\d{2}\.kudzu"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = gunzipSync(bytes).toString();
    expect(text).toContain('Safe House');
    expect(text).not.toContain('scrypt$');
    const empty = await openTestDatabase(kind);
    try {
      const restored = await restoreArchive(empty.db, Readable.from(bytes));
      expect(restored.tables.sites.rows).toBeGreaterThanOrEqual(2);
    } finally {
      await empty.dispose();
    }
  });
});

/** Stream `total` bytes without a declared length, stopping as soon as the server answers. */
function streamUpload(url: string, cookie: string, total: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { Cookie: cookie, 'Transfer-Encoding': 'chunked' } });
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (part) => { body += part; });
      response.on('end', () => { resolve({ status: response.statusCode ?? 0, body }); request.destroy(); });
    });
    // Once the server has answered it may close the connection while we are still sending.
    request.on('error', (error) => { if (!answered) reject(error); });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
});
}
