import { describe, expect, it } from 'vitest';
import { SegmentIndex } from '../../../shared/network/segmentIndex';
import { buildStreetGraph } from '../../../shared/network/streetGraph';
import { walkingDistances } from '../../../shared/network/walkingDistances';

/** A street grid: lines every 100 m from 0 to 400 m in both directions. */
function streetGrid() {
  const lines: Float64Array[] = [];
  for (let at = 0; at <= 400; at += 100) {
    lines.push(Float64Array.of(at, 0, at, 100, at, 200, at, 300, at, 400));
    lines.push(Float64Array.of(0, at, 100, at, 200, at, 300, at, 400, at));
  }
  return buildStreetGraph(lines);
}

describe('walkingDistances', () => {
  const graph = streetGrid();
  const segments = new SegmentIndex(graph, 50);

  it('snaps a point to the foot of the perpendicular on the nearest street', () => {
    const snaps = segments.snap([130], [20]);
    expect(snaps.offset[0]).toBe(20);
    const segment = snaps.segment[0];
    const start = graph.segmentStart[segment];
    const alongFromStart = snaps.fraction[0] * 100;
    expect(graph.nodeY[start]).toBe(0);
    expect(Math.abs(graph.nodeX[start] + (graph.nodeX[start] < 130 ? alongFromStart : -alongFromStart) - 130)).toBeLessThan(1e-9);
  });

  it('walks a cell in the middle of a block to the street, along it, and to a pantry across the block', () => {
    // Cell at (150, 160), inside a block; pantry at (250, 260) in the block to the north-east.
    const result = walkingDistances(graph, segments, [150], [160], [250], [260]);
    // 40 m north to the street, 50 m + 100 m + 50 m along streets, then 40 m off it: 280 m.
    expect(result.distance[0]).toBeCloseTo(280, 9);
    expect(result.distance[0]).toBeGreaterThan(Math.hypot(100, 100));
  });

  it('walks along the shared street when cell and pantry face the same street segment', () => {
    const result = walkingDistances(graph, segments, [120], [10], [180], [5]);
    expect(result.distance[0]).toBeCloseTo(10 + 60 + 5, 9);
  });

  it('never finds a walking distance shorter than the straight line', () => {
    const cellX: number[] = [], cellY: number[] = [];
    for (let x = 5; x < 400; x += 23) for (let y = 3; y < 400; y += 29) { cellX.push(x); cellY.push(y); }
    const sourceX = [37, 311, 260], sourceY = [351, 88, 255];
    const result = walkingDistances(graph, segments, cellX, cellY, sourceX, sourceY);
    cellX.forEach((x, i) => {
      const straight = Math.min(...sourceX.map((sx, s) => Math.hypot(sx - x, sourceY[s] - cellY[i])));
      expect(result.distance[i]).toBeGreaterThanOrEqual(straight - 1e-9);
    });
  });
});
