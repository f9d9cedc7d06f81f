import type { MultiPolygon, Polygon, Position } from 'geojson';
import { bboxOf } from '../geo/bbox';
import { buildWalkingNetwork, type WalkingNetwork } from '../network/buildWalkingNetwork';
import { walkingDistances } from '../network/walkingDistances';
import { walkingNetworkOnPlane } from '../network/walkingNetworkOnPlane';
import { buildingFootprintWeights } from './buildingFootprintWeights';
import { classifyAreas, LOW_ACCESS_RULE, type AreaAccess, type LowAccessRule } from './classifyAreas';
import { gridSpecCovering, type PlaneBounds } from './gridSpec';
import { createLocalPlane, lineToPlane, planeX, planeY, polygonRingsToPlane, type LocalPlane } from '../geo/localPlane';
import { nearestSourceDistances } from './nearestSourceDistances';
import { PlanarPointIndex } from '../geo/planarPointIndex';
import { populationGrid, sampleSpec, type PopulationGrid } from './populationGrid';
import type { WhatIfNetwork } from './whatIfSite';

/** A population polygon with what the classification needs to know about it. */
export interface AccessArea {
  readonly geometry: Polygon | MultiPolygon;
  /** Null where the source has no population: reported empty, never guessed. */
  readonly population: number | null;
  readonly lowIncome: boolean | null;
  readonly urban: boolean | null;
}

export type DistanceMode = 'line' | 'walk';

export interface FoodAccessOptions {
  /** Grid cell size, metres. */
  readonly cellSize: number;
  /** Distance beyond which a person counts as far from food, metres. */
  readonly threshold: number;
  readonly mode: DistanceMode;
  /**
   * The walking network, built once with `buildWalkingNetwork` and reused across analyses.
   * Walk mode needs it or `streets`; given both, the network is used.
   */
  readonly network?: WalkingNetwork;
  /** Street centre lines (longitude, latitude), to build the walking network for this analysis alone. */
  readonly streets?: readonly (readonly Position[])[];
  /** Metres within which dangling street ends are stitched (tile-cut lines); 0 for OSM ways. */
  readonly streetSnapTolerance?: number;
  /** Node street lines that cross without a shared vertex (tile-derived networks). */
  readonly nodeStreetCrossings?: boolean;
  /** Building footprints (outer rings, longitude/latitude), to weight the population grid. */
  readonly buildings?: readonly (readonly Position[])[];
  readonly rule?: LowAccessRule;
  /** Population samples per cell side; by default one per ~100 m, so ½-km cells are split by area. */
  readonly samplesPerSide?: number;
}

/** Population is sampled about every 100 m whatever the cell size. */
const SAMPLE_SPACING = 100;

export interface FoodAccess {
  readonly plane: LocalPlane;
  readonly grid: PopulationGrid;
  /** Sources on the plane. */
  readonly sourceX: Float64Array;
  readonly sourceY: Float64Array;
  /** Straight-line distance from each cell to the nearest source, metres. */
  readonly straightDistance: Float64Array;
  /** The distance the analysis uses: straight-line, or walking in walk mode. */
  readonly distance: Float64Array;
  readonly nearestSource: Int32Array;
  readonly threshold: number;
  readonly areas: AreaAccess[];
  /** The walking network, in walk mode. */
  readonly network?: WhatIfNetwork;
}

/**
 * The whole food-access analysis: population onto a grid, each cell's distance to the nearest
 * source (straight-line, or walking along the streets), and each area's people beyond the
 * threshold with its low-access flags.
 */
export function analyseFoodAccess(areas: readonly AccessArea[], sources: readonly Position[], options: FoodAccessOptions): FoodAccess {
  const plane = analysisPlane(areas);
  const planeAreas = areas.map((area) => ({ rings: polygonRingsToPlane(plane, area.geometry), population: area.population }));
  const spec = gridSpecCovering(planeBounds(planeAreas.flatMap((area) => area.rings)), options.cellSize);
  const samplesPerSide = options.samplesPerSide ?? Math.max(1, Math.round(options.cellSize / SAMPLE_SPACING));
  const weights = options.buildings
    ? buildingFootprintWeights(options.buildings.map((ring) => lineToPlane(plane, ring)), sampleSpec(spec, samplesPerSide))
    : undefined;
  const grid = populationGrid(planeAreas, spec, { weights, samplesPerSide });

  const sourceX = Float64Array.from(sources, (position) => planeX(plane, position[0]));
  const sourceY = Float64Array.from(sources, (position) => planeY(plane, position[1]));
  const nearest = nearestSourceDistances(grid.x, grid.y, new PlanarPointIndex(sourceX, sourceY));

  let distance = nearest.distance;
  let network: WhatIfNetwork | undefined;
  if (options.mode === 'walk') {
    const { graph, segments } = walkingNetworkOnPlane(walkingNetworkOf(options), plane);
    const walking = walkingDistances(graph, segments, grid.x, grid.y, sourceX, sourceY);
    distance = walking.distance;
    network = { graph, segments, cellSnaps: walking.pointSnaps };
  }

  const facts = areas.map((area) => ({ hasPopulation: area.population !== null, lowIncome: area.lowIncome }));
  const classified = classifyAreas(facts, { cellArea: grid.area, population: grid.population }, distance, options.threshold, options.rule ?? LOW_ACCESS_RULE);
  return {
    plane,
    grid,
    sourceX,
    sourceY,
    straightDistance: nearest.distance,
    distance,
    nearestSource: nearest.source,
    threshold: options.threshold,
    areas: classified,
    network,
  };
}

/** The prebuilt network, or one built from the street lines the same way `buildWalkingNetwork` would. */
function walkingNetworkOf(options: FoodAccessOptions): WalkingNetwork {
  if (options.network) return options.network;
  if (!options.streets) throw new RangeError('walking distances need a street network');
  return buildWalkingNetwork(options.streets, {
    snapTolerance: options.streetSnapTolerance ?? 0,
    nodeCrossings: options.nodeStreetCrossings ?? false,
  });
}

/** The local plane an analysis of these areas works on: centred on their bounding box. */
export function analysisPlane(areas: readonly { readonly geometry: Polygon | MultiPolygon }[]): LocalPlane {
  return createLocalPlane(areasBBox(areas));
}

export function areasBBox(areas: readonly { readonly geometry: Polygon | MultiPolygon }[]): [number, number, number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const area of areas) {
    const [w, s, e, n] = bboxOf(area.geometry);
    west = Math.min(west, w); south = Math.min(south, s); east = Math.max(east, e); north = Math.max(north, n);
  }
  if (!Number.isFinite(west)) return [0, 0, 0, 0];
  return [west, south, east, north];
}

function planeBounds(rings: readonly Float64Array[]): PlaneBounds {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      if (ring[i] < minX) minX = ring[i];
      if (ring[i] > maxX) maxX = ring[i];
      if (ring[i + 1] < minY) minY = ring[i + 1];
      if (ring[i + 1] > maxY) maxY = ring[i + 1];
    }
  }
  if (!Number.isFinite(minX)) return [0, 0, 0, 0];
  return [minX, minY, maxX, maxY];
}
