import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { usdaFoodAccess } from '../../../shared/access/usdaFoodAccess';

/** A square of `sizeDegrees` at the equator's neighbourhood, where a degree is ~111 km. */
function square(west: number, south: number, sizeDegrees: number): Polygon {
  return { type: 'Polygon', coordinates: [[[west, south], [west + sizeDegrees, south], [west + sizeDegrees, south + sizeDegrees], [west, south + sizeDegrees], [west, south]]] };
}

describe('usdaFoodAccess', () => {
  // Two tracts side by side, each ~2.2 km wide; the only supermarket sits at the far west edge.
  const west = square(0, 0, 0.02);
  const east = square(0.02, 0, 0.02);
  const supermarket: Position[] = [[0, 0.01]];

  it('reports every Atlas distance for every tract', () => {
    const result = usdaFoodAccess([
      { geometry: west, population: 1000, lowIncome: false, urban: true },
      { geometry: east, population: 1000, lowIncome: true, urban: true },
    ], supermarket);
    expect(Object.keys(result.areas[0].byThreshold)).toEqual(['0.5mi', '1mi', '10mi', '20mi']);
    const halfMile = result.areas[1].byThreshold['0.5mi'];
    expect(halfMile.population).toBeCloseTo(1000, 9);
    expect(halfMile.beyond).toBeCloseTo(1000, 9);
    expect(halfMile.share).toBeCloseTo(1, 9);
    expect(halfMile.lowAccess).toBe(true);
    expect(result.areas[1].byThreshold['10mi']).toMatchObject({ beyond: 0, lowAccess: false });
  });

  it('marks an urban low-income tract far from a supermarket as low-income-low-access at the urban distances', () => {
    const result = usdaFoodAccess([
      { geometry: west, population: 1000, lowIncome: false, urban: true },
      { geometry: east, population: 1000, lowIncome: true, urban: true },
    ], supermarket);
    expect(result.areas[1].lowIncomeLowAccess).toEqual({ '0.5mi_10mi': true, '1mi_10mi': true, '1mi_20mi': true });
    expect(result.areas[0].lowIncomeLowAccess['0.5mi_10mi']).toBe(false);
  });

  it('judges a rural tract at 10 and 20 miles, where the same tract is not low access', () => {
    const result = usdaFoodAccess([{ geometry: east, population: 1000, lowIncome: true, urban: false }], supermarket);
    expect(result.areas[0].byThreshold['0.5mi'].lowAccess).toBe(true);
    expect(result.areas[0].lowIncomeLowAccess).toEqual({ '0.5mi_10mi': false, '1mi_10mi': false, '1mi_20mi': false });
  });

  it('leaves LILA empty where the urban flag is missing', () => {
    const result = usdaFoodAccess([{ geometry: east, population: 1000, lowIncome: true, urban: null }], supermarket);
    expect(result.areas[0].lowIncomeLowAccess['1mi_20mi']).toBeNull();
  });

  it('uses half-kilometre cells', () => {
    const result = usdaFoodAccess([{ geometry: east, population: 1000, lowIncome: true, urban: true }], supermarket);
    expect(result.analysis.grid.spec.cellSize).toBe(500);
  });
});
