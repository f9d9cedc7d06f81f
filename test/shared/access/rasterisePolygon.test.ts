import { describe, expect, it } from 'vitest';
import { gridSpecCovering } from '../../../shared/access/gridSpec';
import { rasterisePolygon } from '../../../shared/access/rasterisePolygon';

function cellsOf(rings: Float64Array[], size: number, bounds: [number, number, number, number]): string[] {
  const cells: string[] = [];
  rasterisePolygon(rings, gridSpecCovering(bounds, size), (column, row) => cells.push(`${column},${row}`));
  return cells.sort();
}

describe('rasterisePolygon', () => {
  it('visits the cells whose centres are inside a square and no others', () => {
    expect(cellsOf([Float64Array.of(0, 0, 300, 0, 300, 200, 0, 200)], 100, [0, 0, 400, 400])).toEqual(['0,0', '0,1', '1,0', '1,1', '2,0', '2,1']);
  });

  it('leaves a hole empty', () => {
    const outer = Float64Array.of(0, 0, 300, 0, 300, 300, 0, 300);
    const hole = Float64Array.of(100, 100, 200, 100, 200, 200, 100, 200);
    expect(cellsOf([outer, hole], 100, [0, 0, 300, 300])).not.toContain('1,1');
    expect(cellsOf([outer, hole], 100, [0, 0, 300, 300])).toHaveLength(8);
  });

  it('fills both lobes of a self-crossing bow-tie by the even-odd rule', () => {
    const bowTie = Float64Array.of(0, 0, 400, 400, 400, 0, 0, 400);
    const cells = cellsOf([bowTie], 100, [0, 0, 400, 400]);
    expect(cells).toContain('0,1');
    expect(cells).toContain('3,1');
    expect(cells).not.toContain('1,0');
  });
});
