import type { Polygon, MultiPolygon, Position } from 'geojson';

/**
 * Where a polygon's ring crosses itself, or null: the first pair of edges that are not
 * neighbours and touch or cross. A plain sweep over edge pairs (a neighbourhood outline has
 * hundreds of points, not millions); @turf/kinks would do it too but turf is only a
 * development dependency here.
 */
export function ringCrossing(ring: readonly Position[]): { edge: number; other: number; at: Position } | null {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // the closing edge meets the first at the start point
      const at = segmentsMeet(ring[i], ring[i + 1], ring[j], ring[j + 1]);
      if (at) return { edge: i + 1, other: j + 1, at };
    }
  }
  return null;
}

function cross(o: Position, a: Position, b: Position): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
}

function segmentsMeet(p1: Position, p2: Position, p3: Position, p4: Position): Position | null {
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])];
  }
  if (d1 === 0 && onSegment(p3, p1, p4)) return p1;
  if (d2 === 0 && onSegment(p3, p2, p4)) return p2;
  if (d3 === 0 && onSegment(p1, p3, p2)) return p3;
  if (d4 === 0 && onSegment(p1, p4, p2)) return p4;
  return null;
}

/** A sentence naming the first self-crossing ring of a polygon or multipolygon, or null. */
export function polygonCrossingProblem(geometry: Polygon | MultiPolygon): string | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const [p, polygon] of polygons.entries()) {
    for (const [r, ring] of polygon.entries()) {
      const found = ringCrossing(ring);
      if (!found) continue;
      const where = `${polygons.length > 1 ? `part ${p + 1}, ` : ''}${r === 0 ? 'the outer ring' : `hole ${r}`}`;
      const at = `${found.at[1].toFixed(5)}, ${found.at[0].toFixed(5)}`;
      return `the outline crosses itself (${where}: edges ${found.edge} and ${found.other} meet near ${at}); redraw it so its edges do not cross`;
    }
  }
  return null;
}
