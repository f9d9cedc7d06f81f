import { describe, expect, it } from 'vitest';
import { isOpenAt, parseOpeningHours, parseWeekMoment, weekMomentOf, type OpeningSchedule } from '../../../shared/access/openingHours';

function schedule(text: string): OpeningSchedule {
  const result = parseOpeningHours(text);
  if (!result.ok) throw new Error(result.reason);
  return result.schedule;
}
const at = (text: string) => parseWeekMoment(text)!;

describe('openingHours', () => {
  it('is open on a weekday inside "Mo-Fr 09:00-17:00; Sa 10:00-14:00" and closed on Sunday', () => {
    const hours = schedule('Mo-Fr 09:00-17:00; Sa 10:00-14:00');
    expect(isOpenAt(hours, at('We 12:30'))).toBe(true);
    expect(isOpenAt(hours, at('Sa 13:59'))).toBe(true);
    expect(isOpenAt(hours, at('Sa 14:00'))).toBe(false);
    expect(isOpenAt(hours, at('Su 12:00'))).toBe(false);
    expect(isOpenAt(hours, at('Mo 08:59'))).toBe(false);
  });

  it('is always open for 24/7', () => {
    expect(isOpenAt(schedule('24/7'), at('Su 03:00'))).toBe(true);
  });

  it('reads day lists and several spans a day', () => {
    const hours = schedule('Mo,We,Fr 10:00-12:00,14:00-18:00');
    expect(isOpenAt(hours, at('We 15:00'))).toBe(true);
    expect(isOpenAt(hours, at('We 13:00'))).toBe(false);
    expect(isOpenAt(hours, at('Tu 11:00'))).toBe(false);
  });

  it('keeps a Friday-night span open past midnight into Saturday', () => {
    const hours = schedule('Fr 22:00-02:00');
    expect(isOpenAt(hours, at('Sa 01:30'))).toBe(true);
    expect(isOpenAt(hours, at('Sa 02:00'))).toBe(false);
  });

  it('lets a later rule close a day an earlier rule opened', () => {
    const hours = schedule('Mo-Su 08:00-20:00; Su off');
    expect(isOpenAt(hours, at('Su 12:00'))).toBe(false);
    expect(isOpenAt(hours, at('Sa 12:00'))).toBe(true);
  });

  it('applies times without days to every day', () => {
    expect(isOpenAt(schedule('07:00-19:00'), at('Su 07:00'))).toBe(true);
  });

  it('says what it cannot read instead of guessing', () => {
    expect(parseOpeningHours('Mo-Fr 09:00-17:00; PH off')).toMatchObject({ ok: false, reason: expect.stringContaining('PH') });
    expect(parseOpeningHours('Dec 25 off')).toMatchObject({ ok: false });
    expect(parseOpeningHours('Mo-Fr 18:00+')).toMatchObject({ ok: false, reason: expect.stringContaining('open ends') });
    expect(parseOpeningHours('Mo-Fr sunrise-sunset')).toMatchObject({ ok: false });
  });

  it('turns a date into its moment in the week, Monday first', () => {
    expect(weekMomentOf(new Date(2024, 5, 8, 11, 15))).toEqual({ weekday: 5, minutes: 675 });
  });
});
