import { beforeAll, describe, expect, it } from 'vitest';
import { type TRPCError } from '@trpc/server';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, NOW, shelterPoint, refusal } from './fixtures';
import { auditArea, freshArea, period, stageAudit } from './auditFixtures';
import { createCallerFactory, type Context } from '../../server/trpc/trpc';
import { appRouter } from '../../server/trpc/appRouter';
import type { Services } from '../../server/services';
import type { Role } from '../../shared/privacy/roles';

const kinds = await databaseKinds();
const createCaller = createCallerFactory(appRouter);

/** A caller with a name of its own, so a conflict can say who saved first. */
function person(services: Services, displayName: string, role: Role = 'auditor') {
  const context: Context = { services, viewer: { userId: `user-${displayName}`, displayName, role }, sessionToken: undefined, now: () => NOW, setSessionCookie: () => undefined };
  return createCaller(context);
}

describe.each(kinds)('the sovereignty audit through the API, on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);
  let outsiderId: string;

  beforeAll(async () => {
    const steward = callerAs(seeded.services, 'steward');
    const outsider = await steward.groups.create({ name: 'Faraway Bakers' });
    outsiderId = outsider.id;
    await steward.sites.create({ name: 'Faraway Oven', functionType: 'community_kitchen', groupId: outsider.id, geometry: { type: 'Point', coordinates: [-122.6, 37.6] } });
    await auditArea(seeded.services);
  });

  const steward = () => callerAs(seeded.services, 'steward');
  const auditor = () => callerAs(seeded.services, 'auditor');

  it('the workspace lists every group with a site inside the area, and only those', async () => {
    const { audit } = await stageAudit(seeded.services);
    const workspace = await auditor().audits.workspace({ auditId: audit.id });
    expect(workspace.groups.map((group) => group.name).sort()).toEqual(['Mission Commons', 'Quiet Tenants']);
    expect(workspace.checks.map((check) => check.key)).toContain('skill_circulation');
    expect(workspace.progress).toEqual({ answered: 0, total: 24, unknown: 24 });
  });

  it('a published report does not change when the live map is edited afterwards', async () => {
    const { audit } = await stageAudit(seeded.services);
    await auditor().audits.addTally({ auditId: audit.id, name: 'families housed without landlords', count: 73, unit: 'families' });
    for (const checkKey of ['constitution', 'rotation', 'recall', 'open_books', 'skill_circulation', 'assemblies', 'funding_independence', 'scale']) {
      await auditor().audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey, value: 'pass', expectedVersion: 0 });
    }
    const { challengeId } = { challengeId: (await steward().challenges.list({ auditId: audit.id }))[0].id };
    await steward().challenges.chooseHeadline({ auditId: audit.id, challengeId });
    const published = await auditor().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
    expect(published.status).toBe('published');
    const before = await callerAs(seeded.services, 'member').audits.report({ auditId: audit.id });

    const pantry = await steward().sites.get({ id: seeded.publicPantry.id });
    const moved = await steward().sites.update({ id: pantry.id, version: pantry.version, changes: { capacity: 900, name: 'Renamed Pantry', geometry: { type: 'Point', coordinates: [-122.42, 37.77] } } });
    await steward().sites.create({ name: 'Brand New Fridge', functionType: 'community_fridge', groupId: seeded.commons.id, geometry: { type: 'Point', coordinates: [-122.41, 37.77] } });
    await steward().groups.update({ id: seeded.commons.id, version: (await steward().groups.get({ id: seeded.commons.id })).version, changes: { name: 'Renamed Commons' } });

    const after = await callerAs(seeded.services, 'member').audits.report({ auditId: audit.id });
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain('Renamed');
    expect(JSON.stringify(after)).not.toContain('Brand New Fridge');
    expect(after.tallies.map((tally) => [tally.name, tally.count])).toEqual([['families housed without landlords', 73]]);
    // Put the live map back for the other tests.
    await steward().sites.update({ id: moved.id, version: moved.version, changes: { capacity: 120, name: 'Open Pantry', geometry: pantry.geometry! } });
    await steward().groups.update({ id: seeded.commons.id, version: (await steward().groups.get({ id: seeded.commons.id })).version, changes: { name: 'Mission Commons' } });
  });

  it('editing a published audit is refused as INVALID_STATE and writes nothing', async () => {
    const { audit, challengeId } = await stageAudit(seeded.services, 'published');
    const before = await steward().audits.report({ auditId: audit.id });
    const attempts = [
      () => auditor().audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: 'care', value: 'pass', expectedVersion: 0 }),
      () => auditor().audits.addTally({ auditId: audit.id, name: 'meals shared', count: 5, unit: 'meals' }),
      () => auditor().audits.setNeed({ auditId: audit.id, domain: 'food', need: 10 }),
      () => callerAs(seeded.services, 'public').audits.submitTestimony({ auditId: audit.id, text: 'Too late', consent: true }),
      () => auditor().challenges.create({ auditId: audit.id, title: 'Too late', location: { kind: 'area', areaId: audit.areaId } }),
      () => auditor().challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! }),
      () => auditor().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true }),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error.code).toBe('PRECONDITION_FAILED');
      expect(error.message).toMatch(/published/);
    }
    expect((await auditor().audits.workspace({ auditId: audit.id })).answers).toEqual([]);
    expect(await steward().audits.report({ auditId: audit.id })).toEqual(before);
  });

  it('publishing with unknown answers is refused unless acknowledged, and the refusal writes nothing', async () => {
    const { audit, challengeId } = await stageAudit(seeded.services);
    await steward().challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! });
    const error = await refusal(auditor().audits.publish({ auditId: audit.id, version: audit.version }));
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toMatch(/24 check answers are unknown.*acknowledgeUnknown/);
    expect((await auditor().audits.get({ auditId: audit.id })).audit.status).toBe('open');

    const published = await auditor().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
    const report = await auditor().audits.report({ auditId: published.id });
    expect(report.unknowns).toMatchObject({ count: 24, acknowledged: true });
    expect(report.unknowns.items[0]).toEqual({ group: 'Mission Commons', check: 'constitution' });
  });

  it('publishing without exactly one headline challenge is refused with what to do', async () => {
    const { audit } = await stageAudit(seeded.services);
    const error = await refusal(auditor().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true }));
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toMatch(/no headline challenge is chosen/);
  });

  it('a tally with a negative or non-numeric count is refused naming the field, and nothing is written', async () => {
    const { audit } = await stageAudit(seeded.services);
    const negative = await refusal(auditor().audits.addTally({ auditId: audit.id, name: 'evictions permitted', count: -1, unit: 'evictions' }));
    expect(negative.code).toBe('BAD_REQUEST');
    expect(negative.message).toMatch(/count: count must be a whole number ≥ 0/);
    const text = await refusal(auditor().audits.addTally({ auditId: audit.id, name: 'evictions permitted', count: 'seven' as unknown as number, unit: 'evictions' }));
    expect(text.message).toMatch(/count/);
    const fraction = await refusal(auditor().audits.addTally({ auditId: audit.id, name: 'evictions permitted', count: 1.5, unit: 'evictions' }));
    expect(fraction.message).toMatch(/count must be a whole number/);
    expect((await auditor().audits.workspace({ auditId: audit.id })).tallies).toEqual([]);
  });

  it('a check answered for a group outside the area is refused naming the group, and nothing is written', async () => {
    const { audit } = await stageAudit(seeded.services);
    const error = await refusal(auditor().audits.answer({ auditId: audit.id, groupId: outsiderId, checkKey: 'rotation', value: 'pass', expectedVersion: 0 }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/Faraway Bakers.*has no site in Mission Flats/);
    expect((await auditor().audits.workspace({ auditId: audit.id })).answers).toEqual([]);
  });

  it('two auditors saving the same check at once: one wins, the other gets CONFLICT naming who saved first, nothing is lost', async () => {
    const { audit } = await stageAudit(seeded.services);
    const ana = person(seeded.services, 'Ana');
    const bo = person(seeded.services, 'Bo');
    const results = await Promise.allSettled([
      ana.audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: 'open_books', value: 'pass', evidence: 'Budget on the wall', expectedVersion: 0 }),
      bo.audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: 'open_books', value: 'fail', evidence: 'Not seen', expectedVersion: 0 }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ answeredBy: string | null; value: string }>).value;
    expect((lost[0].reason as TRPCError).code).toBe('CONFLICT');
    expect((lost[0].reason as TRPCError).message).toContain(winner.answeredBy!);

    const stored = (await auditor().audits.workspace({ auditId: audit.id })).answers;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ value: winner.value, version: 1, answeredBy: winner.answeredBy });

    // The loser reloads and answers on top of the winner's version.
    const second = await (winner.answeredBy === 'Ana' ? bo : ana).audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: 'open_books', value: 'partial', expectedVersion: 1 });
    expect(second.version).toBe(2);
    const stale = await refusal(ana.audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: 'open_books', value: 'pass', expectedVersion: 1 }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/last changed by (Ana|Bo)/);
  });

  it('the public sees only published audits, with public-tier content at public precision', async () => {
    const { audit: draft } = await stageAudit(seeded.services, 'draft');
    const { audit } = await stageAudit(seeded.services, 'published');
    const publicCaller = callerAs(seeded.services, 'public');
    const listed = await publicCaller.audits.list({});
    expect(listed.every((entry) => entry.status === 'published')).toBe(true);
    expect(listed.map((entry) => entry.id)).toContain(audit.id);
    expect(listed.map((entry) => entry.id)).not.toContain(draft.id);
    expect((await refusal(publicCaller.audits.get({ auditId: draft.id }))).code).toBe('NOT_FOUND');
    expect((await refusal(publicCaller.audits.report({ auditId: draft.id }))).code).toBe('NOT_FOUND');

    const view = await publicCaller.audits.get({ auditId: audit.id });
    const report = await publicCaller.audits.report({ auditId: audit.id });
    const everything = JSON.stringify([view, report, await publicCaller.challenges.list({ auditId: audit.id })]);
    expect(view.snapshot.sites.map((site) => site.name)).toEqual(expect.arrayContaining(['Eviction Defence Hub', 'Open Pantry']));
    for (const hidden of ['Members Fridge', 'Safe House', 'Quiet Tenants']) expect(everything).not.toContain(hidden);
    expect(everything).not.toContain(String(shelterPoint.coordinates[0]).slice(0, 10));
    expect(everything).not.toContain(String(shelterPoint.coordinates[1]).slice(0, 9));
    const block = view.snapshot.sites.find((site) => site.name === 'Eviction Defence Hub')!;
    expect(block.geometry).not.toEqual(shelterPoint);

    const stewardView = await steward().audits.get({ auditId: audit.id });
    expect(stewardView.snapshot.sites.find((site) => site.name === 'Eviction Defence Hub')!.geometry).toEqual(shelterPoint);
    expect(stewardView.snapshot.sites.map((site) => site.name)).toContain('Safe House');
    // The headline figures are the audit's result and are the same for everyone.
    expect(report.headline).toEqual((await steward().audits.report({ auditId: audit.id })).headline);
  });

  it('members see drafts, as a preview from the live map', async () => {
    const { audit } = await stageAudit(seeded.services, 'draft');
    const view = await callerAs(seeded.services, 'member').audits.get({ auditId: audit.id });
    expect(view.audit.status).toBe('draft');
    expect(view.snapshot.sites.map((site) => site.name)).toContain('Members Fridge');
    expect(view.snapshot.sites.map((site) => site.name)).not.toContain('Safe House');
    const report = await callerAs(seeded.services, 'member').audits.report({ auditId: audit.id });
    expect(report.preview).toBe(true);
  });

  it('a testimony from the public waits for moderation, and only approved ones with consent reach the report', async () => {
    const { audit, challengeId } = await stageAudit(seeded.services);
    const publicCaller = callerAs(seeded.services, 'public');
    const kept = await publicCaller.audits.submitTestimony({ auditId: audit.id, text: 'The pantry fed my family all summer.', pseudonym: 'Rosa', consent: true });
    const dropped = await publicCaller.audits.submitTestimony({ auditId: audit.id, text: 'Spam spam spam', consent: true });
    const quiet = await publicCaller.audits.submitTestimony({ auditId: audit.id, text: 'Only for members to read.', consent: true, visibility: 'members' });
    expect(kept.moderation).toBe('pending');
    expect((await refusal(publicCaller.audits.submitTestimony({ auditId: audit.id, text: 'No consent', consent: false as true }))).message).toMatch(/consent is required/);
    await auditor().audits.moderateTestimony({ testimonyId: kept.id, decision: 'approved' });
    await auditor().audits.moderateTestimony({ testimonyId: dropped.id, decision: 'rejected' });
    await auditor().audits.moderateTestimony({ testimonyId: quiet.id, decision: 'approved' });
    expect((await refusal(auditor().audits.moderateTestimony({ testimonyId: quiet.id, decision: 'approved', visibility: 'public' }))).message).toMatch(/cannot be widened/);
    await steward().challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! });
    await auditor().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
    const forPublic = await publicCaller.audits.report({ auditId: audit.id });
    expect(forPublic.testimonies.map((testimony) => [testimony.teller, testimony.text])).toEqual([['Rosa', 'The pantry fed my family all summer.']]);
    const forMembers = await callerAs(seeded.services, 'member').audits.report({ auditId: audit.id });
    expect(forMembers.testimonies.map((testimony) => testimony.teller).sort()).toEqual(['Rosa', 'a neighbour']);
  });

  it('the report diffs with the previous published audit of the area, and the trend holds every published audit', async () => {
    const areaId = await freshArea(seeded.services, 'Mission Flats, two quarters');
    const publish = async (label: string, start: string, end: string, count: number, value: 'pass' | 'fail') => {
      let audit = await steward().audits.create({ areaId, period: period(label, start, end), nextAuditOn: '2027-12-31' });
      audit = await steward().audits.open({ auditId: audit.id, version: audit.version });
      await auditor().audits.addTally({ auditId: audit.id, name: 'conflicts mediated by peers', count, unit: 'conflicts' });
      await auditor().audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: 'rotation', value, expectedVersion: 0 });
      const challenge = await steward().challenges.create({ auditId: audit.id, title: `Headline ${label}`, location: { kind: 'area', areaId } });
      await steward().challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
      return steward().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
    };
    const first = await publish('2027 Q1', '2027-01-01', '2027-03-31', 5, 'fail');
    await steward().sites.create({ name: 'Spring Fridge', functionType: 'community_fridge', groupId: seeded.commons.id, openedOn: '2027-04-15', geometry: { type: 'Point', coordinates: [-122.412, 37.772] } });
    const second = await publish('2027 Q2', '2027-04-01', '2027-06-30', 12, 'pass');
    const report = await callerAs(seeded.services, 'public').audits.report({ auditId: second.id });
    expect(report.previous).toEqual({ auditId: first.id, label: '2027 Q1' });
    expect(report.diff!.sitesOpened.map((site) => site.name)).toEqual(['Spring Fridge']);
    expect(report.diff!.checksGained).toMatchObject([{ groupName: 'Mission Commons', checkKey: 'rotation', from: 'fail', to: 'pass' }]);
    expect(report.diff!.talliesUp).toMatchObject([{ name: 'conflicts mediated by peers', previous: 5, current: 12, delta: 7 }]);
    expect(report.headlineChallenge!.title).toBe('Headline 2027 Q2');
    const trend = await callerAs(seeded.services, 'public').audits.trend({ areaId });
    expect(trend.food.map((point) => point.period).slice(-2)).toEqual(['2027 Q1', '2027 Q2']);
    expect(report.series.food.map((point) => point.period).slice(-2)).toEqual(['2027 Q1', '2027 Q2']);
  });

  it('a second audit for an area that has one in progress is refused, naming the area and the audit, and nothing is written', async () => {
    const { audit } = await stageAudit(seeded.services, 'draft');
    const before = await steward().audits.list({ areaId: audit.areaId });
    const error = await refusal(auditor().audits.create({ areaId: audit.areaId, period: period('Another'), nextAuditOn: '2026-12-31' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(new RegExp(`^areaId: Mission Flats.* already has an audit in progress, “${audit.period.label}” \\(draft\\)`));
    expect(await steward().audits.list({ areaId: audit.areaId })).toEqual(before);
    const opened = await steward().audits.open({ auditId: audit.id, version: audit.version });
    expect((await refusal(auditor().audits.create({ areaId: audit.areaId, period: period('Another'), nextAuditOn: '2026-12-31' }))).message).toMatch(/\(open\)/);
    const challenge = await steward().challenges.create({ auditId: opened.id, title: 'One more fridge', location: { kind: 'area', areaId: audit.areaId } });
    await steward().challenges.chooseHeadline({ auditId: opened.id, challengeId: challenge.id });
    await steward().audits.publish({ auditId: opened.id, version: opened.version, acknowledgeUnknown: true });
    expect(await auditor().audits.create({ areaId: audit.areaId, period: period('Another', '2026-10-01', '2026-12-31'), nextAuditOn: '2027-03-31' })).toMatchObject({ status: 'draft', areaId: audit.areaId });
  });

  it('two audits started for one area at the same moment: one is started, the other refused, never both', async () => {
    const areaId = await freshArea(seeded.services, 'Mission Flats, started twice at once');
    const start = (label: string) => auditor().audits.create({ areaId, period: period(label), nextAuditOn: '2026-12-31' });
    const outcomes = await Promise.allSettled([start('First at once'), start('Second at once'), start('Third at once')]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason.message).toMatch(/^areaId: Mission Flats, started twice at once already has an audit in progress/);
    }
    expect((await steward().audits.list({ areaId })).filter((audit) => audit.status === 'draft')).toHaveLength(1);
  });

  it('editing the checklist leaves an audit already started with the words it asked', async () => {
    const { audit } = await stageAudit(seeded.services);
    await steward().checks.reword({ key: 'constitution', question: 'Is a short charter posted?' });
    const workspace = await auditor().audits.workspace({ auditId: audit.id });
    expect(workspace.checks.find((check) => check.key === 'constitution')!.question).toMatch(/one-page constitution/);
    const { audit: next } = await stageAudit(seeded.services, 'draft');
    expect((await auditor().audits.workspace({ auditId: next.id })).checks.find((check) => check.key === 'constitution')).toMatchObject({ question: 'Is a short charter posted?', version: 2 });
  });
});
