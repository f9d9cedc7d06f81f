/**
 * How far a place lies outside the network's area. A site a few kilometres outside is most
 * likely a slip (a swapped latitude and longitude, a file from another city): imports and the
 * map's new points ask about it before it is written.
 */
import { pointToPolygonDistance } from '@turf/turf';
import type { Position } from 'geojson';
import { networkAreas, type AreaLike } from './networkArea';

/** How far outside the network's area a new site may be before it needs confirming. */
export const FAR_FROM_AREA_METRES = 3000;

/** Metres from a point to the nearest of the areas (0 inside one); null when there are no areas. */
export function metresOutside(point: Position, areas: readonly AreaLike[]): number | null {
  if (areas.length === 0) return null;
  let nearest = Infinity;
  for (const area of areas) {
    const metres = pointToPolygonDistance(point, area.geometry, { units: 'meters' });
    if (metres <= 0) return 0;
    nearest = Math.min(nearest, metres);
  }
  return nearest;
}

export interface FarPlace {
  row: number;
  name: string;
  /** Rounded to 0.1 km. */
  kilometres: number;
}

/** The places more than `limit` metres outside the network's area, furthest first. */
export function farFromArea(places: readonly { row: number; name: string; point: Position }[], areas: readonly AreaLike[], limit = FAR_FROM_AREA_METRES): FarPlace[] {
  const chosen = networkAreas(areas);
  if (chosen.length === 0) return [];
  const far: FarPlace[] = [];
  for (const place of places) {
    const metres = metresOutside(place.point, chosen);
    if (metres !== null && metres > limit) far.push({ row: place.row, name: place.name, kilometres: Math.round(metres / 100) / 10 });
  }
  return far.sort((a, b) => b.kilometres - a.kilometres || a.row - b.row);
}
