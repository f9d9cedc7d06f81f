import { describe, expect, it } from 'vitest';
import { buildStreetGraph } from '../../../shared/network/streetGraph';

describe('buildStreetGraph', () => {
  it('joins two ways that share a vertex into one node with three neighbours', () => {
    const graph = buildStreetGraph([Float64Array.of(0, 0, 100, 0, 200, 0), Float64Array.of(100, 0, 100, 100)]);
    expect(graph.nodeCount).toBe(4);
    expect(graph.segmentCount).toBe(3);
    const junction = [...graph.nodeX].findIndex((x, n) => x === 100 && graph.nodeY[n] === 0);
    expect(graph.offsets[junction + 1] - graph.offsets[junction]).toBe(3);
  });

  it('stitches a street cut at a tile edge whose two halves end 0.3 m apart into one component', () => {
    const westHalf = Float64Array.of(0, 0, 500, 0);
    const eastHalf = Float64Array.of(500.3, 0, 1000, 0);
    expect(buildStreetGraph([westHalf, eastHalf]).largestComponent).toBe(buildStreetGraph([westHalf, eastHalf]).component[0]);
    const unstitched = buildStreetGraph([westHalf, eastHalf]);
    expect(new Set(unstitched.component).size).toBe(2);
    const stitched = buildStreetGraph([westHalf, eastHalf], { snapTolerance: 1 });
    expect(new Set(stitched.component).size).toBe(1);
    expect(stitched.stitchedEnds).toBe(1);
    expect(stitched.nodeCount).toBe(3);
  });

  it('drops a segment drawn twice', () => {
    const graph = buildStreetGraph([Float64Array.of(0, 0, 100, 0), Float64Array.of(100, 0, 0, 0)]);
    expect(graph.segmentCount).toBe(1);
    expect(graph.targets).toHaveLength(2);
  });

  it('measures each edge as the straight line between its nodes', () => {
    const graph = buildStreetGraph([Float64Array.of(0, 0, 30, 40)]);
    expect([...graph.lengths]).toEqual([50, 50]);
  });
});

describe('buildStreetGraph with crossings noded', () => {
  it('joins two streets that cross without a shared vertex, as tiles draw them, at the crossing', () => {
    const lines = [Float64Array.of(0, 0, 200, 0), Float64Array.of(100, -100, 100, 100)];
    expect(new Set(buildStreetGraph(lines).component).size).toBe(2);
    const graph = buildStreetGraph(lines, { nodeCrossings: true });
    expect(graph.nodedCrossings).toBe(1);
    expect(new Set(graph.component).size).toBe(1);
    expect(graph.segmentCount).toBe(4);
  });

  it('joins a side street ending a few centimetres short of the main street onto it (a T-junction)', () => {
    const graph = buildStreetGraph([Float64Array.of(0, 0, 200, 0), Float64Array.of(100, 0.3, 100, 100)], { snapTolerance: 1 });
    expect(new Set(graph.component).size).toBe(1);
    expect(graph.segmentCount).toBe(3);
  });
});
