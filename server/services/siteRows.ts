import type { Geometry, Position } from 'geojson';
import type { SiteInput } from '../../shared/schemas/site';
import type { SiteGeometry } from '../../shared/schemas/geometry';
import { bboxOf } from '../../shared/geo/bbox';
import { pointInPolygon } from '../../shared/geo/measure';
import { degradeLocation, representativePoint } from '../../shared/privacy/degradeLocation';
import type { Precision } from '../../shared/privacy/roles';
import type { StoredArea } from '../domain/area';
import type { SiteLocation, StoredSite } from '../domain/site';

/** The smallest neighbourhood holding a point, for area precision. */
export function areaCentreFor(point: Position, candidates: readonly StoredArea[]): Position | null {
  let best: StoredArea | null = null;
  let bestSize = Infinity;
  for (const area of candidates) {
    if (!pointInPolygon(point, area.geometry)) continue;
    const [west, south, east, north] = area.bbox;
    const size = (east - west) * (north - south);
    if (size < bestSize) { best = area; bestSize = size; }
  }
  return best ? [best.centre.lon, best.centre.lat] : null;
}

/** A site's place from its geometry and precision: the real point and box, and what others see. */
export function siteLocation(geometry: SiteGeometry, precision: Precision, areaCentre: Position | null): SiteLocation {
  const [lon, lat] = representativePoint(geometry);
  const shown = degradeLocation(geometry, precision, areaCentre) as SiteGeometry | null;
  const shownPoint = shown ? representativePoint(shown as Geometry) : null;
  return {
    exact: { geometry, point: { lon, lat }, bbox: bboxOf(geometry) },
    shown: shown && shownPoint ? { geometry: shown, point: { lon: shownPoint[0], lat: shownPoint[1] } } : null,
  };
}

export interface NewSite {
  id: string;
  input: SiteInput;
  domain: string;
  areaCentre: Position | null;
  now: string;
  userId: string | null;
  source?: string | null;
  sourceRef?: string | null;
}

export function newSite({ id, input, domain, areaCentre, now, userId, source = null, sourceRef = null }: NewSite): StoredSite {
  return {
    id,
    name: input.name,
    functionType: input.functionType,
    domain,
    groupId: input.groupId,
    location: siteLocation(input.geometry, input.precision, areaCentre),
    capacity: input.capacity,
    capacityUnit: input.capacityUnit,
    openingHours: input.openingHours,
    openedOn: input.openedOn,
    closedOn: null,
    status: 'active',
    description: input.description,
    address: input.address,
    visibility: input.visibility,
    precision: input.precision,
    source,
    sourceRef,
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: userId,
    updatedBy: userId,
  };
}
