import type { CapacityUnit } from '../taxonomy/functionTypes';
import { KWH_PER_HOUSEHOLD_MONTH, PEOPLE_PER_HOUSEHOLD } from './needDefaults';

/**
 * How many people one unit of capacity stands for. Two assumptions, written in METHOD.md:
 * a household is PEOPLE_PER_HOUSEHOLD people; a standing place (people, households) serves
 * its holder every week, so "people" and "people per week" count alike; and a household's
 * electricity is KWH_PER_HOUSEHOLD_MONTH a month.
 */
export const PEOPLE_PER_UNIT: Readonly<Record<CapacityUnit, number>> = Object.freeze({
  people: 1,
  people_per_week: 1,
  households: PEOPLE_PER_HOUSEHOLD,
  households_per_week: PEOPLE_PER_HOUSEHOLD,
  kwh_per_month: PEOPLE_PER_HOUSEHOLD / KWH_PER_HOUSEHOLD_MONTH,
});

/** Capacity in one unit expressed in another (25 people a week = 10 households a week). */
export function convertCapacity(value: number, from: CapacityUnit, to: CapacityUnit): number {
  if (from === to) return value;
  return (value * PEOPLE_PER_UNIT[from]) / PEOPLE_PER_UNIT[to];
}
