import { describe, expect, it } from 'vitest';
import { activeFilterCount, emptyFilters, siteQuery, tileQuery } from '../../web/src/lib/filters';

describe('filters become a sites query', () => {
  it('asks for active sites and nothing else when no filter is set', () => {
    expect(siteQuery(emptyFilters())).toEqual({ status: 'active', limit: 100_000 });
    expect(activeFilterCount(emptyFilters())).toBe(0);
  });

  it('passes domains, type, group, trimmed search text and the as-of date', () => {
    const filters = { domains: ['food'], functionType: 'food_pantry', groupId: 'g1', status: 'all' as const, text: '  fridge ', asOf: '2025-06-30' };
    expect(siteQuery(filters)).toEqual({
      status: 'all', limit: 100_000, domains: ['food'], functionTypes: ['food_pantry'], groupIds: ['g1'], text: 'fridge', asOf: '2025-06-30',
    });
    expect(activeFilterCount(filters)).toBe(6);
  });

  it('ignores a half-typed date', () => {
    expect(siteQuery({ ...emptyFilters(), asOf: '2025-06' }).asOf).toBeUndefined();
  });

  it('asks the tiles for the filters, and for a published audit’s map while “as of” is still its last day', () => {
    expect(tileQuery(emptyFilters())).toBe('');
    const filters = { ...emptyFilters(), domains: ['food', 'care'], functionType: 'food_pantry', status: 'all' as const, asOf: '2025-06-30' };
    expect(tileQuery(filters)).toBe('domains=food%2Ccare&types=food_pantry&status=all&asOf=2025-06-30');
    expect(tileQuery({ ...filters, audit: { id: 'audit-2025-q2', end: '2025-06-30' } })).toContain('audit=audit-2025-q2');
    expect(tileQuery({ ...filters, audit: { id: 'audit-2025-q2', end: '2025-06-30' }, asOf: '2025-05-01' })).toContain('asOf=2025-05-01');
  });
});
