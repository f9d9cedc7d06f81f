/**
 * A small reader for OpenStreetMap `opening_hours`, for the common subset:
 *
 *   24/7 · Mo-Fr 09:00-17:00 · Mo,We,Fr 10:00-12:00,14:00-18:00 · Sa 10:00-14:00; Su off
 *   Fr 22:00-02:00 (past midnight) · 09:00-17:00 (no days: every day) · Mo-Su 00:00-24:00
 *
 * Rules are separated by ";" and a later rule replaces earlier ones on the days it names,
 * as in OSM. Not supported (reported as unsupported, never guessed): months and dates
 * ("Dec 25", "Jan-Mar"), public and school holidays (PH, SH), week numbers, nth weekdays
 * ("Su[1]"), sunrise/sunset, open ends ("18:00+"), fallback rules ("||") and comments.
 */

export const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A moment in the week: weekday 0 is Monday; minutes since midnight. */
export interface WeekMoment {
  readonly weekday: number;
  readonly minutes: number;
}

/** Per weekday, the spans [start, end) in minutes from that day's midnight; end may pass 1440. */
export interface OpeningSchedule {
  readonly spans: readonly (readonly (readonly [number, number])[])[];
}

export type OpeningHoursResult =
  | { readonly ok: true; readonly schedule: OpeningSchedule }
  | { readonly ok: false; readonly reason: string };

const MINUTES_PER_DAY = 1440;

export function parseOpeningHours(text: string): OpeningHoursResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'opening hours are empty' };
  if (trimmed.includes('||')) return { ok: false, reason: 'fallback rules ("||") are not supported' };
  const days: [number, number][][] = WEEKDAYS.map(() => []);
  for (const rule of trimmed.split(';').map((part) => part.trim()).filter(Boolean)) {
    const applied = applyRule(rule, days);
    if (applied !== null) return { ok: false, reason: applied };
  }
  return { ok: true, schedule: { spans: days } };
}

/** Applies one rule to the schedule; returns the reason it cannot be read, or null. */
function applyRule(rule: string, days: [number, number][][]): string | null {
  if (rule === '24/7') {
    days.forEach((_, day) => { days[day] = [[0, MINUTES_PER_DAY]]; });
    return null;
  }
  const match = /^(?:([A-Za-z][A-Za-z,\- ]*?)\s+)?(.+)$/.exec(rule);
  if (!match) return `cannot read "${rule}"`;
  let [, daysText, timesText] = match;
  if (daysText === undefined && /^[A-Za-z]/.test(timesText) && !/^(off|closed)$/i.test(timesText)) {
    daysText = timesText;
    timesText = '';
  }
  const selected = daysText === undefined ? WEEKDAYS.map((_, day) => day) : parseWeekdays(daysText);
  if (typeof selected === 'string') return selected;
  const spans = timesText === '' ? [[0, MINUTES_PER_DAY] as [number, number]] : parseSpans(timesText);
  if (typeof spans === 'string') return spans;
  for (const day of selected) days[day] = spans.map(([start, end]) => [start, end]);
  return null;
}

function parseWeekdays(text: string): number[] | string {
  const selected = new Set<number>();
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const range = /^([A-Z][a-z])(?:\s*-\s*([A-Z][a-z]))?$/.exec(part);
    const first = range ? WEEKDAYS.indexOf(range[1] as Weekday) : -1;
    const last = range?.[2] ? WEEKDAYS.indexOf(range[2] as Weekday) : first;
    if (first < 0 || last < 0) return `"${part}" is not a weekday or weekday range (months, dates, PH and SH are not supported)`;
    for (let day = first; ; day = (day + 1) % 7) {
      selected.add(day);
      if (day === last) break;
    }
  }
  return [...selected];
}

function parseSpans(text: string): [number, number][] | string {
  if (/^(off|closed)$/i.test(text)) return [];
  const spans: [number, number][] = [];
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const span = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!span) return `"${part}" is not a time span like 09:00-17:00 (open ends, sunrise and sunset are not supported)`;
    const start = Number(span[1]) * 60 + Number(span[2]);
    let end = Number(span[3]) * 60 + Number(span[4]);
    if (start >= MINUTES_PER_DAY || end > MINUTES_PER_DAY * 2 || Number(span[2]) >= 60 || Number(span[4]) >= 60) {
      return `"${part}" is not a valid time span`;
    }
    if (end <= start) end += MINUTES_PER_DAY;
    spans.push([start, end]);
  }
  return spans;
}

/** Whether the schedule is open at the moment, counting spans that run on past midnight. */
export function isOpenAt(schedule: OpeningSchedule, moment: WeekMoment): boolean {
  const today = schedule.spans[moment.weekday];
  if (today.some(([start, end]) => moment.minutes >= start && moment.minutes < end)) return true;
  const yesterday = schedule.spans[(moment.weekday + 6) % 7];
  return yesterday.some(([, end]) => moment.minutes + MINUTES_PER_DAY < end);
}

/** Reads a moment like "Sa 11:00" or "Mo 9:30". */
export function parseWeekMoment(text: string): WeekMoment | null {
  const match = /^\s*([A-Z][a-z])\s+(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const weekday = WEEKDAYS.indexOf(match[1] as Weekday);
  const hours = Number(match[2]), minutes = Number(match[3]);
  if (weekday < 0 || hours > 23 || minutes > 59) return null;
  return { weekday, minutes: hours * 60 + minutes };
}

/** The moment in the week of a given date, in the date's local time. */
export function weekMomentOf(date: Date): WeekMoment {
  return { weekday: (date.getDay() + 6) % 7, minutes: date.getHours() * 60 + date.getMinutes() };
}
