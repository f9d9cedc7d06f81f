import { describe, expect, it } from 'vitest';
import { KudzuError } from '../../../shared/errors';
import { formatDistance, parseDistance } from '../../../shared/access/parseDistance';

describe('parseDistance', () => {
  it('reads half a mile as 804.672 metres', () => {
    expect(parseDistance('0.5mi')).toBeCloseTo(804.672, 6);
  });

  it('reads metres, kilometres and feet with or without a space', () => {
    expect(parseDistance('800m')).toBe(800);
    expect(parseDistance('1.2 km')).toBe(1200);
    expect(parseDistance('1000ft')).toBeCloseTo(304.8, 6);
  });

  it('refuses a bare number, naming the field and suggesting units', () => {
    expect(() => parseDistance('0.5', '--threshold')).toThrow(KudzuError);
    expect(() => parseDistance('0.5', '--threshold')).toThrow(/--threshold: "0.5" has no unit/);
  });

  it('refuses an unknown unit', () => {
    expect(() => parseDistance('3 furlongs')).toThrow(/unknown unit "furlongs"/);
  });

  it('labels whole quarter miles in miles and other distances in metres', () => {
    expect(formatDistance(parseDistance('0.5mi'))).toBe('0.5mi');
    expect(formatDistance(800)).toBe('800m');
  });
});
