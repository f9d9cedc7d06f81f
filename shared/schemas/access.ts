import { z } from 'zod';
import { idSchema, tierSchema } from './common';

/** The food function types counted by default: where people get food the community grows, shares or sells. */
export const DEFAULT_FOOD_FUNCTION_TYPES = ['food_pantry', 'community_fridge', 'community_garden', 'community_kitchen', 'food_coop', 'csa'] as const;

const layerName = (field: string) => z.string().trim().min(1, `${field}: name a reference layer`).max(100, `${field}: at most 100 characters`);
const propertyName = (field: string) => z.string().trim().min(1, `${field}: name a property`).max(100, `${field}: at most 100 characters`);

/** Where the people are: polygons with counts in a reference layer, or the map's areas of one kind. */
export const accessPopulationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('layer'),
    layer: layerName('population.layer'),
    /** The count property; by default the first common name present (population, pop, pop2010…). */
    populationProperty: propertyName('population.populationProperty').optional(),
    lowIncomeProperty: propertyName('population.lowIncomeProperty').optional(),
  }),
  z.object({ kind: z.literal('areas'), areaKind: z.string().trim().min(1, 'population.areaKind: name a kind of area, e.g. neighbourhood').max(50) }),
], { error: 'population must be a reference layer (kind "layer") or the map\'s areas of one kind (kind "areas")' });

/** What counts as food: the map's sites of some function types, or a reference layer filtered by a property. */
export const accessSourcesSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sites'),
    functionTypes: z.array(z.string().min(1).max(60)).min(1, 'sources.functionTypes: choose at least one kind of food site').max(60)
      .default([...DEFAULT_FOOD_FUNCTION_TYPES]),
  }),
  z.object({
    kind: z.literal('layer'),
    layer: layerName('sources.layer'),
    /** Keep features whose `property` is one of `values` (any case), e.g. kind = supermarket. */
    property: propertyName('sources.property').optional(),
    values: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  }),
], { error: 'sources must be the map\'s sites (kind "sites") or a reference layer (kind "layer")' });

/** The areas the table classifies: the population polygons themselves, or the map's areas of one kind. */
export const accessTableBySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('population') }),
  z.object({ kind: z.literal('areas'), areaKind: z.string().trim().min(1, 'tableBy.areaKind: name a kind of area').max(50) }),
]);

/** Everything one analysis depends on; equal parameters give the same (cached) analysis. */
export const accessParamsSchema = z.object({
  /** Left out: the network's chosen population layer (set in the set-up's population step). */
  population: accessPopulationSchema.optional(),
  sources: accessSourcesSchema.default({ kind: 'sites', functionTypes: [...DEFAULT_FOOD_FUNCTION_TYPES] }),
  /** Only sources open then, e.g. "Sa 11:00"; sources without readable hours are kept and counted. */
  openAt: z.string().trim().max(20).optional(),
  mode: z.enum(['line', 'walk', 'usda'], { error: 'mode must be line (straight line), walk (along the streets) or usda (the Food Access Research Atlas rules)' }).default('line'),
  /** How each polygon's people are spread over the grid: evenly, or by building footprint area (the basemap's buildings). */
  weightBy: z.enum(['even', 'buildings'], { error: 'weightBy must be even or buildings' }).default('even'),
  /** A distance with its unit: "0.5mi", "800m", "1km". */
  threshold: z.string().max(30).default('0.5mi'),
  cellSize: z.string().max(30).default('100m'),
  tableBy: accessTableBySchema.default({ kind: 'population' }),
});
export type AccessParamsInput = z.input<typeof accessParamsSchema>;
export type AccessParams = z.infer<typeof accessParamsSchema>;
export type AccessPopulation = z.infer<typeof accessPopulationSchema>;
/** Parameters with the population settled (given, or the network's chosen layer). */
export type ResolvedAccessParams = AccessParams & { population: AccessPopulation };

const lonLat = z.tuple([
  z.number().min(-180, 'longitude is at least −180').max(180, 'longitude is at most 180'),
  z.number().min(-90, 'latitude is at least −90').max(90, 'latitude is at most 90'),
]);

export const accessWhatIfSchema = accessParamsSchema.extend({ point: lonLat });
export type AccessWhatIfInput = z.input<typeof accessWhatIfSchema>;

export const accessBestSitesSchema = accessParamsSchema.extend({
  k: z.number().int('k is a whole number').min(1, 'k is at least 1').max(20, 'k is at most 20').default(5),
  /** Candidate places: populated cells beyond the threshold, the map's sites, or points given. */
  candidates: z.union([
    z.enum(['cells', 'sites']),
    z.object({ points: z.array(lonLat).min(1, 'candidates.points: give at least one point').max(5000, 'candidates.points: at most 5,000 points') }),
  ]).default('cells'),
});
export type AccessBestSitesInput = z.input<typeof accessBestSitesSchema>;

/** A file of the analysis on screen: the per-area table or the map layer's cells, as CSV or GeoJSON. */
export const accessDownloadSchema = accessParamsSchema.extend({
  what: z.enum(['table', 'layer'], { error: 'what must be table or layer' }),
  format: z.enum(['csv', 'geojson'], { error: 'format must be csv or geojson' }),
});
export type AccessDownloadInput = z.input<typeof accessDownloadSchema>;

