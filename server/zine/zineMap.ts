/**
 * The zine's map from public data: the audit area's outline, the sites as the public sees
 * them, and streets and water from the PMTiles basemap (its `roads` and `water` layers) or,
 * without one, from a reference layer of street lines (the demo's streets).
 */
import type { FeatureCollection, Position } from 'geojson';
import type { AuditSite } from '../../shared/audit/types';
import type { AreaGeometry } from '../../shared/schemas/geometry';
import type { LonLat } from '../../shared/zine/pageModel';
import type { ZineMap, ZineParcel, ZineSite, ZineStreet } from '../../shared/zine/zineContent';
import { readPmtilesLayer } from '../access/readPmtilesLayer';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
const MAJOR_ROADS = new Set(['highway', 'major_road', 'medium_road']);
const DRAWN_ROADS = new Set(['highway', 'major_road', 'medium_road', 'minor_road']);
/** Degrees of longitude: the widest map that still draws minor streets (about 5 km). */
const MINOR_ROADS_UP_TO = 0.06;

type Extent = [number, number, number, number];

function lonLat(position: Position): LonLat {
  return [position[0], position[1]];
}

function polygonsOf(geometry: AreaGeometry | AuditSite['geometry']): LonLat[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates.map((ring) => ring.map(lonLat))];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(lonLat)));
  return [];
}

/** A representative point: the point itself, or the middle of a parcel's outer ring's box. */
function sitePoint(geometry: AuditSite['geometry']): LonLat | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return lonLat(geometry.coordinates);
  const ring = polygonsOf(geometry)[0]?.[0];
  if (!ring || ring.length === 0) return null;
  const xs = ring.map((point) => point[0]);
  const ys = ring.map((point) => point[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

function extentOf(points: LonLat[], pad: number): Extent | null {
  if (points.length === 0) return null;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    west = Math.min(west, x); east = Math.max(east, x);
    south = Math.min(south, y); north = Math.max(north, y);
  }
  const padX = Math.max((east - west) * pad, 0.002);
  const padY = Math.max((north - south) * pad, 0.002);
  return [west - padX, south - padY, east + padX, north + padY];
}

/** A zoom whose tiles hold about as much detail as the printed map can show. */
function zoomFor(extent: Extent, maxZoom = 15): number {
  const span = Math.max(extent[2] - extent[0], 1e-6);
  return Math.max(10, Math.min(maxZoom, Math.round(Math.log2((360 / span) * 2.2))));
}

export interface ZineMapSources {
  sites: readonly AuditSite[];
  approximateSiteIds: ReadonlySet<string>;
  area: AreaGeometry | null;
  /** A PMTiles basemap file with `roads` and `water` layers. */
  basemapFile?: string;
  /** Street lines to draw when there is no basemap (or it has no roads). */
  streetLayer?: () => Promise<FeatureCollection | null>;
  /** Draw only these sites' domains, e.g. active sites. */
  includeClosed?: boolean;
}

export async function buildZineMap(sources: ZineMapSources): Promise<ZineMap> {
  const outline = polygonsOf(sources.area);
  const shownSites = sources.sites.filter((site) => sources.includeClosed || site.status === 'active');
  const sites: ZineSite[] = [];
  const parcels: ZineParcel[] = [];
  for (const site of shownSites) {
    const position = sitePoint(site.geometry);
    if (!position) continue;
    sites.push({ name: site.name, domain: site.domain, position, approximate: sources.approximateSiteIds.has(site.id) });
    const polygons = polygonsOf(site.geometry);
    if (polygons.length > 0) parcels.push({ domain: site.domain, polygons });
  }
  const extent = extentOf(outline.length > 0 ? outline.flat(2) : sites.map((site) => site.position), 0.04) ?? [-0.01, -0.01, 0.01, 0.01];

  let streets: ZineStreet[] = [];
  let water: LonLat[][][] = [];
  let attribution: string | null = null;
  if (sources.basemapFile) {
    const zoom = zoomFor(extent);
    // Over a whole city, minor streets print as a grey mush: draw them only for a district or less.
    const drawn = extent[2] - extent[0] <= MINOR_ROADS_UP_TO ? DRAWN_ROADS : MAJOR_ROADS;
    const roads = await readPmtilesLayer(sources.basemapFile, 'roads', { bbox: extent, zoom });
    streets = roads.features
      .filter((feature) => feature.type === 2 && drawn.has(String(feature.properties.kind ?? 'minor_road')))
      .map((feature) => ({
        parts: feature.parts.map((part) => part.map(lonLat)),
        major: MAJOR_ROADS.has(String(feature.properties.kind)),
        name: typeof feature.properties.name === 'string' ? feature.properties.name : null,
      }));
    const waterLayer = await readPmtilesLayer(sources.basemapFile, 'water', { bbox: extent, zoom, clipPolygons: true });
    water = waterLayer.features.filter((feature) => feature.type === 3).map((feature) => feature.parts.map((ring) => ring.map(lonLat)));
    if (streets.length > 0 || water.length > 0) attribution = OSM_ATTRIBUTION;
  }
  if (streets.length === 0 && sources.streetLayer) {
    const layer = await sources.streetLayer();
    for (const feature of layer?.features ?? []) {
      const geometry = feature.geometry;
      const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
      if (parts.length === 0) continue;
      const kind = String(feature.properties?.kind ?? '');
      streets.push({ parts: parts.map((part) => part.map(lonLat)), major: kind === 'avenue' || kind === 'diagonal', name: typeof feature.properties?.name === 'string' ? feature.properties.name : null });
    }
  }
  return { extent, streets, water, outline, sites, parcels, attribution };
}
