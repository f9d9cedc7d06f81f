import { describe, expect, it } from 'vitest';
import { haversineMetres } from '../../../shared/geo/measure';
import { createLocalPlane, toPlane } from '../../../shared/geo/localPlane';

describe('localPlane', () => {
  it('measures distances across San Francisco within 0.1 % of the great-circle distance', () => {
    const plane = createLocalPlane([-122.52, 37.7, -122.35, 37.83]);
    const pairs = [
      [[-122.52, 37.7], [-122.35, 37.83]],
      [[-122.51, 37.82], [-122.5, 37.825]],
      [[-122.36, 37.71], [-122.355, 37.705]],
    ];
    for (const [a, b] of pairs) {
      const [ax, ay] = toPlane(plane, a);
      const [bx, by] = toPlane(plane, b);
      const error = Math.abs(Math.hypot(bx - ax, by - ay) / haversineMetres(a, b) - 1);
      expect(error).toBeLessThan(0.001);
    }
  });
});
