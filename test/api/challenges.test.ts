import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, refusal } from './fixtures';
import { auditArea, stageAudit } from './auditFixtures';

const kinds = await databaseKinds();

describe.each(kinds)('open challenges through the API, on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);

  beforeAll(async () => {
    await auditArea(seeded.services);
  });

  const steward = () => callerAs(seeded.services, 'steward');
  const auditor = () => callerAs(seeded.services, 'auditor');
  const member = () => callerAs(seeded.services, 'member');

  it('the audit proposes a challenge for every domain below coverage and every failed check, and one is raised by its key', async () => {
    const { audit } = await stageAudit(seeded.services);
    await auditor().audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: 'open_books', value: 'fail', expectedVersion: 0 });
    const { proposals } = await auditor().challenges.proposals({ auditId: audit.id });
    const keys = proposals.map((proposal) => proposal.key);
    expect(keys).toContain('coverage:food');
    expect(keys).toContain(`check:${seeded.commons.id}:open_books`);
    const raised = await auditor().challenges.fromProposal({ auditId: audit.id, proposalKey: 'coverage:food' });
    expect(raised).toMatchObject({ status: 'open', source: { kind: 'coverage', domain: 'food' }, dueOn: '2026-12-31', visibility: 'public' });
    expect((await auditor().challenges.proposals({ auditId: audit.id })).proposals.map((proposal) => proposal.key)).not.toContain('coverage:food');
    expect((await refusal(auditor().challenges.fromProposal({ auditId: audit.id, proposalKey: 'coverage:food' }))).message).toMatch(/proposalKey “coverage:food” is not a current proposal/);
  });

  it('a challenge is claimed by a group, then solved with evidence, and may open a sequel', async () => {
    const { challengeId } = await stageAudit(seeded.services, 'published');
    const claimed = await member().challenges.claim({ challengeId: challengeId!, version: 2, groupId: seeded.commons.id });
    expect(claimed).toMatchObject({ status: 'claimed', claimedByGroupId: seeded.commons.id });
    const noEvidence = await refusal(member().challenges.solve({ challengeId: claimed.id, version: claimed.version, evidence: '   ' }));
    expect(noEvidence.message).toMatch(/evidence/);
    const { solved, sequel } = await member().challenges.solve({
      challengeId: claimed.id, version: claimed.version, evidence: 'The second pantry opened on 3 November.',
      sequel: { title: 'Keep the second pantry stocked through winter', description: '' },
    });
    expect(solved).toMatchObject({ status: 'solved', solvedEvidence: 'The second pantry opened on 3 November.' });
    expect(sequel).toMatchObject({ status: 'open', sequelOf: solved.id, title: 'Keep the second pantry stocked through winter' });
    const again = await refusal(member().challenges.claim({ challengeId: solved.id, version: solved.version, groupId: seeded.commons.id }));
    expect(again.code).toBe('PRECONDITION_FAILED');
    expect(again.message).toMatch(/solved challenge is closed/);
  });

  it('a stale claim is refused as CONFLICT, and nothing changes', async () => {
    const { challengeId } = await stageAudit(seeded.services, 'published');
    await member().challenges.claim({ challengeId: challengeId!, version: 2, groupId: seeded.commons.id });
    const stale = await refusal(member().challenges.claim({ challengeId: challengeId!, version: 2, groupId: seeded.quiet.id }));
    expect(stale.code).toBe('CONFLICT');
    expect((await member().challenges.get({ challengeId: challengeId! })).claimedByGroupId).toBe(seeded.commons.id);
  });

  it('an unmet challenge is carried over to the next audit, due at its next date, and is listed there', async () => {
    const { challengeId } = await stageAudit(seeded.services, 'published');
    const next = await stageAudit(seeded.services, 'draft');
    const carried = await auditor().challenges.carryOver({ challengeId: challengeId!, version: 2, toAuditId: next.audit.id });
    expect(carried).toMatchObject({ status: 'carried_over', carriedOverTo: [next.audit.id], dueOn: '2026-12-31', headline: false });
    expect((await member().challenges.list({ auditId: next.audit.id })).map((challenge) => challenge.id)).toContain(challengeId);
  });

  it('exactly one headline per audit: choosing another moves it', async () => {
    const { audit, challengeId } = await stageAudit(seeded.services);
    const second = await auditor().challenges.create({ auditId: audit.id, title: 'Three people for every key', location: { kind: 'site', siteId: seeded.publicPantry.id } });
    await auditor().challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! });
    const after = await auditor().challenges.chooseHeadline({ auditId: audit.id, challengeId: second.id });
    expect(after.filter((challenge) => challenge.headline).map((challenge) => challenge.id)).toEqual([second.id]);
  });

  it('a challenge at a block-precision site reaches the public at the degraded point only, and a members-only site\'s challenge not at all', async () => {
    const { audit, challengeId } = await stageAudit(seeded.services);
    const atBlock = await auditor().challenges.create({ auditId: audit.id, title: 'Defend the hub', location: { kind: 'site', siteId: seeded.blockDefence.id } });
    await auditor().challenges.create({ auditId: audit.id, title: 'Restock the members fridge', location: { kind: 'site', siteId: seeded.membersFridge.id } });
    await auditor().challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! });
    await auditor().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
    const forPublic = await callerAs(seeded.services, 'public').challenges.list({ auditId: audit.id });
    expect(forPublic.map((challenge) => challenge.id).sort()).toEqual([atBlock.id, challengeId].sort());
    const hub = forPublic.find((challenge) => challenge.id === atBlock.id)!;
    expect(hub.point).not.toEqual(seeded.blockDefence.geometry!.coordinates);
    expect(hub.location).toMatchObject({ kind: 'site', geometry: { type: 'Point' } });
    expect(JSON.stringify(forPublic)).not.toContain('Restock the members fridge');
    const forSteward = await steward().challenges.list({ auditId: audit.id });
    expect(forSteward.find((challenge) => challenge.id === atBlock.id)!.point).toEqual([-122.40123456, 37.78234567]);
  });

  it('challenges of a draft audit are not shown to the public', async () => {
    const { audit } = await stageAudit(seeded.services);
    expect((await refusal(callerAs(seeded.services, 'public').challenges.list({ auditId: audit.id }))).code).toBe('NOT_FOUND');
    const everything = await callerAs(seeded.services, 'public').challenges.list({});
    expect(everything.every((challenge) => challenge.auditId !== audit.id)).toBe(true);
  });
});
