import { describe, expect, it } from 'vitest';
import { diffAudits } from '../../../shared/audit/diffAudits';
import { domainScoreSeries } from '../../../shared/audit/domainScoreSeries';
import { proposeChallenges } from '../../../shared/audit/proposeChallenges';
import { CURRENT, PREVIOUS } from './snapshots';

describe('diffAudits', () => {
  it('a site closed since the last audit appears in the diff and proposes a challenge', () => {
    const diff = diffAudits(PREVIOUS, CURRENT);
    expect(diff.sitesClosed.map((site) => site.id)).toEqual(['s-kitchen']);
    const proposal = proposeChallenges(CURRENT, PREVIOUS).find((entry) => entry.source.kind === 'site_closed');
    expect(proposal).toMatchObject({
      key: 'site_closed:s-kitchen',
      title: 'Replace Soup Kitchen',
      description: 'Soup Kitchen (food) was open at Winter 2024 and is closed at Spring 2025; it served 10 people a week.',
      location: { kind: 'site', siteId: 's-kitchen', geometry: { type: 'Point', coordinates: [-122.44, 37.773] } },
    });
  });

  it('a site that only appears in the new audit is listed as opened', () => {
    const diff = diffAudits(CURRENT, PREVIOUS);
    expect(diff.sitesOpened.map((site) => site.id)).toEqual(['s-kitchen']);
  });

  it('a moved site and a site whose capacity changed are listed as changed', () => {
    const diff = diffAudits(PREVIOUS, CURRENT);
    expect(diff.sitesChanged.map((change) => [change.siteId, change.moved, change.capacityChanged])).toEqual([
      ['s-pantry', false, true],
      ['s-fridge', true, false],
    ]);
    expect(diff.sitesChanged[0].previous.capacity).toBe(10);
    expect(diff.sitesChanged[0].current.capacity).toBe(22);
  });

  it('a domain that crossed the coverage threshold is stronger and newly governed', () => {
    const diff = diffAudits(PREVIOUS, CURRENT);
    const food = diff.domains.find((domain) => domain.domain === 'food')!;
    // coverage 24 of 50 (48 %), pantry 8.5 of 11, garden 5.5 of 12
    expect(food.previousScore).toBeCloseTo(0.5 * 0.48 + 0.5 * (8.5 / 11 + 5.5 / 12) / 2, 10);
    expect(food.direction).toBe('stronger');
    expect(food.governed).toBe('gained');
    expect(diff.domainsStronger.map((domain) => domain.domain)).toEqual(['food']);
    expect([diff.governedBefore, diff.governedNow]).toEqual([0, 1]);
    expect(diff.reasons).toContain('Food is now governed.');
  });

  it('lists checks gained and lost per group', () => {
    const diff = diffAudits(PREVIOUS, CURRENT);
    expect(diff.checksGained).toEqual([{ groupId: 'g-pantry', groupName: 'Riverside Pantry Collective', checkKey: 'open_books', from: 'fail', to: 'pass' }]);
    expect(diff.checksLost).toEqual([{ groupId: 'g-garden', groupName: 'Hillside Garden Club', checkKey: 'rotation', from: 'pass', to: 'partial' }]);
  });

  it('matches tallies by name and unit whatever their case and spacing, and says which went up or down', () => {
    const diff = diffAudits(PREVIOUS, CURRENT);
    expect(diff.talliesUp).toEqual([{ name: 'Meals shared', unit: 'meals', previous: 300, current: 340, delta: 40 }]);
    expect(diff.talliesDown).toEqual([{ name: 'Families housed without landlords', unit: 'families', previous: 80, current: 73, delta: -7 }]);
  });
});

describe('domainScoreSeries', () => {
  it('gives each domain its scores oldest first, with gaps where it was not assessed', () => {
    const series = domainScoreSeries([CURRENT, PREVIOUS]);
    expect(series.food.map((point) => [point.auditId, point.period, point.governed])).toEqual([
      ['audit-2024-winter', 'Winter 2024', false],
      ['audit-2025-spring', 'Spring 2025', true],
    ]);
    expect(series.food[1].score).toBeCloseTo(0.6401, 4);
    expect(series.energy.map((point) => point.score)).toEqual([null, null]);
    expect(series.housing.map((point) => point.score)).toEqual([0, 0]);
    expect(Object.keys(series)).toHaveLength(11);
  });
});
