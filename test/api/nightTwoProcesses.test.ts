/**
 * Audit night across stateless servers: two `kudzu serve` processes on one PostgreSQL
 * database. A testimony told through the first and approved through the second reaches a
 * projector whose event stream is held by the first (LISTEN/NOTIFY wakes it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { serveProcess, type Served } from '../helpers/serveProcess';
import { openStream } from '../helpers/sse';
import { createServices } from '../../server/services';
import { NOW } from './fixtures';
import { stageAudit } from './auditFixtures';

const postgres = (await databaseKinds()).includes('postgres');

async function post(base: string, procedure: string, body: unknown, cookie = '') {
  const response = await fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: JSON.stringify(body) });
  const json = await response.json() as { result?: { data: { id?: string } }; error?: { message: string } };
  if (!response.ok) throw new Error(`${procedure}: ${json.error?.message}`);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], data: json.result!.data };
}

describe.skipIf(!postgres)('audit night on two server processes sharing one PostgreSQL database', () => {
  let database: TestDatabase;
  let first: Served;
  let second: Served;
  let auditId: string;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const services = createServices(database.db);
    await services.auth.createUser('auditor@night.example', 'Night Auditor', 'a long auditor password', 'auditor', NOW);
    auditId = (await stageAudit(services)).audit.id;
    const url = new URL(database.location.replace(':***@', '@'));
    [first, second] = await Promise.all([serveProcess(url.toString()), serveProcess(url.toString())]);
  });

  afterAll(async () => {
    for (const served of [first, second]) served?.child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 500));
    await database?.dispose();
  });

  it('pushes a testimony told through the first and approved through the second to a projector on the first', async () => {
    const projector = await openStream(`${first.base}/api/night/events?audit=${auditId}`);
    await projector.next((m) => m.event === 'snapshot', 10_000);
    const phone = await post(first.base, 'night.join', { auditId });
    const told = await post(first.base, 'night.submitTestimony', { key: 'two-process-1', text: 'Told on the first server.', consent: true }, phone.cookie);
    const auditor = await post(second.base, 'auth.login', { email: 'auditor@night.example', password: 'a long auditor password' });
    const approvedAt = Date.now();
    await post(second.base, 'night.moderate', { id: told.data.id, kind: 'testimony', decision: 'approved' }, auditor.cookie);
    const pushed = await projector.next((m) => m.event === 'testimony.approved', 10_000);
    expect((pushed.data as { testimony: { text: string } }).testimony.text).toBe('Told on the first server.');
    expect(Date.now() - approvedAt).toBeLessThan(5000);
    projector.close();
  });

  it('counts screens connected to either process', async () => {
    const one = await openStream(`${first.base}/api/night/events?audit=${auditId}`);
    const two = await openStream(`${second.base}/api/night/events?audit=${auditId}`);
    const counted = await one.next((m) => m.event === 'presence' && (m.data as { connected: number }).connected === 2, 10_000);
    expect(counted.data).toEqual({ connected: 2 });
    one.close();
    two.close();
  });
});
