import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../shared/zine/placeLabels';

const frame = { minX: 0, minY: 0, maxX: 200, maxY: 100 };

describe('placing map labels', () => {
  it('drops the less important of two labels that can only sit in the same place', () => {
    const placed = placeLabels([
      { id: 0, priority: 1, width: 50, height: 10, spots: [[10, 10]] },
      { id: 1, priority: 5, width: 50, height: 10, spots: [[20, 12]] },
    ], [], frame);
    expect(placed).toEqual([{ id: 1, x: 20, y: 12 }]);
  });

  it('moves a label to its next spot rather than dropping it when that spot is free', () => {
    const placed = placeLabels([
      { id: 0, priority: 5, width: 50, height: 10, spots: [[10, 10]] },
      { id: 1, priority: 1, width: 50, height: 10, spots: [[20, 12], [20, 40]] },
    ], [], frame);
    expect(placed).toContainEqual({ id: 1, x: 20, y: 40 });
  });

  it('keeps labels off symbols and inside the frame', () => {
    const placed = placeLabels([
      { id: 0, priority: 1, width: 30, height: 10, spots: [[0, 0]] },
      { id: 1, priority: 1, width: 30, height: 10, spots: [[190, 50]] },
      { id: 2, priority: 1, width: 30, height: 10, spots: [[100, 50]] },
    ], [{ minX: 0, minY: 0, maxX: 12, maxY: 12 }], frame);
    expect(placed).toEqual([{ id: 2, x: 100, y: 50 }]);
  });
});
