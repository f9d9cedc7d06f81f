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
/**
 * Where an area's id is read from, in order of preference. The command line and the app read
 * the same names (one list), and a property counts only where every area has its own value.
 */
export const AREA_ID_PROPERTY_NAMES = ['GEOID10', 'GEOID20', 'GEOID', 'geoid10', 'geoid', 'id', 'ID', 'nhood', 'hood', 'name', 'NAME', 'NAME10'];

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

/** The properties population polygons are read from (null: none). */
export interface PopulationProperties {
  readonly id: string | null;
  readonly population: string | null;
  readonly lowIncome: string | null;
  readonly urban: string | null;
}

export interface PopulationFeatures {
  /** The areas, ordered by their id so the same polygons give the same table however they were stored. */
  readonly areas: AccessArea[];
  readonly ids: string[];
  readonly names: string[];
  /** A point inside or near each area, for the table's "fly to" and challenges. */
  readonly points: [number, number][];
  /** For each area, the index of the feature it was read from. */
  readonly featureIndex: number[];
  /** Features left out: not polygons. */
  readonly skipped: number;
  /** Ids of the areas whose polygons crossed or touched themselves and were rebuilt. */
  readonly repaired: string[];
  /** Ids of the areas found invalid but left as they were (read by the even-odd rule). */
  readonly unrepaired: string[];
  /** Ids of the areas without a population figure (reported empty). */
  readonly missingPopulation: string[];
  /** Features whose population is present but not a count of people (the readers refuse these). */
  readonly badCounts: { index: number; value: unknown }[];
}

/**
 * The id, population, low-income and urban properties of population polygons: the names
 * given, else the first common name present. One choice for the command line and the app.
 */
export function choosePopulationProperties(
  features: readonly { readonly properties: Readonly<Record<string, unknown>> }[],
  given: { id?: string; population?: string; lowIncome?: string; urban?: string } = {},
): PopulationProperties {
  return {
    id: given.id ?? pickIdProperty(features, AREA_ID_PROPERTY_NAMES),
    population: given.population ?? pickProperty(features, POPULATION_PROPERTY_NAMES),
    lowIncome: given.lowIncome ?? pickProperty(features, LOW_INCOME_PROPERTY_NAMES),
    urban: given.urban ?? pickProperty(features, URBAN_PROPERTY_NAMES),
  };
}

/** The first candidate (exact name, then any case) whose values are present and different on every feature. */
export function pickIdProperty(features: readonly { readonly properties: Readonly<Record<string, unknown>> }[], candidates: readonly string[]): string | null {
  const present = new Set<string>();
  for (const feature of features) for (const name of Object.keys(feature.properties)) present.add(name);
  const lowered = new Map([...present].map((name) => [name.toLowerCase(), name]));
  const names = [...candidates.filter((name) => present.has(name)), ...candidates.map((name) => lowered.get(name.toLowerCase())).filter((name): name is string => !!name)];
  for (const name of names) {
    const seen = new Set<string>();
    const unique = features.every((feature) => {
      const value = feature.properties[name];
      if (value === null || value === undefined || value === '') return false;
      const text = String(value);
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    });
    if (unique) return name;
  }
  return null;
}

/** Orders area ids as people read them: "2" before "10", then by text. */
export function compareAreaIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Population polygons from features (a file's or the database's): polygons only, repaired
 * where they cross themselves, with the population (and optional low-income and urban flags)
 * read from the chosen properties, ordered by id. An area without an id property takes its
 * feature's fallback id.
 */
export function populationFromFeatures(
  features: readonly StoredFeature[],
  properties: Omit<PopulationProperties, 'id' | 'urban'> & { id?: string | null; urban?: string | null },
): PopulationFeatures {
  const read: { area: AccessArea; id: string; name: string; point: [number, number]; index: number; repaired: boolean | null }[] = [];
  const badCounts: { index: number; value: unknown }[] = [];
  let skipped = 0;
  features.forEach((feature, index) => {
    const { geometry } = feature;
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') { skipped++; return; }
    const repair = repairPolygon(geometry as Polygon | MultiPolygon);
    const raw = properties.population === null ? null : feature.properties[properties.population];
    const population = readCountValue(raw);
    if (population === null && raw !== undefined && raw !== null && raw !== '') badCounts.push({ index, value: raw });
    const idValue = properties.id ? feature.properties[properties.id] : null;
    const id = idValue != null && idValue !== '' ? String(idValue) : feature.id;
    const [lon, lat] = polygonCentroid(geometry as Polygon | MultiPolygon);
    read.push({
      area: {
        geometry: repair.geometry,
        population,
        lowIncome: properties.lowIncome ? readFlagValue(feature.properties[properties.lowIncome]) : null,
        urban: properties.urban ? readFlagValue(feature.properties[properties.urban]) : null,
      },
      id,
      name: feature.name ?? (typeof feature.properties.name === 'string' ? feature.properties.name : id),
      point: [lon, lat],
      index,
      repaired: repair.crossings > 0 ? repair.repaired : null,
    });
  });
  read.sort((a, b) => compareAreaIds(a.id, b.id) || a.index - b.index);
  return {
    areas: read.map((entry) => entry.area),
    ids: read.map((entry) => entry.id),
    names: read.map((entry) => entry.name),
    points: read.map((entry) => entry.point),
    featureIndex: read.map((entry) => entry.index),
    skipped,
    repaired: read.filter((entry) => entry.repaired === true).map((entry) => entry.id),
    unrepaired: read.filter((entry) => entry.repaired === false).map((entry) => entry.id),
    missingPopulation: read.filter((entry) => entry.area.population === null).map((entry) => entry.id),
    badCounts,
  };
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
