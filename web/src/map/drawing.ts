/**
 * Drawing a parcel and moving a site, as plain functions over coordinates. The map component
 * only turns clicks and keys into calls to these.
 */
import type { Feature, FeatureCollection, Polygon, MultiPolygon, Point, Position } from 'geojson';

export type LngLat = [number, number];

/** Two clicks closer than this (in degrees, ~1 m) are the same corner: a double-click adds one. */
export const SAME_CORNER = 1e-5;

function samePosition(a: Position, b: Position, tolerance = SAME_CORNER): boolean {
  return Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance;
}

/** Add a corner, ignoring a repeat of the last one (the second click of a double-click). */
export function addVertex(vertices: readonly LngLat[], vertex: LngLat): LngLat[] {
  const last = vertices[vertices.length - 1];
  if (last && samePosition(last, vertex)) return [...vertices];
  return [...vertices, vertex];
}

export function removeLastVertex(vertices: readonly LngLat[]): LngLat[] {
  return vertices.slice(0, -1);
}

/** Twice the signed area of a ring in plain lon/lat; positive when counter-clockwise. */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** Whether any two non-adjacent edges of the closed outline cross each other. */
export function edgesCross(vertices: readonly Position[]): boolean {
  const n = vertices.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // these two edges share the first corner
      if (segmentsCross(vertices[i], vertices[(i + 1) % n], vertices[j], vertices[(j + 1) % n])) return true;
    }
  }
  return false;
}

export type ParcelResult = { ok: true; polygon: Polygon } | { ok: false; message: string };

/**
 * Close the drawn corners into a polygon, wound counter-clockwise as GeoJSON asks.
 * Fewer than three corners, or edges that cross, come back as a message to show.
 */
export function finishParcel(vertices: readonly LngLat[]): ParcelResult {
  const corners = vertices.filter((v, i) => i === 0 || !samePosition(v, vertices[i - 1]));
  if (corners.length > 1 && samePosition(corners[0], corners[corners.length - 1])) corners.pop();
  if (corners.length < 3) return { ok: false, message: `a parcel needs at least 3 corners; you have placed ${corners.length}` };
  if (edgesCross(corners)) return { ok: false, message: 'the parcel’s edges cross each other; undo the last corner or start again' };
  if (Math.abs(signedArea(corners)) < 1e-12) return { ok: false, message: 'the corners lie on one line; place them around the parcel' };
  const ordered = signedArea(corners) > 0 ? corners : [...corners].reverse();
  return { ok: true, polygon: { type: 'Polygon', coordinates: [[...ordered.map((c) => [c[0], c[1]]), [ordered[0][0], ordered[0][1]]]] } };
}

/** What the map shows while drawing: the corners, the outline so far (to the cursor) and a preview fill. */
export function sketchFeatures(vertices: readonly LngLat[], cursor: LngLat | null): FeatureCollection {
  const features: Feature[] = vertices.map((v): Feature<Point> => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: v } }));
  const path = cursor ? [...vertices, cursor] : [...vertices];
  if (path.length >= 2) {
    const line = path.length >= 3 ? [...path, path[0]] : path;
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
  }
  if (path.length >= 3) {
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...path, path[0]]] } });
  }
  return { type: 'FeatureCollection', features };
}

type Movable = Point | Polygon | MultiPolygon;

/** Move a site: a point goes to `to`; a polygon is shifted by the same offset as its handle. */
export function moveGeometry<G extends Movable>(geometry: G, from: LngLat, to: LngLat): G {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const shift = (p: Position): Position => [p[0] + dx, p[1] + dy];
  switch (geometry.type) {
    case 'Point': return { type: 'Point', coordinates: [to[0], to[1]] } as G;
    case 'Polygon': return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(shift)) } as G;
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(shift))) } as G;
    default: return geometry;
  }
}
