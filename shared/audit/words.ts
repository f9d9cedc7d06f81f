import type { CapacityUnit } from '../taxonomy/functionTypes';

/** Small helpers that turn numbers into the words reasons are written in. */

export const UNIT_WORDS: Readonly<Record<CapacityUnit, string>> = Object.freeze({
  households_per_week: 'households a week',
  people_per_week: 'people a week',
  people: 'people',
  households: 'households',
  kwh_per_month: 'kWh a month',
});

/** 0.6402 → "64 %". */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** A share with up to one decimal, for defaults: 0.125 → "12.5 %", 0.05 → "5 %". */
export function sharePercent(share: number): string {
  return `${amount(share * 100)} %`;
}

/** Whole numbers as they are; others rounded to one decimal ("12.5", "40"). */
export function amount(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? rounded.toLocaleString('en-US') : rounded.toFixed(1);
}

/** A tally that moved between two audits, written one way everywhere: "meals shared: 860 → 1,130". */
export function tallyChange(tally: { name: string; previous: number | null; current: number | null }): string {
  return `${tally.name}: ${amount(tally.previous ?? 0)} → ${amount(tally.current ?? 0)}`;
}

/**
 * A report's unknown answers in one sentence, the same on the web, the command line and
 * everywhere else: "31 answers were unknown at publication (3 of them for groups not shown
 * to this audience), acknowledged by whoever published."
 */
export function unknownSentence(unknowns: { count: number; notShown: number; acknowledged: boolean; preview: boolean }): string {
  const { count, notShown, acknowledged, preview } = unknowns;
  return `${amount(count)} answer${count === 1 ? ' was' : 's were'} unknown${preview ? ' so far' : ' at publication'}`
    + (notShown > 0 ? ` (${amount(notShown)} of them for groups not shown to this audience)` : '')
    + (acknowledged ? ', acknowledged by whoever published' : '') + '.';
}

/** "1 site", "3 sites". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
