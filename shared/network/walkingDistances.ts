import { multiSourceShortestPaths } from './multiSourceShortestPaths';
import type { NetworkSnaps, SegmentIndex } from './segmentIndex';
import type { StreetGraph } from './streetGraph';

export interface WalkingDistances {
  /** Walking distance in metres from each point to its nearest source (Infinity if none). */
  readonly distance: Float64Array;
  /** Each street node's walking distance to the nearest source, from where its street leg starts. */
  readonly nodeDistance: Float64Array;
  /** Where each point joins the streets. */
  readonly pointSnaps: NetworkSnaps;
  readonly sourceSnaps: NetworkSnaps;
}

/**
 * Walking distance from each point (a cell centre) to the nearest source: straight to the
 * nearest street, along the streets, then straight from the street to the source. One
 * multi-source Dijkstra pass serves every point. Every leg is at least as long as the
 * straight line it replaces, so no walking distance is shorter than the straight-line one.
 */
export function walkingDistances(
  graph: StreetGraph,
  segments: SegmentIndex,
  pointX: ArrayLike<number>,
  pointY: ArrayLike<number>,
  sourceX: ArrayLike<number>,
  sourceY: ArrayLike<number>,
): WalkingDistances {
  const sourceSnaps = segments.snap(sourceX, sourceY);
  const nodeDistance = multiSourceShortestPaths(graph, seedsFromSnaps(graph, sourceSnaps));
  const pointSnaps = segments.snap(pointX, pointY);
  const distance = new Float64Array(pointX.length);
  const sourcesBySegment = groupBySegment(sourceSnaps);
  for (let i = 0; i < pointX.length; i++) {
    distance[i] = distanceThroughSnap(graph, pointSnaps, i, nodeDistance);
    const sharing = sourcesBySegment.get(pointSnaps.segment[i]);
    if (sharing) distance[i] = Math.min(distance[i], alongSharedSegment(graph, pointSnaps, i, sourceSnaps, sharing));
  }
  return { distance, nodeDistance, pointSnaps, sourceSnaps };
}

/** Each snapped source starts the search at both ends of its segment. */
export function seedsFromSnaps(graph: StreetGraph, snaps: NetworkSnaps): { node: Int32Array; distance: Float64Array } {
  const node: number[] = [];
  const distance: number[] = [];
  for (let i = 0; i < snaps.segment.length; i++) {
    const segment = snaps.segment[i];
    if (segment < 0) continue;
    const length = segmentLength(graph, segment);
    node.push(graph.segmentStart[segment], graph.segmentEnd[segment]);
    distance.push(snaps.offset[i] + snaps.fraction[i] * length, snaps.offset[i] + (1 - snaps.fraction[i]) * length);
  }
  return { node: Int32Array.from(node), distance: Float64Array.from(distance) };
}

/** A point's walking distance through either end of its segment, given node distances. */
export function distanceThroughSnap(graph: StreetGraph, snaps: NetworkSnaps, point: number, nodeDistance: Float64Array): number {
  const segment = snaps.segment[point];
  if (segment < 0) return Infinity;
  const length = segmentLength(graph, segment);
  const viaStart = snaps.fraction[point] * length + nodeDistance[graph.segmentStart[segment]];
  const viaEnd = (1 - snaps.fraction[point]) * length + nodeDistance[graph.segmentEnd[segment]];
  return snaps.offset[point] + Math.min(viaStart, viaEnd);
}

export function segmentLength(graph: StreetGraph, segment: number): number {
  const a = graph.segmentStart[segment], b = graph.segmentEnd[segment];
  return Math.hypot(graph.nodeX[b] - graph.nodeX[a], graph.nodeY[b] - graph.nodeY[a]);
}

function groupBySegment(snaps: NetworkSnaps): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < snaps.segment.length; i++) {
    const segment = snaps.segment[i];
    if (segment < 0) continue;
    const group = groups.get(segment);
    if (group) group.push(i); else groups.set(segment, [i]);
  }
  return groups;
}

/** A point and a source on the same segment can walk straight along it, without a node. */
function alongSharedSegment(graph: StreetGraph, pointSnaps: NetworkSnaps, point: number, sourceSnaps: NetworkSnaps, sources: number[]): number {
  const length = segmentLength(graph, pointSnaps.segment[point]);
  let best = Infinity;
  for (const source of sources) {
    const along = Math.abs(pointSnaps.fraction[point] - sourceSnaps.fraction[source]) * length;
    best = Math.min(best, pointSnaps.offset[point] + along + sourceSnaps.offset[source]);
  }
  return best;
}
