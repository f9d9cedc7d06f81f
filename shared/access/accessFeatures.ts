import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { polygonCentroid } from '../geo/measure';
import type { AccessArea } from './analyseFoodAccess';
import { repairPolygon } from './repairPolygon';

/** A feature as the app stores it in a reference layer or as an area: geometry and plain properties. */
export interface StoredFeature {
  readonly id: string;
  readonly name: string | null;
  readonly geometry: Geometry;
  readonly properties: Readonly<Record<string, unknown>>;
}

export const POPULATION_PROPERTY_NAMES = ['population', 'pop', 'pop2010', 'pop2020', 'POP10', 'POP20', 'total_population', 'P0010001'];
export const LOW_INCOME_PROPERTY_NAMES = ['lowIncome', 'low_income_tracts', 'low_income', 'lowincome', 'LowIncomeTracts'];
export const URBAN_PROPERTY_NAMES = ['urban_flag', 'urban', 'Urban'];
export const AREA_ID_PROPERTY_NAMES = ['GEOID10', 'GEOID20', 'GEOID', 'geoid10', 'geoid', 'nhood', 'hood', 'NAME10'];

/** The first of `candidates` that some feature carries (exact name first, then any case); null if none. */
export function pickProperty(features: readonly { readonly properties: Readonly<Record<string, unknown>> }[], candidates: readonly string[]): string | null {
  const present = new Set<string>();
  for (const feature of features) for (const name of Object.keys(feature.properties)) present.add(name);
  for (const candidate of candidates) if (present.has(candidate)) return candidate;
  const lowered = new Map([...present].map((name) => [name.toLowerCase(), name]));
  for (const candidate of candidates) {
    const match = lowered.get(candidate.toLowerCase());
    if (match) return match;
  }
  return null;
}

/** 1/0, true/false, yes/no as a flag; anything else is unknown. */
export function readFlagValue(value: unknown): boolean | null {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  const text = String(value ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes', 'y'].includes(text)) return true;
  if (['0', 'false', 'no', 'n'].includes(text)) return false;
  return null;
}

/** A count of people, or null where there is none (empty, negative or not a number). */
export function readCountValue(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const count = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(count) && count >= 0 ? count : null;
}

export interface PopulationFeatures {
  readonly areas: AccessArea[];
  readonly ids: string[];
  readonly names: string[];
  /** A point inside or near each area, for the table's "fly to" and challenges. */
  readonly points: [number, number][];
  /** Features left out: not polygons. */
  readonly skipped: number;
  /** Areas whose polygons crossed themselves and were rebuilt. */
  readonly repaired: number;
  /** Areas without a population figure (reported empty). */
  readonly missingPopulation: number;
}

/**
 * Population polygons from stored features: polygons only, repaired where they cross
 * themselves, with the population (and optional low-income and urban flags) read from the
 * named properties.
 */
export function populationFromFeatures(
  features: readonly StoredFeature[],
  properties: { population: string | null; lowIncome: string | null; urban?: string | null; id?: string | null },
): PopulationFeatures {
  const areas: AccessArea[] = [];
  const ids: string[] = [];
  const names: string[] = [];
  const points: [number, number][] = [];
  let skipped = 0, repaired = 0, missingPopulation = 0;
  for (const feature of features) {
    const { geometry } = feature;
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') { skipped++; continue; }
    const repair = repairPolygon(geometry as Polygon | MultiPolygon);
    if (repair.repaired) repaired++;
    const population = properties.population === null ? null : readCountValue(feature.properties[properties.population]);
    if (population === null) missingPopulation++;
    areas.push({
      geometry: repair.geometry,
      population,
      lowIncome: properties.lowIncome ? readFlagValue(feature.properties[properties.lowIncome]) : null,
      urban: properties.urban ? readFlagValue(feature.properties[properties.urban]) : null,
    });
    const id = properties.id && feature.properties[properties.id] != null ? String(feature.properties[properties.id]) : feature.id;
    ids.push(id);
    names.push(feature.name ?? (typeof feature.properties.name === 'string' ? feature.properties.name : id));
    const [lon, lat] = polygonCentroid(geometry as Polygon | MultiPolygon);
    points.push([lon, lat]);
  }
  return { areas, ids, names, points, skipped, repaired, missingPopulation };
}

/** Keep features whose `property` equals one of `values`, compared without regard to case or surrounding space. */
export function matchesFilter(properties: Readonly<Record<string, unknown>>, property: string, values: readonly string[]): boolean {
  const value = String(properties[property] ?? '').trim().toLowerCase();
  return values.some((wanted) => wanted.trim().toLowerCase() === value);
}

/** The point a source stands at: a point itself, a polygon's centroid, the first of several points; null for lines. */
export function sourcePosition(geometry: Geometry | null): Position | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return polygonCentroid(geometry);
  if (geometry.type === 'MultiPoint' && geometry.coordinates.length > 0) return geometry.coordinates[0];
  return null;
}
