import { describe, expect, it } from 'vitest';
import { multiSourceShortestPaths } from '../../../shared/network/multiSourceShortestPaths';
import { buildStreetGraph } from '../../../shared/network/streetGraph';

describe('multiSourceShortestPaths', () => {
  // A straight street of six nodes, 100 m apart.
  const street = buildStreetGraph([Float64Array.of(0, 0, 100, 0, 200, 0, 300, 0, 400, 0, 500, 0)]);

  it('gives each node its distance to the nearest of two sources in one pass', () => {
    const distance = multiSourceShortestPaths(street, { node: Int32Array.of(0, 5), distance: Float64Array.of(0, 0) });
    expect([...distance]).toEqual([0, 100, 200, 200, 100, 0]);
  });

  it('starts each source with the distance already walked to reach the street', () => {
    const distance = multiSourceShortestPaths(street, { node: Int32Array.of(0), distance: Float64Array.of(30) });
    expect(distance[5]).toBe(530);
  });

  it('stops at the limit and leaves farther nodes unreached', () => {
    const distance = multiSourceShortestPaths(street, { node: Int32Array.of(0), distance: Float64Array.of(0) }, 250);
    expect([...distance]).toEqual([0, 100, 200, Infinity, Infinity, Infinity]);
  });

  it('takes the shorter way round a block', () => {
    const block = buildStreetGraph([Float64Array.of(0, 0, 100, 0, 100, 300, 0, 300, 0, 0)]);
    const distance = multiSourceShortestPaths(block, { node: Int32Array.of(0), distance: Float64Array.of(0) });
    const farCorner = [...block.nodeX].findIndex((x, n) => x === 100 && block.nodeY[n] === 300);
    expect(distance[farCorner]).toBe(400);
  });
});
