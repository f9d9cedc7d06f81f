import type { Geometry, Point, Position } from 'geojson';
import { polygonCentroid } from '../geo/measure';
import type { Precision } from './roles';

/** Block precision snaps to the centre of a fixed grid cell about this many metres across. */
export const BLOCK_CELL_METRES = 150;
/** Area precision without a known area falls back to a coarse grid this many metres across. */
export const AREA_CELL_METRES = 1500;

const METRES_PER_DEGREE_LAT = 111_320;

/** A point that stands for a geometry: itself, or the centroid of its largest ring. */
export function representativePoint(geometry: Geometry): Position {
  switch (geometry.type) {
    case 'Point': return geometry.coordinates;
    case 'Polygon': case 'MultiPolygon': return polygonCentroid(geometry);
    case 'MultiPoint': case 'LineString': return geometry.coordinates[0];
    case 'MultiLineString': return geometry.coordinates[0][0];
    case 'GeometryCollection': return representativePoint(geometry.geometries[0]);
  }
}

/**
 * Snap a position to the centre of the fixed grid cell that holds it. The grid is fixed
 * on the globe (rows of equal latitude height, columns sized for each row's latitude), so
 * the same place always yields the same centre: averaging repeated answers reveals nothing.
 */
export function snapToGrid([lon, lat]: Position, cellMetres: number): Position {
  const dLat = cellMetres / METRES_PER_DEGREE_LAT;
  const row = Math.floor(lat / dLat);
  const centreLat = (row + 0.5) * dLat;
  const dLon = cellMetres / (METRES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((centreLat * Math.PI) / 180)));
  const column = Math.floor(lon / dLon);
  const centreLon = (column + 0.5) * dLon;
  return [round7(centreLon), round7(centreLat)];
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/**
 * The geometry shown to people who may not see a site's exact place.
 * - exact: unchanged
 * - block: a point at the centre of its ~150 m grid cell (parcels lose their outline)
 * - area: the centre of the area (neighbourhood) that holds it, or of a ~1.5 km cell
 * - none: no geometry at all
 */
export function degradeLocation(geometry: Geometry | null, precision: Precision, areaCentre?: Position | null): Geometry | null {
  if (!geometry) return null;
  switch (precision) {
    case 'exact': return geometry;
    case 'block': return point(snapToGrid(representativePoint(geometry), BLOCK_CELL_METRES));
    case 'area': return point(areaCentre ? [round7(areaCentre[0]), round7(areaCentre[1])] : snapToGrid(representativePoint(geometry), AREA_CELL_METRES));
    case 'none': return null;
  }
}

/** Area precision places a site at the centre of the neighbourhood that holds it. */
export function needsAreaCentre(precision: Precision): boolean {
  return precision === 'area';
}

function point(coordinates: Position): Point {
  return { type: 'Point', coordinates };
}
