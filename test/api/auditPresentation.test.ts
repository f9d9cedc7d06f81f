import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app';
import { parseBasemap } from '../../server/http/basemap';
import { createServices, type Services } from '../../server/services';
import { databaseKinds } from '../helpers/databases';
import { servedNetworkPerFile } from '../helpers/perFile';
import { callerAs } from './fixtures';
import { period, stageAudit } from './auditFixtures';
import { listen, stop } from './httpHelpers';

const kinds = await databaseKinds();

/** Publish one more audit of the area, through the given services (another server process, say). */
async function publishAnother(services: Services, areaId: string, label: string) {
  const steward = callerAs(services, 'steward');
  let audit = await steward.audits.create({ areaId, period: period(label, '2026-10-01', '2026-12-31'), nextAuditOn: '2027-03-31' });
  audit = await steward.audits.open({ auditId: audit.id, version: audit.version });
  const challenge = await steward.challenges.create({ auditId: audit.id, title: `Keep the pantry open (${label})`, location: { kind: 'area', areaId } });
  await steward.challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
  return steward.audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
}

describe.each(kinds)('a published audit, presented once per audience, on %s', (kind) => {
  const seeded = servedNetworkPerFile(kind);
  let auditId: string;
  let areaId: string;

  beforeAll(async () => {
    ({ audit: { id: auditId }, areaId } = await stageAudit(seeded.services, 'published'));
  });

  const reportUrl = () => `${seeded.base}/trpc/audits.report?input=${encodeURIComponent(JSON.stringify({ auditId }))}`;

  it('is served with an ETag, and a client that holds it gets 304 with no body', async () => {
    const first = await fetch(reportUrl());
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(reportUrl(), { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('sends from its kept copy exactly the bytes tRPC itself sends for the report and the audit', async () => {
    const plain = createApp({ services: createServices(seeded.database.db, { presentationCache: false }), basemap: parseBasemap(undefined), presentedBodies: false });
    const plainBase = await listen(plain);
    try {
      for (const procedure of ['audits.report', 'audits.get']) {
        const path = `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ auditId }))}`;
        const fromTrpc = await (await fetch(`${plainBase}${path}`)).text();
        const first = await fetch(`${seeded.base}${path}`);
        const kept = await fetch(`${seeded.base}${path}`);
        expect(first.headers.get('content-type')).toBe('application/json');
        expect(await first.text()).toBe(fromTrpc);
        expect(await kept.text()).toBe(fromTrpc);
      }
    } finally {
      await stop(plain);
    }
  });

  it('gets a new ETag, and is sent whole again, once a site it counts changes tier or precision', async () => {
    const before = (await fetch(reportUrl())).headers.get('etag') as string;
    const steward = callerAs(seeded.services, 'steward');
    const site = await steward.sites.get({ id: seeded.publicPantry.id });
    await steward.sites.update({ id: site.id, version: site.version, changes: { precision: 'block' } });
    const after = await fetch(reportUrl(), { headers: { 'If-None-Match': before } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
  });

  it('is kept apart per audience: a member is not answered 304 with the public\'s tag', async () => {
    const publicTag = await seeded.services.audits.presentationTag({ viewer: { userId: null, displayName: null, role: 'public' }, now: new Date() }, 'report', auditId);
    const memberTag = await seeded.services.audits.presentationTag({ viewer: { userId: 'm', displayName: 'M', role: 'member' }, now: new Date() }, 'report', auditId);
    expect(publicTag).not.toBeNull();
    expect(memberTag).not.toBe(publicTag);
  });

  it('never goes stale in one server process when another publishes the next audit of the area', async () => {
    const kept = callerAs(seeded.services, 'public');
    const before = await kept.audits.report({ auditId });
    const otherProcess = createServices(seeded.database.db);
    await publishAnother(otherProcess, areaId, 'Winter');
    const after = await kept.audits.report({ auditId });
    expect(after.series.food.length).toBe(before.series.food.length + 1);
  });

  it('has no ETag while a draft, which still changes', async () => {
    const draft = await stageAudit(seeded.services, 'draft');
    expect(await seeded.services.audits.presentationTag({ viewer: { userId: 'a', displayName: 'A', role: 'auditor' }, now: new Date() }, 'report', draft.audit.id)).toBeNull();
  });
});
