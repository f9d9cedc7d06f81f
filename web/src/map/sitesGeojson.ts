import type { Feature, FeatureCollection, Point, Polygon, MultiPolygon, Position } from 'geojson';
import type { Site } from '../../../shared/schemas/site';

export interface SiteFeatureProperties {
  id: string;
  name: string;
  domain: string;
  functionType: string;
  status: string;
  degraded: boolean;
  parcel: boolean;
}

function properties(site: Site, parcel: boolean): SiteFeatureProperties {
  return {
    id: site.id, name: site.name, domain: site.domain, functionType: site.functionType,
    status: site.status, degraded: site.locationDegraded, parcel,
  };
}

/** A point inside most parcels: the mean of the outer ring's corners. */
export function representativePoint(geometry: Polygon | MultiPolygon): Position {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
  const corners = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
  const sum = corners.reduce((acc, [x, y]) => [acc[0] + x, acc[1] + y], [0, 0]);
  return [sum[0] / corners.length, sum[1] / corners.length];
}

/** Where a site's marker goes; null when the site has no location to show. */
export function sitePosition(site: Pick<Site, 'geometry'>): Position | null {
  const g = site.geometry;
  if (!g) return null;
  return g.type === 'Point' ? g.coordinates : representativePoint(g);
}

/** Every located site as a point (parcels at a representative point), for markers and clusters. */
export function sitesToPoints(sites: readonly Site[]): FeatureCollection<Point, SiteFeatureProperties> {
  const features: Feature<Point, SiteFeatureProperties>[] = [];
  for (const site of sites) {
    const position = sitePosition(site);
    if (!position) continue;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [position[0], position[1]] }, properties: properties(site, site.geometry?.type !== 'Point') });
  }
  return { type: 'FeatureCollection', features };
}

/** Parcel and garden polygons, drawn as fills under the markers. */
export function sitesToParcels(sites: readonly Site[]): FeatureCollection<Polygon | MultiPolygon, SiteFeatureProperties> {
  const features: Feature<Polygon | MultiPolygon, SiteFeatureProperties>[] = [];
  for (const site of sites) {
    const g = site.geometry;
    if (!g || g.type === 'Point') continue;
    features.push({ type: 'Feature', geometry: g, properties: properties(site, true) });
  }
  return { type: 'FeatureCollection', features };
}

/** [west, south, east, north] around all located sites, or null when none has a location. */
export function sitesBounds(sites: readonly Site[]): [number, number, number, number] | null {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const site of sites) {
    const g = site.geometry;
    if (!g) continue;
    const positions: Position[] = g.type === 'Point' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
    for (const [x, y] of positions) {
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}
