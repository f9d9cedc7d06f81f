import type { Feature, FeatureCollection, Point, Polygon, MultiPolygon, Position } from 'geojson';
import type { Site } from '../../../shared/schemas/site';
import type { MapSite } from '../../../shared/map/compactSites';
import { representativePoint } from '../../../shared/privacy/degradeLocation';

export interface SiteFeatureProperties {
  id: string;
  name: string;
  domain: string;
  functionType: string;
  status: string;
  degraded: boolean;
  parcel: boolean;
}

function properties(site: MapSite): SiteFeatureProperties {
  return {
    id: site.id, name: site.name, domain: site.domain, functionType: site.functionType,
    status: site.status, degraded: site.degraded, parcel: site.parcel !== null,
  };
}

/**
 * Where a full site's marker is (a parcel's representative point, unrounded); null when the
 * site has no location to show. The map's lean list carries the same point as `position`.
 */
export function sitePosition(site: Pick<Site, 'geometry'>): Position | null {
  return site.geometry ? representativePoint(site.geometry) : null;
}

/** Every located site as a point (parcels at a representative point), for markers and clusters. */
export function sitesToPoints(sites: readonly MapSite[]): FeatureCollection<Point, SiteFeatureProperties> {
  const features: Feature<Point, SiteFeatureProperties>[] = [];
  for (const site of sites) {
    if (!site.position) continue;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: site.position }, properties: properties(site) });
  }
  return { type: 'FeatureCollection', features };
}

/** Parcel and garden polygons, drawn as fills under the markers. */
export function sitesToParcels(sites: readonly MapSite[]): FeatureCollection<Polygon | MultiPolygon, SiteFeatureProperties> {
  const features: Feature<Polygon | MultiPolygon, SiteFeatureProperties>[] = [];
  for (const site of sites) {
    if (site.parcel) features.push({ type: 'Feature', geometry: site.parcel, properties: properties(site) });
  }
  return { type: 'FeatureCollection', features };
}

/** [west, south, east, north] around all located sites (parcels' every corner), or null when none has a location. */
export function sitesBounds(sites: readonly MapSite[]): [number, number, number, number] | null {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  const include = ([x, y]: Position) => {
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  };
  for (const site of sites) {
    if (site.parcel) {
      const rings = site.parcel.type === 'Polygon' ? site.parcel.coordinates : site.parcel.coordinates.flat();
      for (const ring of rings) for (const position of ring) include(position);
    } else if (site.position) {
      include(site.position);
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}
