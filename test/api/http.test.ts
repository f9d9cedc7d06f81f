import { describe, expect, it } from 'vitest';
import { createServices } from '../../server/services';
import { servedPerFile } from '../helpers/perFile';
import { dataFile, skipRealData } from '../helpers/sharedData';
import { parseBasemap } from '../../server/http/basemap';
import { NOW } from './fixtures';
import { memberAndSteward } from './httpHelpers';

function post(base: string, procedure: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('the HTTP server', () => {
  const served = servedPerFile('sqlite', async (database) => {
    await memberAndSteward(createServices(database.db), NOW);
    return { services: createServices(database.db) };
  });

  it('tells the browser to draw a plain background when no basemap is configured', async () => {
    const config = await (await fetch(`${served.base}/api/config`)).json();
    expect(config.basemap).toEqual({ kind: 'plain', attribution: '' });
  });

  it('sends a strict Content-Security-Policy with every response', async () => {
    const response = await fetch(`${served.base}/api/config`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a wrong password with a sentence, not a stack trace', async () => {
    const response = await post(served.base, 'auth.login', { email: 'member@kudzu.example', password: 'not it' });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.message).toBe('that email and password do not match an account');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('signs a member in with an HttpOnly session cookie, and signing out ends the session on the server', async () => {
    const login = await post(served.base, 'auth.login', { email: 'member@kudzu.example', password: 'a long member password' });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/kudzu_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const session = cookie.split(';')[0];
    const me = await (await fetch(`${served.base}/trpc/auth.me`, { headers: { cookie: session } })).json();
    expect(me.result.data.role).toBe('member');
    await post(served.base, 'auth.logout', {}, { cookie: session });
    const after = await (await fetch(`${served.base}/trpc/auth.me`, { headers: { cookie: session } })).json();
    expect(after.result.data.role).toBe('public');
  });

  it('names the missing role when the public tries to add a site', async () => {
    const response = await post(served.base, 'sites.create', { name: 'X', functionType: 'library', geometry: { type: 'Point', coordinates: [0, 0] } });
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toBe('sites.create needs the member role; you are not signed in');
  });

  it('names the field at fault in a malformed request', async () => {
    const login = await post(served.base, 'auth.login', { email: 'member@kudzu.example', password: 'a long member password' });
    const session = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const response = await post(served.base, 'sites.create', { name: 'X', functionType: 'library', geometry: { type: 'Point', coordinates: [200, 0] } }, { cookie: session });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.message).toBe('geometry.coordinates.0: longitude 200 is outside -180..180');
    expect(body.error.data.field).toBe('geometry.coordinates.0');
  });

  it('refuses a change that comes from another site (Origin check)', async () => {
    const response = await post(served.base, 'auth.login', { email: 'member@kudzu.example', password: 'a long member password' }, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toMatch(/Origin does not match/);
  });

  it('refuses an oversized request body with 413 and writes nothing', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const before = await createServices(served.database.db).sites.list({ viewer: { userId: null, displayName: null, role: 'steward' }, now: NOW }, { status: 'all', limit: 100_000 });
    const response = await post(served.base, 'sites.create', { name: huge, functionType: 'library', geometry: { type: 'Point', coordinates: [0, 0] } });
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toBe('the request is larger than the limit of 2 MB');
    const after = await createServices(served.database.db).sites.list({ viewer: { userId: null, displayName: null, role: 'steward' }, now: NOW }, { status: 'all', limit: 100_000 });
    expect(after).toEqual(before);
  });

  it('refuses an oversized body sent in chunks (no Content-Length) with 413, as it does a declared one', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(256 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"name":"'));
        if (sent >= 12) { controller.enqueue(new TextEncoder().encode('"}')); controller.close(); return; }
        controller.enqueue(chunk);
        sent += 1;
      },
    });
    const response = await fetch(`${served.base}/trpc/sites.create`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toBe('the request is larger than the limit of 2 MB');
  });

  it('refuses a NUL character in the input of a query over HTTP with 400 naming the field', async () => {
    const response = await fetch(`${served.base}/trpc/sites.list?input=${encodeURIComponent(JSON.stringify({ text: 'a\u0000b' }))}`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.data.field).toBe('text');
  });

  it('turns an invitation link into an account of the invited role, once', async () => {
    const login = await post(served.base, 'auth.login', { email: 'steward@kudzu.example', password: 'a long steward password' });
    const session = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const invite = await (await post(served.base, 'auth.invite', { role: 'auditor' }, { cookie: session })).json();
    const token = invite.result.data.token as string;
    const accept = await post(served.base, 'auth.acceptInvite', { token, email: 'new@kudzu.example', displayName: 'Ana Auditor', password: 'a long auditor password' });
    expect((await accept.json()).result.data.role).toBe('auditor');
    const again = await post(served.base, 'auth.acceptInvite', { token, email: 'other@kudzu.example', displayName: 'Other', password: 'a long other password' });
    expect((await again.json()).error.message).toBe('this invitation has already been used');
  });
});

describe('the request budget of one address', () => {
  const served = servedPerFile('sqlite', async (database) => ({ services: createServices(database.db) }), { requestBudget: 40 });

  it('is spent by each call in a batch, and more by an expensive read than a cheap one', async () => {
    // Ten cheap calls in one request spend ten of forty units…
    const batch = await fetch(`${served.base}/trpc/${Array(10).fill('taxonomy.get').join(',')}?batch=1&input=${encodeURIComponent('{}')}`);
    expect(batch.status).toBe(200);
    // …and three audit reports spend thirty more, leaving too little for a fourth.
    const reports: number[] = [];
    for (let n = 0; n < 4; n++) {
      reports.push((await fetch(`${served.base}/trpc/audits.report?input=${encodeURIComponent(JSON.stringify({ auditId: 'none' }))}`)).status);
    }
    expect(reports).toEqual([404, 404, 404, 429]);
    expect((await fetch(`${served.base}/trpc/taxonomy.get`)).status).toBe(429);
  });
});

describe.skipIf(skipRealData)('the offline basemap', () => {
  // Read when the block runs, so that a missing data folder skips it instead of failing the file.
  const served = servedPerFile('sqlite', async (database) => ({ services: createServices(database.db) }), () => ({ basemap: parseBasemap(dataFile('sf', 'basemap.pmtiles')) }));

  it('is announced to the browser as a PMTiles URL, never a file path, with OSM attribution', async () => {
    const config = await (await fetch(`${served.base}/api/config`)).json();
    expect(config.basemap).toEqual({ kind: 'pmtiles', url: '/basemap/basemap.pmtiles', attribution: '© OpenStreetMap contributors' });
  });

  it('answers HTTP range requests with exactly the bytes asked for', async () => {
    const response = await fetch(`${served.base}/basemap/basemap.pmtiles`, { headers: { Range: 'bytes=0-126' } });
    expect(response.status).toBe(206);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(127);
    expect(new TextDecoder().decode(bytes.slice(0, 7))).toBe('PMTiles');
    expect(response.headers.get('content-range')).toMatch(/^bytes 0-126\/\d+$/);
  });

  it('refuses a range past the end of the file with 416', async () => {
    const response = await fetch(`${served.base}/basemap/basemap.pmtiles`, { headers: { Range: 'bytes=999999999999-' } });
    expect(response.status).toBe(416);
  });
});
