import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { repairPolygon } from '../../../shared/access/repairPolygon';

describe('repairPolygon', () => {
  it('leaves a valid square alone', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    expect(repairPolygon(square)).toEqual({ geometry: square, crossings: 0, repaired: false });
  });

  it('rebuilds a self-crossing bow-tie as two valid triangles and counts the crossing', () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] };
    const result = repairPolygon(bowTie);
    expect(result.crossings).toBe(1);
    expect(result.repaired).toBe(true);
    expect(result.geometry.type).toBe('MultiPolygon');
    expect(result.geometry.coordinates).toHaveLength(2);
  });

  it('counts two parts of a multipolygon that overlap as needing repair', () => {
    const result = repairPolygon({
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]],
    });
    expect(result.crossings).toBeGreaterThan(0);
    expect(result.repaired).toBe(true);
    expect(result.geometry.coordinates).toHaveLength(1);
  });
});
