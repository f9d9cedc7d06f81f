import type { MultiPolygon, Polygon, Position } from 'geojson';
import { EARTH_RADIUS_M } from './measure';
import type { BBox } from './bbox';

/**
 * A local equirectangular plane in metres, centred on the analysed area: x grows east, y
 * grows north. Distances measured in it differ from great-circle distances by about
 * tan(φ₀)·|φ − φ₀| (φ in radians): under 0.1 % across a city (San Francisco's corners,
 * ±0.065° from the centre at 37.76°N, are off by 0.09 %), about 0.4 % at the edges of a
 * whole county like Allegheny. Every analysis builds its own plane, so the error never grows
 * with the distance from some fixed origin.
 */
export interface LocalPlane {
  readonly originLongitude: number;
  readonly originLatitude: number;
  readonly metresPerDegreeLongitude: number;
  readonly metresPerDegreeLatitude: number;
}

const RADIANS_PER_DEGREE = Math.PI / 180;

export function createLocalPlane(bbox: BBox): LocalPlane {
  return localPlaneAt([(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2]);
}

/** The plane centred on one point; `metresPerDegreeLatitude` defaults to the mean Earth radius's. */
export function localPlaneAt([originLongitude, originLatitude]: Position, metresPerDegreeLatitude = EARTH_RADIUS_M * RADIANS_PER_DEGREE): LocalPlane {
  return {
    originLongitude,
    originLatitude,
    metresPerDegreeLatitude,
    metresPerDegreeLongitude: metresPerDegreeLatitude * Math.cos(originLatitude * RADIANS_PER_DEGREE),
  };
}

export function planeX(plane: LocalPlane, longitude: number): number {
  return (longitude - plane.originLongitude) * plane.metresPerDegreeLongitude;
}

export function planeY(plane: LocalPlane, latitude: number): number {
  return (latitude - plane.originLatitude) * plane.metresPerDegreeLatitude;
}

export function toPlane(plane: LocalPlane, [longitude, latitude]: Position): [number, number] {
  return [planeX(plane, longitude), planeY(plane, latitude)];
}

export function fromPlane(plane: LocalPlane, x: number, y: number): [number, number] {
  return [plane.originLongitude + x / plane.metresPerDegreeLongitude, plane.originLatitude + y / plane.metresPerDegreeLatitude];
}

/** Interleaved [x0, y0, x1, y1, …] plane coordinates of a line or ring. */
export function lineToPlane(plane: LocalPlane, positions: readonly Position[]): Float64Array {
  const coordinates = new Float64Array(positions.length * 2);
  for (let i = 0; i < positions.length; i++) {
    coordinates[2 * i] = planeX(plane, positions[i][0]);
    coordinates[2 * i + 1] = planeY(plane, positions[i][1]);
  }
  return coordinates;
}

/** Every ring of a polygon or multipolygon on the plane, for even-odd rasterisation. */
export function polygonRingsToPlane(plane: LocalPlane, geometry: Polygon | MultiPolygon): Float64Array[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) => polygon.map((ring) => lineToPlane(plane, ring)));
}
