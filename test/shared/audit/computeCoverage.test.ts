import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../shared/audit/computeCoverage';
import { convertCapacity } from '../../../shared/audit/convertCapacity';
import { SITES, site } from './fixtures';

const forDomain = (domain: string, coverage: ReturnType<typeof computeCoverage>) => coverage.find((entry) => entry.domain === domain)!;

describe('computeCoverage', () => {
  it('reports all eleven domains in taxonomy order', () => {
    const coverage = computeCoverage({ population: 1000, sites: [], autonomousGroupIds: [] });
    expect(coverage.map((entry) => entry.domain)).toEqual(['food', 'housing', 'health', 'care', 'safety', 'education', 'work', 'money', 'energy', 'communications', 'governance']);
  });

  it('derives food need as one household in eight, households being residents ÷ 2.5', () => {
    const food = forDomain('food', computeCoverage({ population: 1000, sites: [], autonomousGroupIds: [] }));
    expect(food).toMatchObject({ need: 50, unit: 'households_per_week', needSource: 'default' });
    expect(food.needReason).toMatch(/^12.5 % of households \(residents ÷ 2.5\) in a population of 1,000: 50 households a week\. About one household in eight/);
  });

  it('the assembly\'s estimate of need overrides the default', () => {
    const food = forDomain('food', computeCoverage({
      population: 1000, sites: [], autonomousGroupIds: [],
      needEstimates: [{ domain: 'food', need: 80, note: 'counted at the pantry door' }],
    }));
    expect(food).toMatchObject({ need: 80, needSource: 'assembly' });
    expect(food.needReason).toBe('The assembly estimated the need at 80 households a week (counted at the pantry door).');
  });

  it('counts a fridge\'s 25 people a week as 10 households a week', () => {
    const food = forDomain('food', computeCoverage({ population: 1000, sites: SITES, autonomousGroupIds: ['g-pantry'] }));
    expect(food.sites.find((entry) => entry.siteId === 's-fridge')).toMatchObject({ capacity: 10, counted: true, reason: 'counted: 10 households a week' });
    expect(food.autonomousSiteIds).toEqual(['s-fridge', 's-pantry']);
  });

  it('lists closed sites and sites without capacity without counting them', () => {
    const sites = [
      site({ id: 'a', groupId: 'g', capacity: 10, capacityUnit: 'households_per_week', status: 'closed', closedOn: '2025-02-01' }),
      site({ id: 'b', groupId: 'g', capacity: null }),
    ];
    const food = forDomain('food', computeCoverage({ population: 1000, sites, autonomousGroupIds: ['g'] }));
    expect(food.sites.map((entry) => [entry.siteId, entry.counted, entry.reason])).toEqual([
      ['a', false, 'closed'],
      ['b', false, 'no capacity recorded'],
    ]);
    expect(food.activeSiteCount).toBe(1);
    expect(food.autonomousCapacity).toBe(0);
    expect(food.coverage).toBe(0);
  });

  it('takes a site\'s unit from its function type when the site has none', () => {
    const sites = [site({ id: 'g1', functionType: 'community_garden', groupId: 'g', capacity: 5, capacityUnit: null })];
    const food = forDomain('food', computeCoverage({ population: 1000, sites, autonomousGroupIds: ['g'] }));
    expect(food.autonomousCapacity).toBe(5);
  });

  it('turns 8,800 kWh a month of community energy into 10 households supplied', () => {
    expect(convertCapacity(8800, 'kwh_per_month', 'households')).toBeCloseTo(10, 10);
    const sites = [site({ id: 'solar', domain: 'energy', functionType: 'community_energy', groupId: 'g', capacity: 8800, capacityUnit: 'kwh_per_month' })];
    const energy = forDomain('energy', computeCoverage({ population: 1000, sites, autonomousGroupIds: ['g'] }));
    expect(energy.need).toBe(100);
    expect(energy.coverage).toBeCloseTo(0.1, 10);
  });

  it('leaves need unknown when the area has no population and no estimate', () => {
    const food = forDomain('food', computeCoverage({ population: null, sites: SITES, autonomousGroupIds: ['g-pantry'] }));
    expect(food).toMatchObject({ need: null, needSource: 'none', coverage: null, autonomousCapacity: 32 });
  });
});
