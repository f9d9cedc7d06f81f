import { describe, expect, it } from 'vitest';
import { createChallenge } from '../../../shared/audit/challengeLifecycle';
import type { Challenge } from '../../../shared/audit/types';
import { proposeFoodAccessClosures, type FoodAccessFindings } from '../../../shared/access/proposeFoodAccessClosures';

const context = { at: '2026-11-21T12:00:00Z', by: 'a steward' };

function foodChallenge(id: string, zoneId: string): Challenge {
  return createChallenge({
    id, auditId: 'audit-1', title: `Challenge ${id}`, description: '', domain: 'food',
    source: { kind: 'food_access', zoneId, people: 900 }, location: { kind: 'area', areaId: 'area-1' }, dueOn: null,
  }, context);
}

function findings(overrides: Partial<FoodAccessFindings> = {}): FoodAccessFindings {
  return {
    areas: new Map([
      ['06075061000', { lowAccess: false, beyond: 120, share: 0.04 }],
      ['06075026401', { lowAccess: true, beyond: 900, share: 0.22 }],
    ]),
    distanceAt: () => 300,
    threshold: 804.672,
    thresholdLabel: '0.5mi',
    basis: 'straight-line, 0.5mi, sources: supermarkets',
    ...overrides,
  };
}

describe('proposeFoodAccessClosures', () => {
  it('proposes closing an area that is no longer low access, saying how many people remain beyond', () => {
    const proposals = proposeFoodAccessClosures([foodChallenge('a', '06075061000'), foodChallenge('b', '06075026401')], findings());
    expect(proposals).toEqual([{ challengeId: 'a', reason: expect.stringMatching(/^No longer low access: 120 people \(4 %\) live beyond 0\.5mi/) }]);
  });

  it('proposes closing a best-site challenge once a source is within the threshold of its place, and not before', () => {
    const site = foodChallenge('s', 'site:-122.41000,37.77000');
    expect(proposeFoodAccessClosures([site], findings())[0].reason).toMatch(/^A food source is now 300 m from this place, within 0\.5mi/);
    expect(proposeFoodAccessClosures([site], findings({ distanceAt: () => 1200 }))).toEqual([]);
  });

  it('leaves alone solved challenges, other kinds, and zones the analysis does not cover', () => {
    const solved = { ...foodChallenge('x', '06075061000'), status: 'solved' as const };
    const manual = { ...foodChallenge('m', '06075061000'), source: { kind: 'manual' as const } };
    const elsewhere = foodChallenge('e', 'block-17');
    expect(proposeFoodAccessClosures([solved, manual, elsewhere], findings())).toEqual([]);
  });
});
