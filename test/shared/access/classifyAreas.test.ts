import { describe, expect, it } from 'vitest';
import { classifyAreas } from '../../../shared/access/classifyAreas';

const cells = (area: number[], population: number[]) => ({ cellArea: Int32Array.from(area), population: Float64Array.from(population) });
const known = { hasPopulation: true, lowIncome: null };

describe('classifyAreas', () => {
  it('counts the people beyond the threshold and their share', () => {
    const [access] = classifyAreas([known], cells([0, 0, 0], [100, 200, 700]), Float64Array.of(100, 900, 1200), 800);
    expect(access).toMatchObject({ population: 1000, beyond: 900, share: 0.9, lowAccess: true });
  });

  it('flags an area with 500 people beyond as low access even at a small share', () => {
    const [access] = classifyAreas([known], cells([0, 0], [500, 9500]), Float64Array.of(1000, 10), 800);
    expect(access.share).toBe(0.05);
    expect(access.lowAccess).toBe(true);
  });

  it('flags an area with a third of its people beyond as low access, and 32 % as not', () => {
    const third = classifyAreas([known], cells([0, 0], [33, 67]), Float64Array.of(1000, 10), 800)[0];
    const less = classifyAreas([known], cells([0, 0], [32, 68]), Float64Array.of(1000, 10), 800)[0];
    expect(third.lowAccess).toBe(true);
    expect(less.lowAccess).toBe(false);
  });

  it('does not count someone exactly at the threshold as beyond it', () => {
    const [access] = classifyAreas([known], cells([0], [10]), Float64Array.of(800), 800);
    expect(access.beyond).toBe(0);
  });

  it('reports an area without a population figure as empty, not as zero', () => {
    const [access] = classifyAreas([{ hasPopulation: false, lowIncome: true }], cells([], []), new Float64Array(0), 800);
    expect(access).toEqual({ population: null, beyond: null, share: null, lowAccess: null, lowIncomeLowAccess: null });
  });

  it('marks low income and low access only where the area is flagged low income', () => {
    const areas = [{ hasPopulation: true, lowIncome: true }, { hasPopulation: true, lowIncome: false }, { hasPopulation: true, lowIncome: null }];
    const result = classifyAreas(areas, cells([0, 1, 2], [600, 600, 600]), Float64Array.of(2000, 2000, 2000), 800);
    expect(result.map((area) => area.lowIncomeLowAccess)).toEqual([true, false, null]);
  });
});
