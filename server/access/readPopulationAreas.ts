import { readFile } from 'node:fs/promises';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AccessArea } from '../../shared/access/analyseFoodAccess';
import { repairPolygon } from '../../shared/access/repairPolygon';
import { KudzuError } from '../../shared/errors';
import { POPULATION_PROPERTY_NAMES, readFlagValue as readFlag } from '../../shared/access/accessFeatures';

export const ID_PROPERTIES = ['GEOID10', 'GEOID20', 'GEOID', 'geoid10', 'geoid', 'id', 'ID', 'nhood', 'hood', 'name', 'NAME', 'NAME10'];
export const POPULATION_PROPERTIES = POPULATION_PROPERTY_NAMES;
export const LOW_INCOME_PROPERTIES = ['low_income_tracts', 'low_income', 'lowincome', 'LowIncomeTracts'];
export const URBAN_PROPERTIES = ['urban_flag', 'urban', 'Urban'];

export interface PopulationAreaOptions {
  readonly idProperty?: string;
  readonly populationProperty?: string;
  readonly lowIncomeProperty?: string;
  readonly urbanProperty?: string;
}

export interface PopulationAreas {
  readonly path: string;
  readonly areas: AccessArea[];
  readonly ids: string[];
  /** The source features, for writing the results back as GeoJSON. */
  readonly features: Feature<Polygon | MultiPolygon>[];
  /** Which property each field was read from (null: none found). */
  readonly properties: { id: string | null; population: string; lowIncome: string | null; urban: string | null };
  /** Ids of the areas with no population figure. */
  readonly missingPopulation: string[];
  /** Ids of the areas whose polygons crossed or touched themselves and were rebuilt. */
  readonly repaired: string[];
  /** Ids of the areas found invalid but left as they were (read by the even-odd rule). */
  readonly unrepaired: string[];
}

/**
 * Reads population polygons from a GeoJSON file: picks the id, population, low-income and
 * urban properties (the given names, or the first common name present), repairs polygons
 * that cross or touch themselves, and refuses files it cannot use with an error naming the
 * file, the feature and the field.
 */
export async function readPopulationAreas(path: string, options: PopulationAreaOptions = {}): Promise<PopulationAreas> {
  const collection = parseGeoJson(path, await readFile(path, 'utf8'));
  const features = collection.features;
  const polygonFeatures = features.map((feature, index) => asPolygonFeature(path, feature, index));
  const propertyNames = new Set(features.flatMap((feature) => Object.keys(feature.properties ?? {})));

  const idProperty = chooseProperty(path, 'id', options.idProperty, ID_PROPERTIES, propertyNames);
  const populationProperty = chooseProperty(path, 'population', options.populationProperty, POPULATION_PROPERTIES, propertyNames);
  if (populationProperty === null) {
    throw new KudzuError('BAD_INPUT', `${path}: no population property found (looked for ${POPULATION_PROPERTIES.join(', ')}); name it with --population-property`, { file: path, field: 'population' });
  }
  const lowIncomeProperty = chooseProperty(path, 'low-income', options.lowIncomeProperty, LOW_INCOME_PROPERTIES, propertyNames);
  const urbanProperty = chooseProperty(path, 'urban', options.urbanProperty, URBAN_PROPERTIES, propertyNames);

  const ids: string[] = [];
  const areas: AccessArea[] = [];
  const missingPopulation: string[] = [];
  const repaired: string[] = [];
  const unrepaired: string[] = [];
  polygonFeatures.forEach((feature, index) => {
    const properties = feature.properties ?? {};
    const id = idProperty === null || properties[idProperty] == null || properties[idProperty] === '' ? String(index + 1) : String(properties[idProperty]);
    ids.push(id);
    const population = readCount(path, index, populationProperty, properties[populationProperty]);
    if (population === null) missingPopulation.push(id);
    const repair = repairPolygon(feature.geometry);
    if (repair.crossings > 0) (repair.repaired ? repaired : unrepaired).push(id);
    areas.push({
      geometry: repair.geometry,
      population,
      lowIncome: lowIncomeProperty === null ? null : readFlag(properties[lowIncomeProperty]),
      urban: urbanProperty === null ? null : readFlag(properties[urbanProperty]),
    });
  });

  if (areas.length === 0) throw new KudzuError('BAD_INPUT', `${path}: the file has no features`, { file: path });
  if (missingPopulation.length === areas.length) {
    throw new KudzuError('BAD_INPUT', `${path}: no feature has a value in "${populationProperty}", so there is no population to analyse`, { file: path, field: populationProperty });
  }
  return {
    path,
    areas,
    ids,
    features: polygonFeatures,
    properties: { id: idProperty, population: populationProperty, lowIncome: lowIncomeProperty, urban: urbanProperty },
    missingPopulation,
    repaired,
    unrepaired,
  };
}

export function parseGeoJson(path: string, text: string): { features: Feature[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KudzuError('BAD_INPUT', `${path}: not valid JSON (${(error as Error).message})`, { file: path });
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new KudzuError('BAD_INPUT', `${path}: not a GeoJSON FeatureCollection`, { file: path });
  }
  return collection as { features: Feature[] };
}

function asPolygonFeature(path: string, feature: Feature, index: number): Feature<Polygon | MultiPolygon> {
  const type = feature?.geometry?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new KudzuError('BAD_INPUT', `${path}: feature ${index + 1} has ${type ? `a ${type}` : 'no'} geometry; population areas must be polygons`, { file: path, row: index + 1, field: 'geometry' });
  }
  return feature as Feature<Polygon | MultiPolygon>;
}

function chooseProperty(path: string, role: string, given: string | undefined, candidates: readonly string[], present: Set<string>): string | null {
  if (given !== undefined) {
    if (!present.has(given)) throw new KudzuError('BAD_INPUT', `${path}: no feature has the ${role} property "${given}"`, { file: path, field: given });
    return given;
  }
  for (const candidate of candidates) if (present.has(candidate)) return candidate;
  const lowered = new Map([...present].map((name) => [name.toLowerCase(), name]));
  for (const candidate of candidates) {
    const match = lowered.get(candidate.toLowerCase());
    if (match) return match;
  }
  return null;
}

function readCount(path: string, index: number, field: string, value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const count = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(count) || count < 0) {
    throw new KudzuError('BAD_INPUT', `${path}: feature ${index + 1} has ${field} = ${JSON.stringify(value)}, not a count of people`, { file: path, row: index + 1, field });
  }
  return count;
}

