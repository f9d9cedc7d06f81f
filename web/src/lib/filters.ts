import type { SiteListInput } from './types';
import { siteTileQuery } from '$shared/map/siteTileQuery';

export type StatusFilter = 'active' | 'closed' | 'all';

/** What the filter panel holds; empty means "no restriction". */
export interface Filters {
  domains: string[];
  functionType: string;
  groupId: string;
  status: StatusFilter;
  text: string;
  asOf: string;
  /**
   * The published audit chosen in the time control, with the end of its period: while "as of"
   * is still that date, the tiles ask for the audit's map (kept for good on the server).
   */
  audit?: { id: string; end: string } | null;
}

export function emptyFilters(): Filters {
  return { domains: [], functionType: '', groupId: '', status: 'active', text: '', asOf: '', audit: null };
}

/** The `sites.map` (and `sites.list`) input for a set of filters. */
export function siteQuery(filters: Filters): SiteListInput {
  const query: SiteListInput = { status: filters.status, limit: 100_000 };
  if (filters.domains.length) query.domains = filters.domains as NonNullable<SiteListInput['domains']>;
  if (filters.functionType) query.functionTypes = [filters.functionType];
  if (filters.groupId) query.groupIds = [filters.groupId];
  if (filters.text.trim()) query.text = filters.text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(filters.asOf)) query.asOf = filters.asOf;
  return query;
}

/** How many filters narrow the map, for the "clear filters" button. */
export function activeFilterCount(filters: Filters): number {
  return (filters.domains.length ? 1 : 0) + (filters.functionType ? 1 : 0) + (filters.groupId ? 1 : 0)
    + (filters.status !== 'active' ? 1 : 0) + (filters.text.trim() ? 1 : 0) + (filters.asOf ? 1 : 0);
}

/** The site tiles' query string for a set of filters (the same filters as `siteQuery`). */
export function tileQuery(filters: Filters): string {
  return siteTileQuery({
    domains: filters.domains as NonNullable<SiteListInput['domains']>,
    types: filters.functionType ? [filters.functionType] : undefined,
    groups: filters.groupId ? [filters.groupId] : undefined,
    status: filters.status,
    text: filters.text,
    ...(filters.audit && filters.audit.end === filters.asOf
      ? { audit: filters.audit.id }
      : { asOf: /^\d{4}-\d{2}-\d{2}$/.test(filters.asOf) ? filters.asOf : undefined }),
  });
}
