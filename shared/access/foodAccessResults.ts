import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { WalkingNetwork } from '../network/buildWalkingNetwork';
import { accessTable, usdaAccessTable, type AccessTable } from './accessTable';
import { analyseFoodAccess, type AccessArea, type DistanceMode, type FoodAccess } from './analyseFoodAccess';
import { assignCellsToAreas } from './assignCellsToAreas';
import { classifyAreas, type AreaAccess } from './classifyAreas';
import { polygonRingsToPlane } from '../geo/localPlane';
import { USDA_THRESHOLDS, usdaFoodAccess, type UsdaAreaAccess } from './usdaFoodAccess';

export type AccessMode = DistanceMode | 'usda';

/** Areas to classify instead of the population polygons (neighbourhoods, the map's areas). */
export interface TableAreas {
  readonly ids: readonly string[];
  readonly geometries: readonly (Polygon | MultiPolygon)[];
  /** Each area's low-income flag (null: unknown), and whether the areas carry one at all. */
  readonly lowIncome: readonly (boolean | null)[];
  readonly withLowIncome: boolean;
  /** The table's id column. */
  readonly idColumn: string;
}

/** Everything an analysis reads, whoever read it: a file reader (the command line) or the database reader (the app). */
export interface FoodAccessInputs {
  readonly population: {
    readonly areas: readonly AccessArea[];
    readonly ids: readonly string[];
    /** The table's id column, e.g. the property the ids were read from. */
    readonly idColumn: string;
    /** Whether the polygons carry a low-income flag (the table then has a lila column). */
    readonly withLowIncome: boolean;
  };
  readonly sources: readonly Position[];
  /** The walking network, in walk mode. */
  readonly network?: WalkingNetwork;
  /** Building footprints (outer rings), to weight where people live. */
  readonly buildings?: readonly (readonly Position[])[];
  readonly tableAreas?: TableAreas;
}

export interface FoodAccessSettings {
  readonly mode: AccessMode;
  /** Metres; USDA mode measures at the Atlas's distances and draws the map at ½ mile. */
  readonly threshold: number;
  /** Metres. */
  readonly cellSize: number;
}

export interface FoodAccessResults {
  readonly mode: AccessMode;
  /** The grid, distances and per-population-polygon classification. */
  readonly access: FoodAccess;
  /** The distance the map and the table's low-access column use (USDA mode: ½ mile). */
  readonly threshold: number;
  /** The table's areas: their ids and access at the threshold. */
  readonly ids: readonly string[];
  readonly areas: readonly AreaAccess[];
  /** USDA mode: every Atlas measure for each area. */
  readonly usda: readonly UsdaAreaAccess[] | null;
  /** The table the command line writes and the app downloads. */
  readonly table: AccessTable;
  /** Whether the table's areas carry a low-income flag. */
  readonly withLowIncome: boolean;
}

/**
 * The one food-access pipeline, from inputs to results: population onto a grid (weighted by
 * building footprints when given), each cell's distance to the nearest source (straight,
 * walking, or USDA's straight-line supermarket rules), and the per-area table. The command
 * line and the app both call this with what their readers produced, so one tracts file and
 * one set of sources give one table.
 */
export function foodAccessResults(inputs: FoodAccessInputs, settings: FoodAccessSettings): FoodAccessResults {
  const { population, sources, buildings } = inputs;
  if (settings.mode === 'usda') {
    if (inputs.tableAreas) throw new RangeError('USDA mode classifies the population polygons themselves');
    const usda = usdaFoodAccess(population.areas, sources, { cellSize: settings.cellSize, buildings });
    return {
      mode: 'usda',
      access: usda.analysis,
      threshold: USDA_THRESHOLDS[0].metres,
      ids: population.ids,
      areas: usda.analysis.areas,
      usda: usda.areas,
      table: usdaAccessTable(population.idColumn, population.ids, usda.areas),
      withLowIncome: population.withLowIncome,
    };
  }
  const access = analyseFoodAccess(population.areas, sources, {
    cellSize: settings.cellSize, threshold: settings.threshold, mode: settings.mode, network: inputs.network, buildings,
  });
  const tableAreas = inputs.tableAreas;
  if (!tableAreas) {
    return {
      mode: settings.mode, access, threshold: settings.threshold, ids: population.ids, areas: access.areas, usda: null,
      table: accessTable(population.idColumn, population.ids, access.areas, population.withLowIncome), withLowIncome: population.withLowIncome,
    };
  }
  const cellArea = assignCellsToAreas(access.grid, tableAreas.geometries.map((geometry) => polygonRingsToPlane(access.plane, geometry)));
  const facts = tableAreas.lowIncome.map((lowIncome) => ({ hasPopulation: true, lowIncome }));
  const areas = classifyAreas(facts, { cellArea, population: access.grid.population }, access.distance, settings.threshold);
  return {
    mode: settings.mode, access, threshold: settings.threshold, ids: tableAreas.ids, areas, usda: null,
    table: accessTable(tableAreas.idColumn, tableAreas.ids, areas, tableAreas.withLowIncome), withLowIncome: tableAreas.withLowIncome,
  };
}
