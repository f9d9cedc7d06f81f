/**
 * Sites → KML (through @placemarkio/tokml): one Placemark per site with a shown location,
 * its fields as ExtendedData, so Google My Maps, uMap or Google Earth show them and Kudzu
 * reads them back (functionType is the type column).
 */
import { toKML } from '@placemarkio/tokml';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Site } from '../../shared/schemas/site';

export function toKml(sites: readonly Site[], properties: (site: Site) => Record<string, unknown>): { text: string; count: number } {
  const features = sites.filter((site) => site.geometry).map((site) => ({
    type: 'Feature' as const,
    geometry: site.geometry as Geometry,
    // KML has no null: an empty field is left out rather than written as "null".
    properties: Object.fromEntries(Object.entries(properties(site)).filter(([, value]) => value !== null && value !== '')),
  }));
  const collection: FeatureCollection<Geometry | null> = { type: 'FeatureCollection', features };
  return { text: toKML(collection), count: features.length };
}
