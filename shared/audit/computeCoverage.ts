import type { DomainId } from '../taxonomy/domains';
import { DOMAIN_IDS } from '../taxonomy/domains';
import { FUNCTION_TYPES } from '../taxonomy/functionTypes';
import type { CapacityUnit, FunctionType } from '../taxonomy/functionTypes';
import { convertCapacity } from './convertCapacity';
import { NEED_DEFAULTS, defaultNeed, needDefaultFor } from './needDefaults';
import type { NeedDefault } from './needDefaults';
import type { AuditSite, DomainCoverage, NeedEstimate, SiteCapacityContribution } from './types';
import { UNIT_WORDS, amount, sharePercent } from './words';

export interface CoverageInput {
  population: number | null;
  sites: readonly AuditSite[];
  /** Groups whose score clears the network's threshold; only their sites count. */
  autonomousGroupIds: ReadonlySet<string> | readonly string[];
  needEstimates?: readonly NeedEstimate[];
  needDefaults?: readonly NeedDefault[];
  /** Used to find a site's capacity unit when the site does not carry one. */
  functionTypes?: readonly FunctionType[];
}

/**
 * Need against the capacity of autonomous sites, per domain (all eleven, in taxonomy
 * order). Need comes from the assembly's estimate if there is one, else from the
 * population and the domain's default; capacities are converted to the need's unit.
 */
export function computeCoverage(input: CoverageInput): DomainCoverage[] {
  const autonomous = new Set(input.autonomousGroupIds);
  const defaults = input.needDefaults ?? NEED_DEFAULTS;
  const typeUnits = new Map((input.functionTypes ?? FUNCTION_TYPES).map((type) => [type.id, type.capacityUnit]));
  return DOMAIN_IDS.map((domain) => {
    const needDefault = needDefaultFor(domain, defaults);
    const unit = needDefault.unit;
    const { need, needSource, needReason } = resolveNeed(domain, input.population, needDefault, input.needEstimates ?? []);
    const domainSites = input.sites.filter((site) => site.domain === domain).sort((a, b) => compareText(a.id, b.id));
    const sites = domainSites.map((site) =>
      contributionOf(site, unit, site.capacityUnit ?? typeUnits.get(site.functionType) ?? null, autonomous));
    const active = sites.filter((_, index) => domainSites[index].status === 'active');
    const autonomousCapacity = sum(sites.filter((site) => site.counted).map((site) => site.capacity ?? 0));
    const totalCapacity = sum(active.map((site) => site.capacity ?? 0));
    return {
      domain,
      unit,
      need,
      needSource,
      needReason,
      autonomousCapacity,
      totalCapacity,
      coverage: need === null || need === 0 ? null : autonomousCapacity / need,
      activeSiteCount: active.length,
      autonomousSiteIds: sites.filter((site) => site.counted).map((site) => site.siteId),
      sites,
    };
  });
}

function resolveNeed(
  domain: DomainId,
  population: number | null,
  needDefault: NeedDefault,
  estimates: readonly NeedEstimate[],
): Pick<DomainCoverage, 'need' | 'needSource' | 'needReason'> {
  const unitWords = UNIT_WORDS[needDefault.unit];
  const estimate = estimates.find((entry) => entry.domain === domain);
  if (estimate) {
    const note = estimate.note.trim();
    return {
      need: estimate.need,
      needSource: 'assembly',
      needReason: `The assembly estimated the need at ${amount(estimate.need)} ${unitWords}${note ? ` (${note})` : ''}.`,
    };
  }
  if (population === null) {
    return { need: null, needSource: 'none', needReason: 'The area has no population and the assembly gave no estimate, so the need is unknown.' };
  }
  const need = defaultNeed(population, needDefault);
  const base = needDefault.basis === 'households' ? 'households (residents ÷ 2.5)' : 'residents';
  return {
    need,
    needSource: 'default',
    needReason: `${sharePercent(needDefault.share)} of ${base} in a population of ${amount(population)}: ${amount(need)} ${unitWords}. ${needDefault.reason}`,
  };
}

function contributionOf(
  site: AuditSite,
  needUnit: CapacityUnit,
  siteUnit: CapacityUnit | null,
  autonomous: ReadonlySet<string>,
): SiteCapacityContribution {
  const capacity = site.capacity === null || siteUnit === null ? null : convertCapacity(site.capacity, siteUnit, needUnit);
  const base = { siteId: site.id, siteName: site.name, groupId: site.groupId, capacity };
  if (site.status === 'closed') return { ...base, counted: false, reason: 'closed' };
  if (site.groupId === null) return { ...base, counted: false, reason: 'no group runs it, so no checks were answered for it' };
  if (!autonomous.has(site.groupId)) return { ...base, counted: false, reason: 'its group does not clear the check threshold' };
  if (capacity === null) return { ...base, counted: false, reason: 'no capacity recorded' };
  return { ...base, counted: true, reason: `counted: ${amount(capacity)} ${UNIT_WORDS[needUnit]}` };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
