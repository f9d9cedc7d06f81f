import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLIST } from '../../../shared/audit/defaultChecklist';
import { scoreAudit, scoreGroup } from '../../../shared/audit/scoreAudit';
import { reweightCheck, retireCheck } from '../../../shared/audit/editChecklist';
import type { DomainScore } from '../../../shared/audit/types';
import { ANSWERS, GARDEN_GROUP, PANTRY_GROUP, SCORE_INPUT, SITES, answer, site } from './fixtures';

const food = (domains: readonly DomainScore[]) => domains.find((domain) => domain.domain === 'food')!;

describe('scoreAudit', () => {
  it('a domain with 64 % coverage and passing groups counts as governed', () => {
    const { scores } = scoreAudit(SCORE_INPUT);
    const domain = food(scores.domains);
    expect(domain.governed).toBe(true);
    expect(domain.coverage).toBeCloseTo(0.64, 10);
    expect(domain.reasons[0]).toBe(
      'Food: coverage 64 % of need (threshold 50 %) from 2 autonomous sites; 1 group failing recall; 1 group failing open books; 1 group failing skill circulation; 1 group failing funding independence; 1 group failing assets in common',
    );
  });

  it('gives the numbers of the worked example in METHOD.md', () => {
    const { scores, coverage } = scoreAudit(SCORE_INPUT);
    const pantry = scores.groups.find((group) => group.groupId === 'g-pantry')!;
    const garden = scores.groups.find((group) => group.groupId === 'g-garden')!;
    expect([pantry.points, pantry.possible]).toEqual([9.5, 11]);
    expect(pantry.score).toBeCloseTo(0.8636, 4);
    expect(pantry.autonomous).toBe(true);
    expect([garden.points, garden.possible]).toEqual([5, 12]);
    expect(garden.score).toBeCloseTo(0.4167, 4);
    expect(garden.autonomous).toBe(false);

    const foodCoverage = coverage.find((entry) => entry.domain === 'food')!;
    expect(foodCoverage.need).toBe(50);
    expect(foodCoverage.autonomousCapacity).toBe(32);
    expect(foodCoverage.totalCapacity).toBe(47);
    expect(food(scores.domains).score).toBeCloseTo(0.6401, 4);

    expect(scores.headline).toBe('We govern 1 of 9 assessed domains (2 not assessed)');
    expect(scores.governedCount).toBe(1);
  });

  it('an unanswered check is reported as unknown, never as a pass', () => {
    const { scores } = scoreAudit(SCORE_INPUT);
    const pantry = scores.groups.find((group) => group.groupId === 'g-pantry')!;
    const care = pantry.contributions.find((entry) => entry.checkKey === 'care')!;
    expect(care).toMatchObject({ value: 'unknown', unanswered: true, points: 0, possible: 1 });
    expect(pantry.counts).toMatchObject({ unknown: 1, unanswered: 1, pass: 9 });
    expect(pantry.reasons).toContain('Unknown, counted as 0 and not as a pass: care (1 never answered).');
    expect(scores.unknowns).toEqual([
      { groupId: 'g-pantry', checkKey: 'care', answered: false },
      { groupId: 'g-garden', checkKey: 'care', answered: true },
    ]);
  });

  it('a group with no answers at all scores 0 and is not autonomous', () => {
    const group = scoreGroup({ id: 'g-new', name: 'New group' }, DEFAULT_CHECKLIST, []);
    expect(group.score).toBe(0);
    expect(group.autonomous).toBe(false);
    expect(group.counts.unknown).toBe(12);
  });

  it('not applicable leaves the check out of the score rather than counting it as a fail', () => {
    const pantry = scoreGroup(PANTRY_GROUP, DEFAULT_CHECKLIST, ANSWERS);
    expect(pantry.possible).toBe(11);
    expect(pantry.reasons).toContain('Not applicable, left out: assets in common.');
  });

  it('not applicable on a check that always applies counts as unknown', () => {
    const group = scoreGroup(PANTRY_GROUP, DEFAULT_CHECKLIST, [answer('g-pantry', 'open_books', 'not_applicable')]);
    const openBooks = group.contributions.find((entry) => entry.checkKey === 'open_books')!;
    expect(openBooks.value).toBe('unknown');
    expect(openBooks.possible).toBe(1);
  });

  it('a heavier check counts in proportion to its weight', () => {
    const checks = reweightCheck(DEFAULT_CHECKLIST, 'open_books', 3);
    const garden = scoreGroup(GARDEN_GROUP, checks, ANSWERS);
    expect(garden.possible).toBe(14);
    expect(garden.points).toBe(5);
  });

  it('a check retired before the audit is not asked', () => {
    const checks = retireCheck(DEFAULT_CHECKLIST, 'care', '2025-01-15');
    const { scores } = scoreAudit({ ...SCORE_INPUT, checks });
    const pantry = scores.groups.find((group) => group.groupId === 'g-pantry')!;
    expect(pantry.contributions.map((entry) => entry.checkKey)).not.toContain('care');
    expect(pantry.possible).toBe(10);
    expect(scores.unknowns.map((unknown) => unknown.checkKey)).not.toContain('care');
  });

  it('sites of a group below the threshold do not count towards coverage, and the reasons say so', () => {
    const { scores, coverage } = scoreAudit(SCORE_INPUT);
    const garden = coverage.find((entry) => entry.domain === 'food')!.sites.find((entry) => entry.siteId === 's-garden')!;
    expect(garden).toMatchObject({ counted: false, capacity: 15, reason: 'its group does not clear the check threshold' });
    expect(food(scores.domains).reasons).toContain('Not counted: Hillside Garden (its group does not clear the check threshold).');
  });

  it('a domain below the coverage threshold is not governed and says what it reaches', () => {
    const sites = SITES.filter((entry) => entry.id !== 's-pantry');
    const { scores } = scoreAudit({ ...SCORE_INPUT, sites });
    const domain = food(scores.domains);
    expect(domain.governed).toBe(false);
    expect(domain.coverage).toBeCloseTo(0.2, 10);
    expect(domain.reasons[1]).toBe('Not governed: sites run by autonomous groups give 10 of the 50 households a week needed, below 50 %.');
  });

  it('a domain with no need and no sites is reported not assessed rather than governed', () => {
    const { scores } = scoreAudit(SCORE_INPUT);
    const energy = scores.domains.find((domain) => domain.domain === 'energy')!;
    expect(energy).toMatchObject({ assessed: false, governed: false, score: null });
    expect(energy.reasons).toEqual(['Energy & utilities: not assessed — there is no need and no site.']);
  });

  it('with no population and no estimate every domain is not assessed', () => {
    const { scores } = scoreAudit({ ...SCORE_INPUT, population: null, needEstimates: [] });
    expect(scores.assessedCount).toBe(0);
    expect(scores.headline).toBe('We govern 0 of 0 assessed domains (11 not assessed)');
    expect(food(scores.domains).reasons[0]).toContain('the need is unknown');
  });

  it('the network\'s thresholds decide what counts as autonomous and governed', () => {
    const { scores } = scoreAudit({ ...SCORE_INPUT, rules: { autonomousGroupScore: 0.4, governedCoverage: 0.95 } });
    expect(scores.groups.every((group) => group.autonomous)).toBe(true);
    const domain = food(scores.domains);
    expect(domain.coverage).toBeCloseTo(0.94, 10);
    expect(domain.governed).toBe(false);
  });

  it('a domain score is built from coverage and the groups\' mean score, each shown as a contribution', () => {
    const { scores } = scoreAudit(SCORE_INPUT);
    const contributions = food(scores.domains).contributions;
    expect(contributions[0]).toMatchObject({ kind: 'coverage', threshold: 0.5, weight: 0.5 });
    expect(contributions[1]).toMatchObject({ kind: 'groups', groupIds: ['g-garden', 'g-pantry'], weight: 0.5 });
    expect(contributions.find((entry) => entry.kind === 'check' && entry.checkKey === 'open_books'))
      .toMatchObject({ failingGroupIds: ['g-garden'], partialGroupIds: [], unknownGroupIds: [] });
  });

  it('a site run by no group never counts, whatever its capacity', () => {
    const sites = [...SITES, site({ id: 's-orphan', name: 'Loose Fridge', functionType: 'community_fridge', capacity: 500, capacityUnit: 'people_per_week' })];
    const { coverage } = scoreAudit({ ...SCORE_INPUT, sites });
    const foodCoverage = coverage.find((entry) => entry.domain === 'food')!;
    expect(foodCoverage.autonomousCapacity).toBe(32);
    expect(foodCoverage.sites.find((entry) => entry.siteId === 's-orphan')!.counted).toBe(false);
  });
});
