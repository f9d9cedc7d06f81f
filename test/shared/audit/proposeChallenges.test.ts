import { describe, expect, it } from 'vitest';
import { proposeChallenges } from '../../../shared/audit/proposeChallenges';
import { proposeClosures } from '../../../shared/audit/proposeClosures';
import { challengeFromProposal, createChallenge } from '../../../shared/audit/challengeLifecycle';
import type { AuditSnapshot } from '../../../shared/audit/types';
import { CURRENT, PREVIOUS } from './snapshots';

const at = { at: '2025-01-10T18:00:00Z', by: 'steward-1' };

describe('proposeChallenges', () => {
  it('proposes a challenge for each assessed domain below coverage, saying how far it is from the threshold and from the whole need', () => {
    const proposals = proposeChallenges(CURRENT);
    const housing = proposals.find((entry) => entry.key === 'coverage:housing')!;
    expect(housing.title).toBe('Housing & land: reach 50 % of need');
    expect(housing.description).toMatch(/^Housing & land: sites run by autonomous groups give 0 of the 68 households needed \(0 %; the threshold is 50 %\)\. About 34 more households would reach the threshold\. How the need is counted: /);
    expect(housing.location).toEqual({ kind: 'area', areaId: 'riverside' });
    expect(proposals.some((entry) => entry.key === 'coverage:food')).toBe(false);
    expect(proposals.some((entry) => entry.key === 'coverage:energy')).toBe(false);
  });

  it('gives what is there in whole people, so it and the shortfall add up to the threshold', () => {
    const snapshot = structuredClone(CURRENT) as AuditSnapshot;
    const coverage = snapshot.coverage.find((entry) => entry.domain === 'housing')!;
    coverage.need = 1250;
    coverage.autonomousCapacity = 615.5;
    const domain = snapshot.scores.domains.find((entry) => entry.domain === 'housing')!;
    domain.coverage = 615.5 / 1250;
    const housing = proposeChallenges(snapshot).find((entry) => entry.key === 'coverage:housing')!;
    expect(housing.description).toContain('give 615 of the 1,250 households needed (49 %; the threshold is 50 %). About 10 more households would reach the threshold.');
  });

  it('counts a shortfall in whole people or households, rounding up', () => {
    const snapshot = structuredClone(CURRENT) as AuditSnapshot;
    const coverage = snapshot.coverage.find((entry) => entry.domain === 'housing')!;
    coverage.need = 69; // half of it is 34.5 households
    const housing = proposeChallenges(snapshot).find((entry) => entry.key === 'coverage:housing')!;
    expect(housing.description).toContain('give 0 of the 69 households needed (0 %; the threshold is 50 %). About 35 more households would reach the threshold.');
  });

  it('proposes a challenge for a group failing a check, placed at one of its sites', () => {
    const proposal = proposeChallenges(CURRENT).find((entry) => entry.key === 'check:g-garden:open_books')!;
    expect(proposal).toMatchObject({
      title: 'Hillside Garden Club: open books',
      description: 'Hillside Garden Club fails the check “Are the books open: is the budget published to members?” (evidence: no budget shown this year). Its score is 42 %.',
      domain: 'food',
      source: { kind: 'check', groupId: 'g-garden', checkKey: 'open_books' },
      location: { kind: 'site', siteId: 's-garden' },
    });
  });

  it('does not propose what an unsolved challenge already covers', () => {
    const existing = challengeFromProposal(proposeChallenges(CURRENT)[0], { id: 'c9', auditId: CURRENT.auditId, dueOn: '2025-06-20' }, at);
    const withChallenge: AuditSnapshot = { ...CURRENT, challenges: [...CURRENT.challenges, existing] };
    expect(proposeChallenges(withChallenge).map((entry) => entry.key)).not.toContain(proposeChallenges(CURRENT)[0].key);
  });

  it('gives the same proposals in the same order every time', () => {
    expect(proposeChallenges(CURRENT, PREVIOUS)).toEqual(proposeChallenges(CURRENT, PREVIOUS));
  });
});

describe('proposeClosures', () => {
  const challenge = (id: string, source: Parameters<typeof createChallenge>[0]['source']) => createChallenge({
    id, auditId: PREVIOUS.auditId, title: id, description: '', domain: 'food', source,
    location: { kind: 'area', areaId: 'riverside' }, dueOn: '2025-03-20',
  }, at);

  it('a re-analysis showing the gap filled proposes closing the challenge, with the reason', () => {
    const open = [
      challenge('food-coverage', { kind: 'coverage', domain: 'food' }),
      challenge('housing-coverage', { kind: 'coverage', domain: 'housing' }),
      challenge('pantry-books', { kind: 'check', groupId: 'g-pantry', checkKey: 'open_books' }),
      challenge('garden-books', { kind: 'check', groupId: 'g-garden', checkKey: 'open_books' }),
      challenge('by-hand', { kind: 'manual' }),
    ];
    expect(proposeClosures(open, CURRENT)).toEqual([
      { challengeId: 'food-coverage', reason: 'Food is now governed at Spring 2025: coverage 64 % of need (threshold 50 %).' },
      { challengeId: 'pantry-books', reason: 'Riverside Pantry Collective now passes open books at Spring 2025.' },
    ]);
  });

  it('a closed site counts as replaced when it reopens or a site of the same kind opens after the challenge', () => {
    const kitchenGone = challenge('kitchen', { kind: 'site_closed', siteId: 's-kitchen', functionType: 'community_kitchen' });
    expect(proposeClosures([kitchenGone], CURRENT)).toEqual([]);
    const replaced: AuditSnapshot = {
      ...CURRENT,
      sites: [...CURRENT.sites, { ...CURRENT.sites[0], id: 's-new-kitchen', name: 'New Kitchen', functionType: 'community_kitchen', openedOn: '2025-02-01' }],
    };
    expect(proposeClosures([kitchenGone], replaced)).toEqual([{ challengeId: 'kitchen', reason: 'New Kitchen opened on 2025-02-01, a site of the same kind.' }]);
  });
});
