/**
 * Expensive public reads are answered from copies kept per audience and privacy
 * generation: challenge lists as one serialized (and gzipped) body with an ETag, published
 * audits as before. The generation lives in the database, so a change made through another
 * server process on the same database reaches this one's next answer at once. Lists of
 * audits and the trend read the figures kept at publication, never a snapshot.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { createApp } from '../../server/http/app';
import { parseBasemap } from '../../server/http/basemap';
import { createServices, type Services } from '../../server/services';
import { migrateTo, migrateToLatest } from '../../server/db/database';
import { presentationTag } from '../../server/services/presentedAudits';
import { databaseKinds, openTestDatabase } from '../helpers/databases';
import { callerAs, seedNetwork, type Seeded } from './fixtures';
import { servedNetworkPerFile } from '../helpers/perFile';
import { listen, rawGet, stop } from './httpHelpers';
import { period, stageAudit } from './auditFixtures';

const kinds = await databaseKinds();

/** A published audit with a headline challenge at the seeded public, exact pantry. */
async function auditWithChallengeAtPantry(services: Services, seeded: Seeded, areaId: string, label: string) {
  const steward = callerAs(services, 'steward');
  let audit = await steward.audits.create({ areaId, period: period(label, '2026-10-01', '2026-12-31'), nextAuditOn: '2027-03-31' });
  audit = await steward.audits.open({ auditId: audit.id, version: audit.version });
  const challenge = await steward.challenges.create({ auditId: audit.id, title: `Keep the pantry stocked (${label})`, location: { kind: 'site', siteId: seeded.publicPantry.id } });
  await steward.challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
  audit = await steward.audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
  return { audit, challenge };
}

