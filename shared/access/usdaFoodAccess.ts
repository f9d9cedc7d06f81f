import type { Position } from 'geojson';
import { analyseFoodAccess, type AccessArea, type FoodAccess, type FoodAccessOptions } from './analyseFoodAccess';
import { classifyAreas, LOW_ACCESS_RULE, type AreaAccess } from './classifyAreas';

const METRES_PER_MILE = 1609.344;

/** The Food Access Research Atlas distances: ½ and 1 mile for urban tracts, 10 and 20 for rural. */
export const USDA_THRESHOLDS = [
  { label: '0.5mi', metres: 0.5 * METRES_PER_MILE },
  { label: '1mi', metres: 1 * METRES_PER_MILE },
  { label: '10mi', metres: 10 * METRES_PER_MILE },
  { label: '20mi', metres: 20 * METRES_PER_MILE },
] as const;

export type UsdaThresholdLabel = (typeof USDA_THRESHOLDS)[number]['label'];

/** The Atlas's low-income-low-access measures: the urban distance, then the rural one. */
export const USDA_LILA_MEASURES = [
  { label: '0.5mi_10mi', urban: '0.5mi', rural: '10mi' },
  { label: '1mi_10mi', urban: '1mi', rural: '10mi' },
  { label: '1mi_20mi', urban: '1mi', rural: '20mi' },
] as const satisfies readonly { label: string; urban: UsdaThresholdLabel; rural: UsdaThresholdLabel }[];

export type UsdaLilaLabel = (typeof USDA_LILA_MEASURES)[number]['label'];

/** ½-km cells, as the Atlas uses. */
export const USDA_CELL_SIZE = 500;

export interface UsdaAreaAccess {
  readonly population: number | null;
  /** Access at each Atlas distance, applied to every area whether urban or rural. */
  readonly byThreshold: Readonly<Record<UsdaThresholdLabel, AreaAccess>>;
  /** Low income and low access at the area's own distance (urban or rural); null if unknown. */
  readonly lowIncomeLowAccess: Readonly<Record<UsdaLilaLabel, boolean | null>>;
}

export interface UsdaFoodAccess {
  readonly analysis: FoodAccess;
  readonly areas: UsdaAreaAccess[];
}

/**
 * Reproduces the USDA Food Access Research Atlas rules: population on ½-km cells,
 * straight-line distance to the nearest supermarket, an area is low access at a distance
 * when at least 500 people or 33 % of it live farther, and low-income-low-access when it is
 * also flagged low income, at ½ or 1 mile if urban and 10 or 20 miles if rural. Building
 * footprints, when given, weight where each area's people live on the grid.
 */
export function usdaFoodAccess(
  areas: readonly AccessArea[],
  supermarkets: readonly Position[],
  options: number | { readonly cellSize?: number; readonly buildings?: FoodAccessOptions['buildings'] } = USDA_CELL_SIZE,
): UsdaFoodAccess {
  const { cellSize = USDA_CELL_SIZE, buildings } = typeof options === 'number' ? { cellSize: options } : options;
  const analysis = analyseFoodAccess(areas, supermarkets, { cellSize, threshold: USDA_THRESHOLDS[0].metres, mode: 'line', buildings });
  const facts = areas.map((area) => ({ hasPopulation: area.population !== null, lowIncome: area.lowIncome }));
  const cells = { cellArea: analysis.grid.area, population: analysis.grid.population };
  const byThreshold = USDA_THRESHOLDS.map(({ metres }) => classifyAreas(facts, cells, analysis.distance, metres, LOW_ACCESS_RULE));

  const usdaAreas = areas.map((area, index): UsdaAreaAccess => {
    const accessAt = Object.fromEntries(USDA_THRESHOLDS.map(({ label }, t) => [label, byThreshold[t][index]])) as Record<UsdaThresholdLabel, AreaAccess>;
    const lowIncomeLowAccess = Object.fromEntries(
      USDA_LILA_MEASURES.map(({ label, urban, rural }) => [label, lilaAt(area, area.urban === null ? null : accessAt[area.urban ? urban : rural])]),
    ) as Record<UsdaLilaLabel, boolean | null>;
    return { population: byThreshold[0][index].population, byThreshold: accessAt, lowIncomeLowAccess };
  });
  return { analysis, areas: usdaAreas };
}

function lilaAt(area: AccessArea, access: AreaAccess | null): boolean | null {
  if (access === null || access.lowAccess === null || area.lowIncome === null) return null;
  return area.lowIncome && access.lowAccess;
}
