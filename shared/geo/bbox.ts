import type { Geometry, Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

export function eachPosition(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point': visit(geometry.coordinates); break;
    case 'MultiPoint': case 'LineString': geometry.coordinates.forEach(visit); break;
    case 'MultiLineString': case 'Polygon': geometry.coordinates.forEach((line) => line.forEach(visit)); break;
    case 'MultiPolygon': geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit))); break;
    case 'GeometryCollection': geometry.geometries.forEach((g) => eachPosition(g, visit)); break;
  }
}

export function bboxOf(geometry: Geometry): BBox {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  eachPosition(geometry, ([x, y]) => {
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  });
  return [west, south, east, north];
}