describe.each(kinds)('expensive public reads on %s', (kind) => {
  const seeded = servedNetworkPerFile(kind);
  let areaId: string;
  let auditId: string;
  let challengeId: string;
  /** Another server process on the same database: its own services, caches and generation reads. */
  let other: Services;

  beforeAll(async () => {
    areaId = (await stageAudit(seeded.services, 'published')).areaId;
    const staged = await auditWithChallengeAtPantry(seeded.services, seeded, areaId, 'Autumn');
    auditId = staged.audit.id;
    challengeId = staged.challenge.id;
    other = createServices(seeded.database.db);
  });

  const listUrl = (input: object) => `${seeded.base}/trpc/challenges.list?input=${encodeURIComponent(JSON.stringify(input))}`;
  const challengeIds = async (input: object) => ((await (await fetch(listUrl(input))).json()) as { result: { data: { id: string }[] } }).result.data.map((c) => c.id);

  it('serves challenges.list with an ETag, exactly the bytes tRPC sends, gzipped for a client that accepts it, and 304 to one that holds it', async () => {
    const plain = createApp({ services: createServices(seeded.database.db, { presentationCache: false }), basemap: parseBasemap(undefined), presentedBodies: false });
    const plainBase = await listen(plain);
    try {
      for (const input of [{}, { auditId }, { areaId }]) {
        const path = `/trpc/challenges.list?input=${encodeURIComponent(JSON.stringify(input))}`;
        const fromTrpc = await (await fetch(`${plainBase}${path}`)).text();
        const first = await fetch(`${seeded.base}${path}`, { headers: { 'Accept-Encoding': 'identity' } });
        expect(first.status).toBe(200);
        expect(await first.text()).toBe(fromTrpc);
        const etag = first.headers.get('etag') as string;
        expect(etag).toMatch(/^"[\w-]+"$/);
        const zipped = await rawGet(`${seeded.base}${path}`, { 'Accept-Encoding': 'gzip' });
        expect(zipped.encoding).toBe('gzip');
        expect(gunzipSync(zipped.body).toString('utf8')).toBe(fromTrpc);
        const refused = await rawGet(`${seeded.base}${path}`, { 'Accept-Encoding': 'gzip;q=0, identity' });
        expect(refused.encoding).toBeUndefined();
        expect(refused.body.toString('utf8')).toBe(fromTrpc);
        const again = await fetch(`${seeded.base}${path}`, { headers: { 'If-None-Match': etag } });
        expect(again.status).toBe(304);
      }
      expect(await challengeIds({ auditId })).toContain(challengeId);
    } finally {
      await stop(plain);
    }
  });

  it('answers a made-up ETag for an audit the public cannot see as tRPC would (404), never 304', async () => {
    const draft = await stageAudit(seeded.services, 'open');
    const generation = await seeded.database.db.selectFrom('privacy_generation').select('generation').executeTakeFirstOrThrow();
    const forged = `"${presentationTag('challenges', JSON.stringify([draft.audit.id, null]), 'public', Number(generation.generation))}"`;
    const answer = await fetch(listUrl({ auditId: draft.audit.id }), { headers: { 'If-None-Match': forged } });
    expect(answer.status).toBe(404);
  });

  it('drops a challenge from this process\'s public list at once when another process hides its site, and shows it again when it is made public', async () => {
    expect(await challengeIds({ auditId })).toContain(challengeId);
    const otherSteward = callerAs(other, 'steward');
    let site = await otherSteward.sites.get({ id: seeded.publicPantry.id });
    site = await otherSteward.sites.update({ id: site.id, version: site.version, changes: { visibility: 'members' } });
    expect(await challengeIds({ auditId })).not.toContain(challengeId);
    expect(await challengeIds({})).not.toContain(challengeId);
    await otherSteward.sites.update({ id: site.id, version: site.version, changes: { visibility: 'public' } });
    expect(await challengeIds({ auditId })).toContain(challengeId);
  });

  it('shows the public the degraded point at once when another process coarsens the site\'s precision', async () => {
    type Listed = { id: string; point: [number, number] | null };
    const pointNow = async () => ((await (await fetch(listUrl({ auditId }))).json()) as { result: { data: Listed[] } }).result.data.find((c) => c.id === challengeId)?.point;
    expect(await pointNow()).toEqual(seeded.publicPantry.geometry?.type === 'Point' ? seeded.publicPantry.geometry.coordinates : null);
    const otherSteward = callerAs(other, 'steward');
    const site = await otherSteward.sites.get({ id: seeded.publicPantry.id });
    const coarse = await otherSteward.sites.update({ id: site.id, version: site.version, changes: { precision: 'block' } });
    const shown = await pointNow();
    expect(shown).not.toEqual(seeded.publicPantry.geometry?.type === 'Point' ? seeded.publicPantry.geometry.coordinates : null);
    expect(shown).not.toBeNull();
    await otherSteward.sites.update({ id: coarse.id, version: coarse.version, changes: { precision: 'exact' } });
  });

  it('gives the report a new ETag at once when another process changes the tier of a site it counts', async () => {
    const reportUrl = `${seeded.base}/trpc/audits.report?input=${encodeURIComponent(JSON.stringify({ auditId }))}`;
    const before = await fetch(reportUrl);
    const etag = before.headers.get('etag') as string;
    expect((await fetch(reportUrl, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const otherSteward = callerAs(other, 'steward');
    const site = await otherSteward.sites.get({ id: seeded.publicPantry.id });
    const hidden = await otherSteward.sites.update({ id: site.id, version: site.version, changes: { visibility: 'stewards' } });
    const after = await fetch(reportUrl, { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).not.toContain('Open Pantry');
    await otherSteward.sites.update({ id: hidden.id, version: hidden.version, changes: { visibility: 'public' } });
  });

  it('keeps the report’s ETag when a site it counts is saved with a new capacity, and moves it when the site is renamed', async () => {
    const reportUrl = `${seeded.base}/trpc/audits.report?input=${encodeURIComponent(JSON.stringify({ auditId }))}`;
    const etag = (await fetch(reportUrl)).headers.get('etag') as string;
    const steward = callerAs(other, 'steward');
    const site = await steward.sites.get({ id: seeded.publicPantry.id });
    const saved = await steward.sites.update({ id: site.id, version: site.version, changes: { capacity: (site.capacity ?? 0) + 10, openingHours: 'Mo-Fr 09:00-17:00' } });
    expect((await fetch(reportUrl, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const renamed = await steward.sites.update({ id: site.id, version: saved.version, changes: { name: `${site.name} (renamed)` } });
    expect((await fetch(reportUrl, { headers: { 'If-None-Match': etag } })).status).toBe(200);
    await steward.sites.update({ id: site.id, version: renamed.version, changes: { name: site.name, capacity: site.capacity, openingHours: site.openingHours } });
  });

  it('shows a member a challenge raised in another process, and its claim, at once', async () => {
    const open = await stageAudit(seeded.services, 'open');
    const member = callerAs(seeded.services, 'member');
    const before = await member.challenges.list({ auditId: open.audit.id });
    const raised = await callerAs(other, 'steward').challenges.create({ auditId: open.audit.id, title: 'Start a tool library', location: { kind: 'area', areaId } });
    const after = await member.challenges.list({ auditId: open.audit.id });
    expect(after.map((c) => c.id).sort()).toEqual([...before.map((c) => c.id), raised.id].sort());
    await callerAs(other, 'member').challenges.claim({ challengeId: raised.id, version: raised.version, groupId: seeded.commons.id });
    expect((await member.challenges.list({ auditId: open.audit.id })).find((c) => c.id === raised.id)?.claimedByGroupId).toBe(seeded.commons.id);
  });

  it('lists audits and draws the trend from the figures kept at publication, without reading a snapshot', async () => {
    const publicCaller = callerAs(seeded.services, 'public');
    const listed = await publicCaller.audits.list({ areaId });
    const trend = await publicCaller.audits.trend({ areaId });
    const report = await publicCaller.audits.report({ auditId });
    const autumn = listed.find((audit) => audit.id === auditId);
    expect(autumn?.headline).toBe(report.headline.text);
    expect(autumn?.governedCount).toBe(report.headline.governed);
    expect(autumn?.assessedCount).toBe(report.headline.total);
    expect(trend).toEqual(report.series);
    // Spoil every stored snapshot: lists and the trend do not notice, since they never read one.
    const stored = await sql<{ id: string; snapshot: string }>`select id, snapshot from audits where status = ${'published'}`.execute(seeded.database.db);
    await sql`update audits set snapshot = ${'not json'} where status = ${'published'}`.execute(seeded.database.db);
    try {
      const spoiled = createServices(seeded.database.db);
      expect(await callerAs(spoiled, 'public').audits.list({ areaId })).toEqual(listed);
      expect(await callerAs(spoiled, 'public').audits.trend({ areaId })).toEqual(trend);
    } finally {
      for (const row of stored.rows) await sql`update audits set snapshot = ${row.snapshot} where id = ${row.id}`.execute(seeded.database.db);
    }
  });
});

describe.each(kinds)('audits published before summaries were kept, on %s', (kind) => {
  it('get their figures from their snapshots when the database is migrated', async () => {
    const database = await openTestDatabase(kind);
    try {
      const seeded = await seedNetwork(database.db);
      const { audit, areaId } = await stageAudit(seeded.services, 'published');
      const expected = await callerAs(seeded.services, 'public').audits.list({ areaId });
      await migrateTo(database.db, '20261129T1045_federation');
      await migrateToLatest(database.db);
      const listed = await callerAs(createServices(database.db), 'public').audits.list({ areaId });
      expect(listed.find((entry) => entry.id === audit.id)?.headline).toMatch(/\S/);
      expect(listed).toEqual(expected);
    } finally {
      await database.dispose();
    }
  });
});
