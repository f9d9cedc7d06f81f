import { describe, expect, it } from 'vitest';
import { analyseAudit, recommendLinks, type PlanInput } from '../../../shared/federation/recommendLinks';
import { syntheticNetwork } from '../../bench/federation';
import { DEFAULT_FEDERATION_WEIGHTS, type Recommendation } from '../../../shared/schemas/federation';
import { AUDIT, GROUPS, LINKS } from './network';

function plan(overrides: Partial<PlanInput> = {}) {
  return recommendLinks({ groups: GROUPS, links: LINKS, audit: AUDIT, weights: { ...DEFAULT_FEDERATION_WEIGHTS }, focusGroupId: null, top: 50, ...overrides });
}

function pair(result: { recommendations: Recommendation[] }, a: string, b: string): Recommendation {
  const found = result.recommendations.find((entry) => (entry.fromGroupId === a && entry.toGroupId === b) || (entry.fromGroupId === b && entry.toGroupId === a));
  if (!found) throw new Error(`no recommendation for ${a}–${b}`);
  return found;
}

const sentence = (recommendation: Recommendation, kind: string) => recommendation.reasons.find((reason) => reason.kind === kind)?.sentence ?? '';

describe('recommending the next pact', () => {
  it('starts from the audit as published: we govern 1 of 3 assessed domains', () => {
    expect(AUDIT.scores.headline).toBe('We govern 1 of 3 assessed domains (8 not assessed)');
    expect(plan().headlineNow).toBe('we govern 1 of 3 assessed domains');
  });

  it('says a link across the bridges removes them, naming each tie', () => {
    const result = plan({ focusGroupId: 'garden' });
    const text = sentence(pair(result, 'garden', 'clinic'), 'resilience');
    expect(text).toContain('Removes 4 single points of failure');
    expect(text).toContain('the tie Garden Collective–Community Kitchen');
    expect(text).toContain('the tie Elder Care Network–Community Kitchen');
  });

  it('says which groups would no longer split the network (cut vertices)', () => {
    const text = sentence(pair(plan({ focusGroupId: 'garden' }), 'garden', 'clinic'), 'resilience');
    expect(text).toContain('losing Community Kitchen and Elder Care Network would no longer split it');
  });

  it('names the import-replacement chain garden → community kitchen → food co-op', () => {
    const text = sentence(pair(plan({ focusGroupId: 'coop' }), 'coop', 'kitchen'), 'import_replacement');
    expect(text).toBe('Community Kitchen produces food that Food Co-op now gets from shops, closing the chain Garden Collective → Community Kitchen → Food Co-op.');
  });

  it('fills a weak domain: care is not governed and the garden’s circle lacks it', () => {
    const recommendation = pair(plan({ focusGroupId: 'garden' }), 'garden', 'elders');
    const reason = recommendation.reasons.find((entry) => entry.kind === 'weak_domains');
    expect(reason?.sentence).toContain('care (not governed: coverage 0 % of need)');
    const care = AUDIT.scores.domains.find((domain) => domain.domain === 'care');
    expect(reason?.value).toBeCloseTo(1 - (care?.score ?? 0), 3);
  });

  it('re-scores the audit as if the pact existed and shows the changed headline', () => {
    const recommendation = pair(plan({ focusGroupId: 'carers' }), 'carers', 'elders');
    expect(recommendation.headlineAfter).toBe('We would govern 2 of 3 assessed domains');
    expect(sentence(recommendation, 'headline')).toContain('Carers Co-op (55 % → 64 %) autonomous, so care would count as governed');
  });

  it('ranks by the same headline change that the full re-scoring shows', () => {
    for (const recommendation of plan({ focusGroupId: 'carers' }).recommendations) {
      expect(recommendation.reasons.some((reason) => reason.kind === 'headline')).toBe(recommendation.headlineAfter !== null);
    }
  });

  it('shows no headline reason when the audit would not change', () => {
    expect(pair(plan({ focusGroupId: 'garden' }), 'garden', 'clinic').headlineAfter).toBeNull();
  });

  it('counts shared members and partners two steps away as existing ties', () => {
    const text = sentence(pair(plan({ focusGroupId: 'coop' }), 'coop', 'kitchen'), 'existing_ties');
    expect(text).toBe('1 partner in common two steps away (Garden Collective).');
    expect(sentence(pair(plan({ focusGroupId: 'clinic' }), 'clinic', 'kitchen'), 'existing_ties')).toContain('Elder Care Network');
  });

  it('gives the straight-line distance, and walking when a street network answers', () => {
    const result = plan({ focusGroupId: 'garden', walkingMetres: () => 512 });
    expect(sentence(pair(result, 'garden', 'kitchen'), 'distance')).toBe('Their nearest sites are 330 m apart in a straight line and 510 m walking; nearness counts up to 3.0 km.');
  });

  it('never proposes a pact that already exists', () => {
    const result = plan();
    expect(result.recommendations.some((entry) => [entry.fromGroupId, entry.toGroupId].sort().join() === 'clinic,elders')).toBe(false);
  });

  it('shows each part as value × weight, adding up to the score', () => {
    for (const recommendation of plan().recommendations) {
      const total = recommendation.reasons.reduce((sum, reason) => sum + reason.points, 0);
      expect(total).toBeCloseTo(recommendation.score, 2);
      for (const reason of recommendation.reasons) expect(reason.points).toBeCloseTo(reason.value * reason.weight, 2);
    }
  });

  it('lets the network reweigh the parts: with only resilience counted, the longest bridge path ranks first', () => {
    const onlyResilience = { weak_domains: 0, import_replacement: 0, distance: 0, existing_ties: 0, resilience: 1, headline: 0 };
    const [first] = plan({ weights: onlyResilience }).recommendations;
    expect(first.reasons.map((reason) => reason.kind)).toContain('resilience');
    expect(first.score).toBe(1);
  });

  it('ranks a generated network by the scores its reasons add up to, and keeps the same best few when asked for fewer', () => {
    const network = syntheticNetwork(160, 520, 3);
    const input = { groups: network.groups, links: network.links, audit: network.audit, weights: { ...DEFAULT_FEDERATION_WEIGHTS }, focusGroupId: null };
    const everyone = recommendLinks({ ...input, top: 100_000 });
    expect(everyone.recommendations.length).toBeGreaterThan(1000);
    everyone.recommendations.slice(1).forEach((recommendation, index) => {
      expect(recommendation.score, `${recommendation.fromName}–${recommendation.toName}`).toBeLessThanOrEqual(everyone.recommendations[index].score);
    });
    for (const top of [1, 10, 40]) {
      expect(recommendLinks({ ...input, top }).recommendations).toEqual(everyone.recommendations.slice(0, top));
    }
    const focused = recommendLinks({ ...input, focusGroupId: 'g17', top: 100_000 });
    expect(recommendLinks({ ...input, focusGroupId: 'g17', top: 10 }).recommendations).toEqual(focused.recommendations.slice(0, 10));
  });

  it('gives the same recommendations with an audit analysis kept from an earlier request', () => {
    const kept = analyseAudit(AUDIT);
    expect(plan({ auditAnalysis: kept, focusGroupId: 'carers' })).toEqual(plan({ focusGroupId: 'carers' }));
    expect(plan({ auditAnalysis: kept })).toEqual(plan());
  });

  it('refuses an audit analysis made for another snapshot', () => {
    const other = analyseAudit({ ...AUDIT });
    expect(() => plan({ auditAnalysis: other })).toThrow('the audit analysis kept is for another snapshot than the audit given');
  });
});
