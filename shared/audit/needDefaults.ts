import type { DomainId } from '../taxonomy/domains';
import type { CapacityUnit } from '../taxonomy/functionTypes';

/**
 * How a domain's need is derived from an area's population when the assembly has not
 * given its own estimate (an estimate always wins). need = residents (or households) ×
 * share, in the domain's need unit. The figures are national orders of magnitude or plain
 * assumptions, said as such in `reason`; an assembly that knows better should say so.
 */
export interface NeedDefault {
  domain: DomainId;
  /** The unit need is expressed in; site capacities are converted to it. */
  unit: CapacityUnit;
  /** Whether the share applies to residents or to households (residents ÷ people per household). */
  basis: 'people' | 'households';
  share: number;
  /** Where the share comes from, in one sentence. */
  reason: string;
}

/** People per household, used to turn residents into households and back. */
// The average US household has about 2.5 people (Census Bureau, Current Population Survey, 2023).
export const PEOPLE_PER_HOUSEHOLD = 2.5;

/** Electricity a household uses in a month, to turn kWh into households supplied. */
// An average US home uses roughly 850–900 kWh of electricity a month (EIA residential energy figures); we take 880.
export const KWH_PER_HOUSEHOLD_MONTH = 880;

export const NEED_DEFAULTS: readonly NeedDefault[] = Object.freeze([
  {
    domain: 'food', unit: 'households_per_week', basis: 'households', share: 0.125,
    reason: 'About one household in eight is food insecure during the year (12.8 % in 2022, USDA Economic Research Service); we assume each needs weekly food support.',
  },
  {
    domain: 'housing', unit: 'households', basis: 'households', share: 0.17,
    reason: 'About a third of households rent and about half of renters pay more than 30 % of income for housing (Harvard Joint Center for Housing Studies), so roughly 17 % of households need housing outside the market.',
  },
  {
    domain: 'health', unit: 'people_per_week', basis: 'people', share: 0.02,
    reason: 'About 8 % of people have no health insurance (Census Bureau, 2022); if each needs care about once a month, that is about 2 % of residents a week.',
  },
  {
    domain: 'care', unit: 'people', basis: 'people', share: 0.08,
    reason: 'Children under five are about 6 % of residents (Census Bureau) and we assume about 2 % more are elders who need daily help: places for 8 % of residents.',
  },
  {
    domain: 'safety', unit: 'people_per_week', basis: 'people', share: 0.001,
    reason: 'An assumption with no national source: one resident in a thousand a week is in a conflict that peers could mediate. Replace it with your own count.',
  },
  {
    domain: 'education', unit: 'people_per_week', basis: 'people', share: 0.1,
    reason: 'An assumption: one resident in ten would take part in a free class, library or skill share each week.',
  },
  {
    domain: 'work', unit: 'people', basis: 'people', share: 0.05,
    reason: 'An assumption: about 5 % of residents are out of work or in precarious work (the unemployed alone are about 4 % of the labour force, Bureau of Labor Statistics).',
  },
  {
    domain: 'money', unit: 'households', basis: 'households', share: 0.05,
    reason: 'About 4.5 % of US households had no bank account in 2021 (FDIC National Survey of Unbanked and Underbanked Households); we round to 5 %.',
  },
  {
    domain: 'energy', unit: 'households', basis: 'households', share: 0.25,
    reason: 'About a quarter of US households spend more than 6 % of income on energy, a high energy burden (ACEEE).',
  },
  {
    domain: 'communications', unit: 'households', basis: 'households', share: 0.1,
    reason: 'About one household in ten has no home internet subscription (Census Bureau, American Community Survey).',
  },
  {
    domain: 'governance', unit: 'people', basis: 'people', share: 0.05,
    reason: 'An assumption: the area\'s assemblies and committees should have room for 5 % of residents at once.',
  },
].map((entry) => Object.freeze(entry as NeedDefault)));

export function needDefaultFor(domain: DomainId, defaults: readonly NeedDefault[] = NEED_DEFAULTS): NeedDefault {
  const found = defaults.find((entry) => entry.domain === domain);
  if (!found) throw new Error(`no need default for domain ${domain}`);
  return found;
}

/** The default need for a domain from a population, in the domain's need unit. */
export function defaultNeed(population: number, entry: NeedDefault): number {
  const base = entry.basis === 'households' ? population / PEOPLE_PER_HOUSEHOLD : population;
  return base * entry.share;
}
