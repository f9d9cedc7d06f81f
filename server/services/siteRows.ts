import type { Geometry, Position } from 'geojson';
import type { SiteTable, AreaTable } from '../db/schema';
import type { SiteInput } from '../../shared/schemas/site';
import { bboxOf } from '../../shared/geo/bbox';
import { pointInPolygon } from '../../shared/geo/measure';
import { degradeLocation, representativePoint } from '../../shared/privacy/degradeLocation';
import type { Precision } from '../../shared/privacy/roles';
import type { AreaGeometry } from '../../shared/schemas/geometry';

/** The smallest neighbourhood holding a point, for area precision. */
export function areaCentreFor(point: Position, candidates: AreaTable[]): Position | null {
  let best: AreaTable | null = null;
  let bestSize = Infinity;
  for (const area of candidates) {
    const geometry = JSON.parse(area.geometry) as AreaGeometry;
    if (!pointInPolygon(point, geometry)) continue;
    const size = (area.max_lon - area.min_lon) * (area.max_lat - area.min_lat);
    if (size < bestSize) { best = area; bestSize = size; }
  }
  return best ? [best.centre_lon, best.centre_lat] : null;
}

/** The columns derived from a geometry and its precision: real point and box, and what others see. */
export function locationColumns(geometry: Geometry, precision: Precision, areaCentre: Position | null) {
  const [lon, lat] = representativePoint(geometry);
  const [min_lon, min_lat, max_lon, max_lat] = bboxOf(geometry);
  const shown = degradeLocation(geometry, precision, areaCentre);
  const shownPoint = shown ? representativePoint(shown) : null;
  return {
    geometry: JSON.stringify(geometry),
    lon, lat, min_lon, min_lat, max_lon, max_lat,
    shown_geometry: shown ? JSON.stringify(shown) : null,
    shown_lon: shownPoint ? shownPoint[0] : null,
    shown_lat: shownPoint ? shownPoint[1] : null,
  };
}

export interface NewSiteRow {
  id: string;
  input: SiteInput;
  domain: string;
  areaCentre: Position | null;
  now: string;
  userId: string | null;
  source?: string | null;
  sourceRef?: string | null;
}

export function newSiteRow({ id, input, domain, areaCentre, now, userId, source = null, sourceRef = null }: NewSiteRow): SiteTable {
  return {
    id,
    name: input.name,
    function_type: input.functionType,
    domain,
    group_id: input.groupId,
    ...locationColumns(input.geometry, input.precision, areaCentre),
    capacity: input.capacity,
    capacity_unit: input.capacityUnit,
    opening_hours: input.openingHours,
    opened_on: input.openedOn,
    closed_on: null,
    status: 'active',
    description: input.description,
    address: input.address,
    visibility: input.visibility,
    precision: input.precision,
    source,
    source_ref: sourceRef,
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: userId,
    updated_by: userId,
  };
}