/** Turn a best next site, or a low-access area of the table, into an open challenge. */
export const accessToChallengeSchema = z.object({
  /** The audit to raise it at; by default the open or draft audit whose area holds the place. */
  auditId: idSchema.optional(),
  target: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('site'), point: lonLat, people: z.number().min(0), rank: z.number().int().min(1).max(20).optional(),
      /** Who may see the challenge: a best site chosen among members' sites stays with members. */
      visibility: tierSchema.default('public'),
    }),
    z.object({
      kind: z.literal('area'),
      /** The area's id in the access table (a tract id, an area id…). */
      zoneId: z.string().min(1).max(200),
      name: z.string().max(200).default(''),
      point: lonLat,
      people: z.number().min(0),
      share: z.number().min(0).max(1).nullable().default(null),
    }),
  ], { error: 'target must be a best site (kind "site") or a low-access area (kind "area")' }),
  /** A plain description of the analysis behind it ("walking, 0.5mi, pantries and fridges"). */
  basis: z.string().max(500).default(''),
});
export type AccessToChallengeInput = z.input<typeof accessToChallengeSchema>;

// ─── Outputs ───────────────────────────────────────────────────────────────────────────

export interface AccessLayerInfo {
  layer: string;
  /** The layer's name in words ("Demo blocks"), for people rather than programs. */
  label: string;
  count: number;
  /** Properties seen on the layer's features, with up to 12 distinct values each (for a filter). */
  properties: { name: string; values: string[] }[];
  /** Whether the features are polygons with a population property (usable as population). */
  population: { property: string; lowIncomeProperty: string | null } | null;
  /** Whether the features are points (or polygons) usable as sources. */
  sources: boolean;
  /** Whether the features are lines (usable as a walking network). */
  streets: boolean;
}

export interface AccessLayers {
  layers: AccessLayerInfo[];
  areaKinds: { kind: string; count: number; withPopulation: number }[];
  /** Where walking distances come from, or null when the server has no street network. */
  network: { kind: 'basemap' | 'layer'; name: string } | null;
  /** Whether building footprints can weight the grid (the server's basemap has a buildings layer). */
  buildings: boolean;
  defaults: { functionTypes: string[]; threshold: string; cellSize: string };
  /** The network's chosen population layer (null when none is chosen or it is not visible), the default population. */
  populationLayer: string | null;
}

export interface AccessAreaRow {
  id: string;
  name: string;
  population: number | null;
  beyond: number | null;
  share: number | null;
  lowAccess: boolean | null;
  /** Low income and low access; null where the area carries no low-income flag. */
  lila: boolean | null;
  /** A point inside the area (its centroid), to fly to or to raise a challenge at. */
  point: [number, number];
  /** USDA mode: low access at each Atlas distance, and the three low-income-low-access measures. */
  usda: AccessUsdaRow | null;
}

export interface AccessUsdaRow {
  lowAccess: Record<'0.5mi' | '1mi' | '10mi' | '20mi', boolean | null>;
  lila: Record<'0.5mi_10mi' | '1mi_10mi' | '1mi_20mi', boolean | null>;
}

export interface AccessDownload {
  fileName: string;
  contentType: string;
  text: string;
}

export interface AccessCells {
  /** Cell centres and the people in each, in parallel arrays (one entry per cell). */
  lon: number[];
  lat: number[];
  population: number[];
  /** Metres to the nearest source (straight or walking); null where none can be reached. */
  distance: (number | null)[];
}

export interface AccessResult {
  key: string;
  mode: 'line' | 'walk' | 'usda';
  weightBy: 'even' | 'buildings';
  threshold: number;
  thresholdLabel: string;
  cellSize: number;
  /** Half a cell in degrees, [longitude, latitude], to draw each cell as a square. */
  cellHalf: [number, number];
  cells: AccessCells;
  table: { by: string; rows: AccessAreaRow[]; withLowIncome: boolean };
  /** lilaAreas: low income and low access (USDA mode: the Atlas's main measure, 1 mile urban and 10 miles rural). */
  totals: { population: number; beyond: number; share: number | null; lowAccessAreas: number; lilaAreas: number; areas: number };
  sources: { lon: number; lat: number; name: string }[];
  notes: string[];
  /** Unsolved food-access challenges this analysis shows are met, with the reason (proposed for closing). */
  closures: { challengeId: string; title: string; reason: string; version: number }[];
  /** The walking network, in walk mode: where its streets come from, and whether it was built for this analysis or reused. */
  network: AccessNetworkInfo | null;
  elapsedMs: number;
}

export interface AccessNetworkInfo {
  /** Where the streets come from, in words. */
  source: string;
  lines: number;
  nodes: number;
  /** True when the street graph was built before, for an earlier analysis, and kept. */
  reused: boolean;
  /** Time spent building the street graph for this analysis; 0 when reused. */
  builtMs: number;
}

export interface AccessWhatIfResult {
  peopleReached: number;
  cells: { lon: number[]; lat: number[] };
  elapsedMs: number;
}

export interface AccessBestSite {
  rank: number;
  lon: number;
  lat: number;
  peopleReached: number;
  cellCount: number;
  /** The candidate's name, where it was a site of the map. */
  name: string | null;
  /** The tier of the site it stands on (public for grid cells and points given). */
  visibility: 'public' | 'members' | 'stewards';
  cells: { lon: number[]; lat: number[] };
}

export interface AccessBestSitesResult {
  sites: AccessBestSite[];
  totalReached: number;
  candidates: number;
  elapsedMs: number;
}
