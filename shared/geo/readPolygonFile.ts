/**
 * A polygon file (GeoJSON or KML) → the outlines in it that could become the network's area,
 * each with a name, and a sentence for every feature that cannot: not a polygon, a ring that
 * does not close, a coordinate out of range, an outline that crosses itself. Nothing is written;
 * the person picks one outline and the area service checks it again before saving.
 */
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Feature, Geometry } from 'geojson';
import { areaGeometrySchema, type AreaGeometry } from '../schemas/geometry';
import { polygonCrossingProblem } from './ringCrossing';

export interface PolygonChoice {
  /** 1-based feature number in the file. */
  feature: number;
  name: string;
  geometry: AreaGeometry;
  population: number | null;
}

export interface PolygonFile {
  format: 'geojson' | 'kml';
  features: number;
  polygons: PolygonChoice[];
  /** One sentence per feature left out, naming it. */
  problems: string[];
}

const NAME_KEYS = ['name', 'nhood', 'neighborhood', 'neighbourhood', 'title', 'label', 'NAME', 'Name'];
const POPULATION_KEYS = ['population', 'pop2010', 'pop2020', 'POP2010', 'pop', 'Population'];

export function readPolygonFile(fileName: string, text: string): PolygonFile {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  const isKml = /\.kml$/i.test(fileName) || body.startsWith('<');
  const format = isKml ? 'kml' : 'geojson';
  const features = isKml ? kmlFeatures(body) : geoJsonFeatures(body);
  const polygons: PolygonChoice[] = [];
  const problems: string[] = [];
  features.forEach((feature, index) => {
    const number = index + 1;
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const name = nameOf(properties) ?? `Outline ${number}`;
    const label = `feature ${number} (“${name}”)`;
    const geometry = feature.geometry as Geometry | null;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      problems.push(`${label} is a ${geometry?.type ?? 'feature without geometry'}, not a polygon, so it cannot be an area`);
      return;
    }
    const parsed = areaGeometrySchema.safeParse(geometry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`${label}: ${issue.message}`);
      return;
    }
    const crossing = polygonCrossingProblem(parsed.data);
    if (crossing) {
      problems.push(`${label}: ${crossing}`);
      return;
    }
    polygons.push({ feature: number, name, geometry: parsed.data, population: populationOf(properties) });
  });
  if (features.length === 0) problems.push(`${fileName} holds no features; a polygon file for an area is GeoJSON (a FeatureCollection of polygons) or KML`);
  return { format, features: features.length, polygons, problems };
}

function geoJsonFeatures(text: string): Feature[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolygonFileError(`the file is not valid GeoJSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const object = value as { type?: string; features?: unknown; geometry?: unknown };
  if (object?.type === 'FeatureCollection' && Array.isArray(object.features)) return object.features as Feature[];
  if (object?.type === 'Feature') return [object as Feature];
  if (object?.type === 'Polygon' || object?.type === 'MultiPolygon') return [{ type: 'Feature', properties: {}, geometry: object as Geometry }];
  throw new PolygonFileError(`a GeoJSON area file is a FeatureCollection, a Feature or a Polygon; this one is ${object?.type ? `a ${object.type}` : 'something else'}`);
}

function kmlFeatures(text: string): Feature[] {
  let document;
  try {
    document = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new PolygonFileError(`the file is not valid KML (XML): ${(error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160)}`);
  }
  if (document.documentElement?.localName !== 'kml') throw new PolygonFileError(`a KML file starts with <kml>, this one with <${document.documentElement?.localName ?? 'nothing'}>`);
  return kml(document).features as Feature[];
}

function nameOf(properties: Record<string, unknown>): string | null {
  for (const key of NAME_KEYS) {
    const value = properties[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  }
  return null;
}

function populationOf(properties: Record<string, unknown>): number | null {
  for (const key of POPULATION_KEYS) {
    const value = Number(properties[key]);
    if (properties[key] !== undefined && properties[key] !== null && Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  return null;
}

/** The whole file is unreadable (as opposed to one feature being unusable). */
export class PolygonFileError extends Error {
  override readonly name = 'PolygonFileError';
}
