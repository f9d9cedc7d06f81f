import type { MultiPolygon, Polygon, Position } from 'geojson';
import * as polyclip from 'polyclip-ts';

export interface PolygonRepair {
  readonly geometry: Polygon | MultiPolygon;
  /** Pairs of edges that cross, touch or overlap (other than consecutive edges of a ring). */
  readonly crossings: number;
  /** True when the geometry had crossings and was rebuilt as a valid multipolygon. */
  readonly repaired: boolean;
}

/**
 * Finds edges that cross, touch or overlap within a polygon or multipolygon (self-intersecting
 * rings, rings meeting each other) and, if there are any,
 * rebuilds it as a valid multipolygon (polyclip-ts union, which reads self-crossing rings by
 * the non-zero rule). A geometry that cannot be rebuilt is returned as it was, with
 * `repaired: false`; the grid's even-odd rasterisation still reads it consistently.
 */
export function repairPolygon(geometry: Polygon | MultiPolygon): PolygonRepair {
  const crossings = countEdgeCrossings(geometry);
  if (crossings === 0) return { geometry, crossings, repaired: false };
  try {
    const rebuilt = polyclip.union(geometry.coordinates as polyclip.Geom);
    if (rebuilt.length === 0) return { geometry, crossings, repaired: false };
    return { geometry: { type: 'MultiPolygon', coordinates: rebuilt as Position[][][] }, crossings, repaired: true };
  } catch {
    return { geometry, crossings, repaired: false };
  }
}

interface Edge {
  readonly start: Position;
  readonly end: Position;
  readonly ring: number;
  readonly index: number;
  readonly ringEdgeCount: number;
}

/**
 * Counts pairs of edges that meet anywhere other than the vertex two consecutive edges of a
 * ring share: crossings, touches, overlaps, and parts of a multipolygon meeting each other.
 * A sweep over the edges' x-extents keeps it near-linear for real boundaries.
 */
export function countEdgeCrossings(geometry: Polygon | MultiPolygon): number {
  const edges = collectEdges(geometry);
  const order = edges.map((_, i) => i).sort((a, b) => minX(edges[a]) - minX(edges[b]));
  let crossings = 0;
  for (let i = 0; i < order.length; i++) {
    const edge = edges[order[i]];
    const right = Math.max(edge.start[0], edge.end[0]);
    for (let j = i + 1; j < order.length && minX(edges[order[j]]) <= right; j++) {
      const other = edges[order[j]];
      if (!consecutive(edge, other) && edgesMeet(edge, other)) crossings++;
    }
  }
  return crossings;
}

function collectEdges(geometry: Polygon | MultiPolygon): Edge[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const edges: Edge[] = [];
  let ringNumber = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const ringEdges: [Position, Position][] = [];
      for (let i = 0; i + 1 < ring.length; i++) {
        if (ring[i][0] !== ring[i + 1][0] || ring[i][1] !== ring[i + 1][1]) ringEdges.push([ring[i], ring[i + 1]]);
      }
      ringEdges.forEach(([start, end], index) => edges.push({ start, end, ring: ringNumber, index, ringEdgeCount: ringEdges.length }));
      ringNumber++;
    }
  }
  return edges;
}

function consecutive(a: Edge, b: Edge): boolean {
  if (a.ring !== b.ring) return false;
  const gap = Math.abs(a.index - b.index);
  return gap === 1 || gap === a.ringEdgeCount - 1;
}

function minX(edge: Edge): number {
  return Math.min(edge.start[0], edge.end[0]);
}

function orientation(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** True when the two edges share any point: a crossing, a touch or a collinear overlap. */
function edgesMeet({ start: a, end: b }: Edge, { start: c, end: d }: Edge): boolean {
  const abc = orientation(a, b, c), abd = orientation(a, b, d);
  const cda = orientation(c, d, a), cdb = orientation(c, d, b);
  if (abc * abd < 0 && cda * cdb < 0) return true;
  return (abc === 0 && onSegment(a, b, c)) || (abd === 0 && onSegment(a, b, d))
    || (cda === 0 && onSegment(c, d, a)) || (cdb === 0 && onSegment(c, d, b));
}
