import { describe, expect, it } from 'vitest';
import { nearestSourceDistances } from '../../../shared/access/nearestSourceDistances';
import { PlanarPointIndex } from '../../../shared/geo/planarPointIndex';

/** A small deterministic pseudo-random sequence (seeded), so the test is the same every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('nearestSourceDistances', () => {
  it('finds a cell 300 m from the only pantry to be 300 m away', () => {
    const result = nearestSourceDistances(Float64Array.of(0), Float64Array.of(0), new PlanarPointIndex([300], [0]));
    expect(result.distance[0]).toBe(300);
    expect(result.source[0]).toBe(0);
  });

  it('finds a 3-4-5 triangle hypotenuse exactly', () => {
    const result = nearestSourceDistances(Float64Array.of(100), Float64Array.of(100), new PlanarPointIndex([400, 5000], [500, 0]));
    expect(result.distance[0]).toBe(500);
  });

  it('reports Infinity and no source when there are no sources', () => {
    const result = nearestSourceDistances(Float64Array.of(1, 2), Float64Array.of(1, 2), new PlanarPointIndex([], []));
    expect([...result.distance]).toEqual([Infinity, Infinity]);
    expect([...result.source]).toEqual([-1, -1]);
  });

  it('agrees with a scan over every source for 2,000 cells and 300 sources', () => {
    const random = seededRandom(42);
    const sourceX = Array.from({ length: 300 }, () => random() * 10_000);
    const sourceY = Array.from({ length: 300 }, () => random() * 10_000);
    const cellX = Float64Array.from({ length: 2000 }, () => random() * 10_000);
    const cellY = Float64Array.from({ length: 2000 }, () => random() * 10_000);
    const result = nearestSourceDistances(cellX, cellY, new PlanarPointIndex(sourceX, sourceY));
    for (let i = 0; i < cellX.length; i++) {
      const scanned = Math.min(...sourceX.map((x, s) => Math.hypot(x - cellX[i], sourceY[s] - cellY[i])));
      expect(result.distance[i]).toBeCloseTo(scanned, 9);
    }
  });
});
