import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { servedNetworkPerFile } from '../helpers/perFile';
import { callerAs } from './fixtures';
import { stageAudit } from './auditFixtures';
import { openStream } from '../helpers/sse';
import type { LiveNightState } from '../../shared/night/live';

const kinds = await databaseKinds();

async function post(base: string, procedure: string, body: unknown, cookie = '') {
  const response = await fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: JSON.stringify(body) });
  return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], body: await response.json() as { result?: { data: { id: string } & Record<string, unknown> }; error?: { message: string } } };
}

describe.each(kinds)('the audit night event stream on %s', (kind) => {
  const served = servedNetworkPerFile(kind, async ({ services }) => ({
    auditId: (await stageAudit(services, 'open')).audit.id,
    draftId: (await stageAudit(services, 'draft')).audit.id,
  }));

  it('sends a snapshot, then a testimony a phone told and an auditor approved', async () => {
    const projector = await openStream(`${served.base}/api/night/events?audit=${served.auditId}`);
    const snapshot = await projector.next((m) => m.event === 'snapshot');
    expect((snapshot.data as LiveNightState).testimonies).toEqual([]);
    expect((snapshot.data as LiveNightState).join.url).toMatch(/\/n\/[a-z0-9]{6}$/);
    const phone = await post(served.base, 'night.join', { auditId: served.auditId });
    expect(phone.cookie).toMatch(/^kudzu_participant=/);
    const told = await post(served.base, 'night.submitTestimony', { key: 'first-testimony', text: 'The fridge fed us in July.', pseudonym: 'R.', consent: true }, phone.cookie);
    expect(told.status).toBe(200);
    await callerAs(served.services, 'auditor').night.moderate({ id: told.body.result!.data.id, kind: 'testimony', decision: 'approved' });
    const approved = await projector.next((m) => m.event === 'testimony.approved');
    expect(approved.data).toMatchObject({ type: 'testimony.approved', testimony: { text: 'The fridge fed us in July.', pseudonym: 'R.' } });
    projector.close();
  });

  it('tells a console (queue=1) when something waits for moderation, and a projector nothing until it is approved', async () => {
    const projector = await openStream(`${served.base}/api/night/events?audit=${served.auditId}`);
    const console = await openStream(`${served.base}/api/night/events?audit=${served.auditId}&queue=1`);
    await projector.next((m) => m.event === 'snapshot');
    await console.next((m) => m.event === 'snapshot');
    const phone = await post(served.base, 'night.join', { auditId: served.auditId });
    await post(served.base, 'night.submitTestimony', { key: 'queued-for-console', text: 'Only the console hears of this.', consent: true }, phone.cookie);
    await console.next((m) => m.event === 'queue.changed');
    await new Promise((done) => setTimeout(done, 300));
    expect(projector.messages.map((m) => m.event)).not.toContain('queue.changed');
    projector.close();
    console.close();
  });

  it('replays what a screen missed after the last event id it saw', async () => {
    const first = await openStream(`${served.base}/api/night/events?audit=${served.auditId}`);
    const snapshot = await first.next((m) => m.event === 'snapshot');
    first.close();
    const phone = await post(served.base, 'night.join', { auditId: served.auditId });
    const told = await post(served.base, 'night.submitTestimony', { key: 'while-away-1', text: 'Told while the projector was away.', consent: true }, phone.cookie);
    await callerAs(served.services, 'auditor').night.moderate({ id: told.body.result!.data.id, kind: 'testimony', decision: 'approved' });
    const resumed = await openStream(`${served.base}/api/night/events?audit=${served.auditId}`, { 'Last-Event-ID': String(snapshot.id) });
    const missed = await resumed.next((m) => m.event === 'testimony.approved');
    expect((missed.data as { testimony: { text: string } }).testimony.text).toBe('Told while the projector was away.');
    expect(resumed.messages.some((m) => m.event === 'snapshot')).toBe(false);
    resumed.close();
  });

  it('refuses a draft audit, a last event id beyond the night, and a phone asking for another night', async () => {
    const draft = await openStream(`${served.base}/api/night/events?audit=${served.draftId}`);
    expect(draft.status).toBe(404);
    const beyond = await openStream(`${served.base}/api/night/events?audit=${served.auditId}`, { 'Last-Event-ID': '99999' });
    expect(beyond.status).toBe(400);
    expect(beyond.body).toContain('Last-Event-ID 99999 is not an event of this night');
    const other = await stageAudit(served.services, 'open');
    const phone = await post(served.base, 'night.join', { auditId: other.audit.id });
    const elsewhere = await openStream(`${served.base}/api/night/events?audit=${served.auditId}`, { cookie: phone.cookie });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toContain('this phone joined another night');
  });
});
