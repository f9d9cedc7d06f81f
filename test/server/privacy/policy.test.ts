/** The audience policy's answers, as sentences: the rules every outbound path relies on. */
import { describe, expect, it } from 'vitest';
import {
  assertMayChangePrivacy, assertMayGiveTier, assertMayNarrowTestimony, assertMayReplaceLayer, audienceFor, auditStatusesFor, challengeTier,
  currentTier, namedInAudit, searchableGroupIds, seesAddress, seesAudit, seesChallenge, seesExactLocation, seesTier, stricterSitePrivacy,
} from '../../../server/privacy/policy';
import type { KudzuError } from '../../../shared/errors';
import type { Role } from '../../../shared/privacy/roles';

const as = (role: Role) => ({ viewer: { role } });
const refusalOf = (work: () => void) => {
  try { work(); } catch (error) { return error as KudzuError; }
  return null;
};

describe('the audience policy', () => {
  it('gives each role the tiers at and below it, and real locations to stewards only', () => {
    expect(audienceFor('public')).toEqual({ role: 'public', tiers: ['public'], exactLocations: false });
    expect(audienceFor('auditor').tiers).toEqual(['public', 'members']);
    expect(audienceFor('steward')).toMatchObject({ tiers: ['public', 'members', 'stewards'], exactLocations: true });
  });

  it('treats an unknown tier as hidden from everyone but stewards', () => {
    expect(seesTier(audienceFor('member'), 'secret')).toBe(false);
    expect(seesTier(audienceFor('member'), null)).toBe(false);
  });

  it('withholds the real place and the address of a degraded site from anyone below steward', () => {
    expect(seesExactLocation(audienceFor('auditor'), 'block')).toBe(false);
    expect(seesAddress(audienceFor('member'), 'area')).toBe(false);
    expect(seesAddress(audienceFor('public'), 'exact')).toBe(true);
    expect(seesExactLocation(audienceFor('steward'), 'none')).toBe(true);
  });

  it('shows the public published audits only, and their challenges only', () => {
    expect(auditStatusesFor(audienceFor('public'))).toEqual(['published']);
    expect(auditStatusesFor(audienceFor('member'))).toBeUndefined();
    expect(seesAudit(audienceFor('public'), 'open')).toBe(false);
    expect(seesChallenge(audienceFor('public'), 'public', 'draft')).toBe(false);
    expect(seesChallenge(audienceFor('member'), 'public', 'draft')).toBe(true);
  });

  it('never shows a challenge more widely than its site is shown now, and keeps its own tier once the site is gone', () => {
    expect(challengeTier('public', 'stewards')).toBe('stewards');
    expect(challengeTier('members', 'public')).toBe('members');
    expect(challengeTier('members', null)).toBe('members');
  });

  it('names a counted site in an audit only where the audience may see it and where it is', () => {
    expect(namedInAudit(audienceFor('public'), 'public', 'none')).toBe(false);
    expect(namedInAudit(audienceFor('public'), 'public', 'area')).toBe(true);
    expect(namedInAudit(audienceFor('steward'), 'stewards', 'none')).toBe(true);
    expect(namedInAudit(audienceFor('member'), 'stewards', 'exact')).toBe(false);
  });

  it('answers a filter naming a hidden group like one naming an unknown group', () => {
    expect(searchableGroupIds(['hidden'], new Set(['open']))).toEqual([]);
    expect(searchableGroupIds(['unknown'], new Set(['open']))).toEqual([]);
    expect(searchableGroupIds(['open', 'hidden'], new Set(['open']))).toEqual(['open']);
    expect(searchableGroupIds(undefined, new Set())).toBeNull();
  });

  it('shows a reference at the tier its subject has now, or the stored one when the subject is gone', () => {
    expect(currentTier('members', 'stewards')).toBe('stewards');
    expect(currentTier('members', 'public')).toBe('public');
    expect(currentTier('members', null)).toBe('members');
  });

  it('shows a published site at the stricter of publication and now, with the coarser place', () => {
    const published = { visibility: 'public' as const, precision: 'exact' as const, shownGeometry: 'exact point' };
    expect(stricterSitePrivacy(published, { visibility: 'members', precision: 'block', shownGeometry: 'block centre' }))
      .toEqual({ visibility: 'members', precision: 'block', shownGeometry: 'block centre' });
    const wasArea = { visibility: 'members' as const, precision: 'area' as const, shownGeometry: 'area centre' };
    expect(stricterSitePrivacy(wasArea, { visibility: 'public', precision: 'exact', shownGeometry: 'exact point' })).toEqual(wasArea);
    expect(stricterSitePrivacy(wasArea, undefined)).toEqual(wasArea);
  });

  it('lets members and auditors make a thing safer, and only stewards widen or sharpen it', () => {
    const blockMembers = { visibility: 'members', precision: 'block' };
    for (const role of ['member', 'auditor'] as const) {
      expect(refusalOf(() => assertMayChangePrivacy(as(role), blockMembers, { visibility: 'members', precision: 'area' }))).toBeNull();
      expect(refusalOf(() => assertMayChangePrivacy(as(role), { visibility: 'public', precision: 'exact' }, blockMembers))).toBeNull();
      expect(refusalOf(() => assertMayChangePrivacy(as(role), blockMembers, { visibility: 'members', precision: 'exact' }))).toMatchObject({ code: 'FORBIDDEN', details: { field: 'precision' } });
      expect(refusalOf(() => assertMayChangePrivacy(as(role), { visibility: 'members', precision: 'area' }, blockMembers))).toMatchObject({ details: { field: 'precision' } });
      expect(refusalOf(() => assertMayChangePrivacy(as(role), blockMembers, { visibility: 'public', precision: 'block' }))).toMatchObject({ code: 'FORBIDDEN', details: { field: 'visibility' } });
      expect(refusalOf(() => assertMayChangePrivacy(as(role), blockMembers, { visibility: 'stewards', precision: 'block' }))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(refusalOf(() => assertMayChangePrivacy(as('steward'), { visibility: 'stewards', precision: 'none' }, { visibility: 'public', precision: 'exact' }))).toBeNull();
  });

  it('lets nobody give a thing a tier above their own, and only stewards replace a shared layer', () => {
    expect(refusalOf(() => assertMayGiveTier(as('member'), 'stewards', 'target.visibility'))).toMatchObject({ code: 'FORBIDDEN', details: { field: 'target.visibility', permission: 'steward' } });
    expect(refusalOf(() => assertMayGiveTier(as('member'), 'members'))).toBeNull();
    expect(refusalOf(() => assertMayReplaceLayer(as('auditor')))).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'steward' } });
    expect(refusalOf(() => assertMayReplaceLayer(as('steward')))).toBeNull();
  });

  it('never widens a testimony beyond what its teller agreed to', () => {
    expect(refusalOf(() => assertMayNarrowTestimony('members', 'public'))).toMatchObject({ code: 'BAD_INPUT', details: { field: 'visibility' } });
    expect(refusalOf(() => assertMayNarrowTestimony('members', 'stewards'))).toBeNull();
    expect(refusalOf(() => assertMayNarrowTestimony('members', undefined))).toBeNull();
  });
});
