import { readFile } from 'node:fs/promises';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AccessArea } from '../../shared/access/analyseFoodAccess';
import { KudzuError } from '../../shared/errors';
import { choosePopulationProperties, POPULATION_PROPERTY_NAMES, populationFromFeatures, type PopulationProperties } from '../../shared/access/accessFeatures';

export interface PopulationAreaOptions {
  readonly idProperty?: string;
  readonly populationProperty?: string;
  readonly lowIncomeProperty?: string;
  readonly urbanProperty?: string;
}

export interface PopulationAreas {
  readonly path: string;
  /** The areas, ordered by id (as the app orders them). */
  readonly areas: AccessArea[];
  readonly ids: string[];
  /** The source features of the areas, in the same order, for writing the results back as GeoJSON. */
  readonly features: Feature<Polygon | MultiPolygon>[];
  /** Which property each field was read from (null: none found). */
  readonly properties: PopulationProperties & { population: string };
  /** Ids of the areas with no population figure. */
  readonly missingPopulation: string[];
  /** Ids of the areas whose polygons crossed or touched themselves and were rebuilt. */
  readonly repaired: string[];
  /** Ids of the areas found invalid but left as they were (read by the even-odd rule). */
  readonly unrepaired: string[];
}

/**
 * The file reader of the food-access pipeline: population polygons from a GeoJSON file, read
 * with the same property choice and polygon repair as the app's database reader
 * (`populationFromFeatures`), refusing files it cannot use with an error naming the file,
 * the feature and the field.
 */
export async function readPopulationAreas(path: string, options: PopulationAreaOptions = {}): Promise<PopulationAreas> {
  const collection = parseGeoJson(path, await readFile(path, 'utf8'));
  const polygonFeatures = collection.features.map((feature, index) => asPolygonFeature(path, feature, index));
  if (polygonFeatures.length === 0) throw new KudzuError('BAD_INPUT', `${path}: the file has no features`, { file: path });
  const stored = polygonFeatures.map((feature, index) => ({ id: String(index + 1), name: null, geometry: feature.geometry, properties: feature.properties ?? {} }));
  const propertyNames = new Set(stored.flatMap((feature) => Object.keys(feature.properties)));
  for (const [role, given] of [['id', options.idProperty], ['population', options.populationProperty], ['low-income', options.lowIncomeProperty], ['urban', options.urbanProperty]] as const) {
    if (given !== undefined && !propertyNames.has(given)) throw new KudzuError('BAD_INPUT', `${path}: no feature has the ${role} property "${given}"`, { file: path, field: given });
  }
  const properties = choosePopulationProperties(stored, {
    id: options.idProperty, population: options.populationProperty, lowIncome: options.lowIncomeProperty, urban: options.urbanProperty,
  });
  const populationProperty = properties.population;
  if (populationProperty === null) {
    throw new KudzuError('BAD_INPUT', `${path}: no population property found (looked for ${POPULATION_PROPERTY_NAMES.join(', ')}); name it with --population-property`, { file: path, field: 'population' });
  }
  const read = populationFromFeatures(stored, properties);
  const [bad] = read.badCounts;
  if (bad) {
    throw new KudzuError('BAD_INPUT', `${path}: feature ${bad.index + 1} has ${populationProperty} = ${JSON.stringify(bad.value)}, not a count of people`, { file: path, row: bad.index + 1, field: populationProperty });
  }
  if (read.missingPopulation.length === read.areas.length) {
    throw new KudzuError('BAD_INPUT', `${path}: no feature has a value in "${populationProperty}", so there is no population to analyse`, { file: path, field: populationProperty });
  }
  return {
    path,
    areas: read.areas,
    ids: read.ids,
    features: read.featureIndex.map((index) => polygonFeatures[index]),
    properties: { ...properties, population: populationProperty },
    missingPopulation: read.missingPopulation,
    repaired: read.repaired,
    unrepaired: read.unrepaired,
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
