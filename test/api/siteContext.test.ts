/**
 * A site's panel: the challenges still open at the site or for its group, and its group's
 * check results at the latest published audit — as the reader may see them, on SQLite and
 * PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, refusal } from './fixtures';
import { auditArea, period } from './auditFixtures';

const kinds = await databaseKinds();

describe.each(kinds)('a site’s challenges and its group’s checks on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);
  let firstCheck: string;
  let secondCheck: string;

  beforeAll(async () => {
    const steward = callerAs(seeded.services, 'steward');
    const auditor = callerAs(seeded.services, 'auditor');
    const areaId = await auditArea(seeded.services);
    let audit = await steward.audits.create({ areaId, period: period('2026 Q3'), nextAuditOn: '2026-12-31' });
    audit = await steward.audits.open({ auditId: audit.id, version: audit.version });
    const workspace = await auditor.audits.workspace({ auditId: audit.id });
    [firstCheck, secondCheck] = workspace.checks.map((check) => check.key);
    await auditor.audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: firstCheck, value: 'pass', evidence: 'minutes of the June assembly', evidenceUrl: null, expectedVersion: 0 });
    await auditor.audits.answer({ auditId: audit.id, groupId: seeded.commons.id, checkKey: secondCheck, value: 'fail', evidence: '', evidenceUrl: null, expectedVersion: 0 });
    await steward.challenges.create({ auditId: audit.id, title: 'Fix the pantry’s door', location: { kind: 'site', siteId: seeded.publicPantry.id } });
    await steward.challenges.create({ auditId: audit.id, title: 'A fridge for the members', location: { kind: 'site', siteId: seeded.membersFridge.id } });
    const headline = await steward.challenges.create({ auditId: audit.id, title: 'Open a second pantry', location: { kind: 'area', areaId } });
    await steward.challenges.chooseHeadline({ auditId: audit.id, challengeId: headline.id });
    await steward.audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
  }, 120_000);

  it('a visitor sees the challenge placed at the site, not those placed elsewhere', async () => {
    const context = await callerAs(seeded.services, 'public').sites.context({ id: seeded.publicPantry.id });
    expect(context.challenges.map((challenge) => [challenge.title, challenge.reason])).toEqual([['Fix the pantry’s door', 'at this site']]);
  });

  it('gives the group’s answers at the latest published audit, unanswered checks as unknown', async () => {
    const { checks } = await callerAs(seeded.services, 'public').sites.context({ id: seeded.publicPantry.id });
    expect(checks).toMatchObject({ periodLabel: '2026 Q3', groupName: 'Mission Commons', autonomous: false, threshold: 0.6 });
    expect(checks!.checks.find((check) => check.checkKey === firstCheck)).toMatchObject({ value: 'pass', unanswered: false, evidence: 'minutes of the June assembly' });
    expect(checks!.checks.find((check) => check.checkKey === secondCheck)).toMatchObject({ value: 'fail', unanswered: false });
    expect(checks!.checks.filter((check) => check.unanswered).every((check) => check.value === 'unknown')).toBe(true);
    expect(checks!.checks.length).toBeGreaterThan(2);
  });

  it('a member sees the members’ site with its challenge and its members-only group; a visitor is told the site is not there', async () => {
    const context = await callerAs(seeded.services, 'member').sites.context({ id: seeded.membersFridge.id });
    expect(context.challenges.map((challenge) => challenge.title)).toEqual(['A fridge for the members']);
    expect(context.checks?.groupName).toBe('Quiet Tenants');
    const refused = await refusal(callerAs(seeded.services, 'public').sites.context({ id: seeded.membersFridge.id }));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toContain(seeded.membersFridge.id);
  });

  it('a site with no group has no check results', async () => {
    const context = await callerAs(seeded.services, 'steward').sites.context({ id: seeded.stewardsShelter.id });
    expect(context).toMatchObject({ checks: null, challenges: [] });
  });

  it('refuses an id that names no site, saying which', async () => {
    const refused = await refusal(callerAs(seeded.services, 'member').sites.context({ id: 'not-a-site' }));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toContain('not-a-site');
  });
});
