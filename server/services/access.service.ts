import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { readBuildingFootprints, readStreetNetwork, type StreetLines } from '../access/readStreetNetwork';
import type { ChallengeView } from '../privacy/auditPresenter';
import { assertMayGiveTier, challengeTier } from '../privacy/policy';
import { audienceOf, requireRole, type Actor } from './context';
import { chosenPopulationLayer } from './networkSettings';
import { layerLabel } from '../../shared/access/layerLabel';
import { logChange, type SiteService } from './site.service';
import type { ChallengeService } from './challenge.service';
import {
  choosePopulationProperties, LOW_INCOME_PROPERTY_NAMES, POPULATION_PROPERTY_NAMES,
  matchesFilter, pickProperty, populationFromFeatures, readFlagValue, sourcePosition, type PopulationFeatures, type PopulationProperties, type StoredFeature,
} from '../../shared/access/accessFeatures';
import { accessTableCsv, accessTableGeoJson } from '../../shared/access/accessTable';
import { accessLayerCsv, accessLayerGeoJson } from '../../shared/access/accessLayerFiles';
import { analysisPlane, areasBBox, type FoodAccess } from '../../shared/access/analyseFoodAccess';
import { bestNextSites, underservedCellCandidates } from '../../shared/access/bestNextSites';
import type { AreaAccess } from '../../shared/access/classifyAreas';
import { cellPositions, compactCells } from '../../shared/access/compactAccessCells';
import { foodAccessResults, type FoodAccessResults, type TableAreas } from '../../shared/access/foodAccessResults';
import { createLocalPlane, fromPlane, toPlane, type LocalPlane } from '../../shared/geo/localPlane';
import { isOpenAt, parseOpeningHours, parseWeekMoment, type WeekMoment } from '../../shared/access/openingHours';
import { formatDistance, parseDistance } from '../../shared/access/parseDistance';
import { proposeFoodAccessClosures } from '../../shared/access/proposeFoodAccessClosures';
import { USDA_THRESHOLDS, type UsdaAreaAccess } from '../../shared/access/usdaFoodAccess';
import { createWhatIfContext, whatIfSite, type WhatIfContext } from '../../shared/access/whatIfSite';
import { createChallenge } from '../../shared/audit/challengeLifecycle';
import { assertAuditEditable } from '../../shared/audit/auditLifecycle';
import { buildWalkingNetwork, type WalkingNetwork } from '../../shared/network/buildWalkingNetwork';
import { walkingNetworkOnPlane } from '../../shared/network/walkingNetworkOnPlane';
import { pointInPolygon } from '../../shared/geo/measure';
import { KudzuError } from '../../shared/errors';
import { representativePoint } from '../../shared/privacy/degradeLocation';
import type { Tier } from '../../shared/privacy/roles';
import {
  accessBestSitesSchema, accessDownloadSchema, accessParamsSchema, accessToChallengeSchema, accessWhatIfSchema, DEFAULT_FOOD_FUNCTION_TYPES,
  type AccessAreaRow, type AccessBestSitesInput, type AccessBestSitesResult, type AccessDownload, type AccessDownloadInput, type AccessLayerInfo, type AccessLayers,
  type AccessNetworkInfo, type AccessParams, type AccessParamsInput, type ResolvedAccessParams, type AccessResult, type AccessToChallengeInput, type AccessUsdaRow,
  type AccessWhatIfInput, type AccessWhatIfResult,
} from '../../shared/schemas/access';
import { siteFilterSchema } from '../../shared/schemas/site';
import { auditOf, placeAtPoint } from './auditRows';

export interface AccessServiceOptions {
  /**
   * A PMTiles basemap whose `roads` layer is the walking network (the server's `--basemap`
   * file). Without one, walking distances use a reference layer of street lines if there is
   * one (the demo's `demo_streets`).
   */
  basemapFile?: string;
}

/** Smallest and largest cells, and the most cells a grid may cover. */
const MIN_CELL = 10;
const MAX_CELL = 5000;
const MAX_GRID_CELLS = 4_000_000;
/** How many analyses (per parameters and audience) stay in memory for instant what-ifs. */
const CACHE_SIZE = 8;
/** Candidate grid blocks for best sites: one candidate per block this many cells across. */
const CANDIDATE_CELLS = 2;
/** How many analysis planes (one per population extent) keep a copy of the walking network. */
const NETWORK_PLANES = 4;

interface Analysis {
  readonly key: string;
  readonly access: FoodAccess;
  /** The shared pipeline's results: the table the command line writes, for downloads. */
  readonly results: FoodAccessResults;
  /** The table's polygons, in the table's order, for the GeoJSON download. */
  readonly geometries: readonly (Polygon | MultiPolygon)[];
  readonly context: WhatIfContext;
  readonly result: AccessResult;
}

/** The walking network built from one street source, kept until that source changes. */
interface StreetNetwork {
  /** The source and a fingerprint of its contents (file size and time, or layer fingerprint). */
  readonly key: string;
  /** Where the streets come from, in words. */
  readonly source: string;
  readonly built: Promise<{ network: WalkingNetwork; lineCount: number; builtMs: number }>;
  /** The network moved onto the planes of recent analyses, by plane origin. */
  readonly onPlane: Map<string, WalkingNetwork>;
}

interface Sources {
  positions: Position[];
  names: string[];
  notes: string[];
}

/**
 * Food access on the app's own data: population from a reference layer or the map's areas,
 * sources from the sites the viewer may see (at the position they are shown) or from a
 * reference layer, straight-line or walking. The last analyses are kept in memory, keyed by
 * their parameters and the viewer's audience, so what-ifs and best sites reuse them.
 */
export class AccessService {
  private readonly cache = new Map<string, Analysis>();
  private streets: StreetNetwork | null = null;
  private footprints: { key: string; read: Promise<{ footprints: Position[][] }> } | null = null;

  constructor(
    private readonly db: Store,
    private readonly sites: SiteService,
    private readonly challenges: ChallengeService,
    private readonly options: AccessServiceOptions = {},
  ) {}

  /** What can be analysed: reference layers (population, sources, streets), kinds of area, the network. */
  async layers(actor: Actor): Promise<AccessLayers> {
    const repos = repositories(this.db);
    const { tiers } = audienceOf(actor);
    const layers: AccessLayerInfo[] = [];
    for (const { layer, count } of await repos.references.layers(tiers)) {
      layers.push(describeLayer(layer, count, await repos.references.layer(layer, tiers)));
    }
    const areaKinds = new Map<string, { count: number; withPopulation: number }>();
    for (const area of await repos.areas.list()) {
      const entry = areaKinds.get(area.kind) ?? { count: 0, withPopulation: 0 };
      entry.count++;
      if (area.population !== null) entry.withPopulation++;
      areaKinds.set(area.kind, entry);
    }
    const streets = layers.find((layer) => layer.streets);
    return {
      layers,
      areaKinds: [...areaKinds].map(([kind, entry]) => ({ kind, ...entry })),
      network: this.options.basemapFile ? { kind: 'basemap', name: 'the basemap’s roads' } : streets ? { kind: 'layer', name: streets.label } : null,
      buildings: this.options.basemapFile !== undefined,
      defaults: { functionTypes: [...DEFAULT_FOOD_FUNCTION_TYPES], threshold: '0.5mi', cellSize: '100m' },
      populationLayer: await chosenPopulationLayer(repos, tiers),
    };
  }

  /** Runs the analysis afresh (the map may have changed) and keeps it for what-ifs. */
  async analyse(actor: Actor, input: AccessParamsInput): Promise<AccessResult> {
    return (await this.compute(actor, await this.settle(actor, input))).result;
  }

  /**
   * The parameters with the population settled: as given, or else the network's chosen
   * population layer; with neither, a BAD_INPUT that says where to choose one.
   */
  private async settle(actor: Actor, input: AccessParamsInput): Promise<ResolvedAccessParams> {
    const params = accessParamsSchema.parse(input);
    if (params.population) return { ...params, population: params.population };
    const chosen = await chosenPopulationLayer(repositories(this.db), audienceOf(actor).tiers);
    if (chosen === null) {
      throw new KudzuError('BAD_INPUT', 'population: the network has no population layer yet; a steward chooses one in Set-up, step 2 “Where people live”, or choose a layer of population polygons or the map’s areas for this analysis', { field: 'population' });
    }
    return { ...params, population: { kind: 'layer', layer: chosen } };
  }

  /** Who one more site at `point` would bring within the threshold, and where. */
  async whatIf(actor: Actor, input: AccessWhatIfInput): Promise<AccessWhatIfResult> {
    const { point, ...rest } = accessWhatIfSchema.parse(input);
    const analysis = await this.cached(actor, rest);
    const started = performance.now();
    const [x, y] = toPlane(analysis.access.plane, point);
    const outcome = whatIfSite(analysis.context, x, y);
    const cells = cellPositions(analysis.access.plane, analysis.access.grid, outcome.cells);
    return { peopleReached: roundPeople(outcome.peopleReached), cells, elapsedMs: elapsed(started) };
  }

  /** The k places that together bring the most people within the threshold (greedy maximum coverage). */
  async bestSites(actor: Actor, input: AccessBestSitesInput): Promise<AccessBestSitesResult> {
    const { k, candidates, ...rest } = accessBestSitesSchema.parse(input);
    const analysis = await this.cached(actor, rest);
    const { plane } = analysis.access;
    let names: (string | null)[] = [];
    let tiers: Tier[] = [];
    let points: { x: Float64Array; y: Float64Array };
    if (candidates === 'cells') {
      points = underservedCellCandidates(analysis.context, analysis.result.cellSize * CANDIDATE_CELLS);
    } else if (candidates === 'sites') {
      const visible = (await this.sites.list(actor, siteFilterSchema.parse({ status: 'active' }))).filter((site) => site.geometry !== null);
      if (visible.length === 0) throw new KudzuError('BAD_INPUT', 'candidates: there are no sites on the map to consider; use grid cells or give points', { field: 'candidates' });
      const positions = visible.map((site) => toPlane(plane, representativePoint(site.geometry!)));
      points = { x: Float64Array.from(positions, (p) => p[0]), y: Float64Array.from(positions, (p) => p[1]) };
      names = visible.map((site) => site.name);
      tiers = visible.map((site) => site.visibility);
    } else {
      const positions = candidates.points.map((p) => toPlane(plane, p));
      points = { x: Float64Array.from(positions, (p) => p[0]), y: Float64Array.from(positions, (p) => p[1]) };
    }
    const started = performance.now();
    const picks = bestNextSites(analysis.context, points, k);
    const sites = picks.map((pick, index) => {
      const [lon, lat] = fromPlane(plane, pick.x, pick.y);
      const cells = cellPositions(plane, analysis.access.grid, pick.cells);
      return {
        rank: index + 1, lon: round6(lon), lat: round6(lat), peopleReached: roundPeople(pick.peopleReached), cellCount: cells.lon.length,
        name: names[pick.candidate] ?? null, visibility: tiers[pick.candidate] ?? 'public', cells,
      };
    });
    return {
      sites,
      totalReached: roundPeople(picks.reduce((sum, pick) => sum + pick.peopleReached, 0)),
      candidates: points.x.length,
      elapsedMs: elapsed(started),
    };
  }

  /**
   * One click from analysis to action: a best next site or a low-access area becomes an open
   * challenge (source `food_access`) of the draft or open audit whose area holds the place.
   */
  async toChallenge(actor: Actor, input: AccessToChallengeInput): Promise<ChallengeView> {
    requireRole(actor, 'member', 'turning a food-access finding into a challenge');
    const { target, auditId, basis } = accessToChallengeSchema.parse(input);
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      const audit = await auditFor(repos, target.point, auditId);
      const people = Math.round(target.people);
      const zoneId = target.kind === 'site' ? `site:${target.point[0].toFixed(5)},${target.point[1].toFixed(5)}` : target.zoneId;
      const title = target.kind === 'site'
        ? `Open a food source here: it would bring ${people.toLocaleString('en')} people within reach`
        : `Low food access in ${target.name || target.zoneId}: ${people.toLocaleString('en')} people live too far from food`;
      const description = [
        target.kind === 'site'
          ? `Best next site${target.rank ? ` no. ${target.rank}` : ''} from the food-access analysis, at ${target.point[1].toFixed(5)}, ${target.point[0].toFixed(5)}.`
          : `${target.name || target.zoneId} is low access${target.share !== null ? `: ${Math.round(target.share * 100)} % of its people` : ''} live beyond the threshold.`,
        basis ? `Analysis: ${basis}.` : '',
      ].filter(Boolean).join(' ');
      const challenge = createChallenge({
        id, auditId: audit.id, title, description, domain: 'food',
        source: { kind: 'food_access', zoneId, people },
        location: { kind: 'area', areaId: audit.areaId }, dueOn: audit.nextAuditOn,
      }, { at: actor.now.toISOString(), by: actor.viewer.displayName ?? actor.viewer.userId });
      // The place is computed from public data (grid cells, population polygons, points given), so
      // the public may see where it is; a site chosen from the map keeps that site's tier.
      const visibility = challengeTier('public', target.kind === 'site' ? target.visibility : null);
      assertMayGiveTier(actor, visibility, 'target.visibility');
      await repos.challenges.insert({ challenge, place: placeAtPoint(audit.areaId, visibility, target.point), proposalKey: `food_access:${zoneId}` });
      await logChange(repos, actor, 'create', { id, visibility }, `raised the challenge “${title}”`, 'challenge');
    });
    return this.challenges.get(actor, id);
  }

  /**
   * The analysis on screen as a file: the per-area table (the same table, columns and CSV the
   * command line writes) or the map layer's cells, as CSV or GeoJSON.
   */
  async download(actor: Actor, input: AccessDownloadInput): Promise<AccessDownload> {
    const { what, format, ...rest } = accessDownloadSchema.parse(input);
    const analysis = await this.cached(actor, rest);
    const base = `food-access-${rest.mode}-${analysis.result.thresholdLabel.replace(/[^\w.]+/g, '')}-${what}`;
    if (what === 'table') {
      return format === 'csv'
        ? { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', text: accessTableCsv(analysis.results.table) }
        : { fileName: `${base}.geojson`, contentType: 'application/geo+json', text: accessTableGeoJson(analysis.results.table, analysis.geometries) };
    }
    const { cells, cellHalf, threshold } = analysis.result;
    return format === 'csv'
      ? { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', text: accessLayerCsv(cells, threshold) }
      : { fileName: `${base}.geojson`, contentType: 'application/geo+json', text: accessLayerGeoJson(cells, cellHalf, threshold) };
  }

  private async cached(actor: Actor, input: AccessParamsInput): Promise<Analysis> {
    const params = await this.settle(actor, input);
    const hit = this.cache.get(cacheKey(actor, String(await repositories(this.db).privacyGeneration.current()), params));
    if (hit) return hit;
    return this.compute(actor, params);
  }

  private async compute(actor: Actor, params: ResolvedAccessParams): Promise<Analysis> {
    const threshold = parseDistance(params.threshold, 'threshold');
    const cellSize = parseDistance(params.cellSize, 'cellSize');
    if (cellSize < MIN_CELL || cellSize > MAX_CELL) {
      throw new KudzuError('BAD_INPUT', `cellSize: ${params.cellSize} is outside ${MIN_CELL} m to ${MAX_CELL / 1000} km`, { field: 'cellSize' });
    }
    const openAt = params.openAt ? parseWeekMoment(params.openAt) : undefined;
    if (openAt === null) throw new KudzuError('BAD_INPUT', `openAt: "${params.openAt}" is not a weekday and time like "Sa 11:00"`, { field: 'openAt' });
    if (params.mode === 'usda' && params.tableBy.kind !== 'population') {
      throw new KudzuError('BAD_INPUT', 'tableBy: USDA mode classifies the population polygons (tracts) themselves, as the Atlas does; table by the population polygons or choose another distance', { field: 'tableBy' });
    }
    const repos = repositories(this.db);
    const { tiers } = audienceOf(actor);
    const population = await this.population(repos, tiers, params);
    checkGridSize(population.areas, cellSize);
    const sources = await this.sources(repos, actor, params, openAt);
    const walking = params.mode === 'walk' ? await this.network(repos, tiers, analysisPlane(population.areas)) : undefined;
    const buildings = params.weightBy === 'buildings' ? await this.buildings() : undefined;
    const tableAreas = params.tableBy.kind === 'areas' ? await this.tableAreas(repos, params.tableBy.areaKind) : undefined;

    const started = performance.now();
    const results = foodAccessResults({
      population: { areas: population.areas, ids: population.ids, idColumn: population.properties.id ?? 'id', withLowIncome: population.properties.lowIncome !== null },
      sources: sources.positions,
      network: walking?.network,
      buildings: buildings?.footprints,
      tableAreas: tableAreas?.table,
    }, { mode: params.mode, threshold, cellSize });
    const access = results.access;
    const shownThreshold = results.threshold;
    const labels = tableAreas ?? { names: population.names, points: population.points };
    const rows = results.areas.map((area, index) => areaRow(results.ids[index], labels.names[index], labels.points[index], area, results.usda?.[index] ?? null));
    const table: AccessResult['table'] = {
      by: tableAreas ? `${params.tableBy.kind === 'areas' ? params.tableBy.areaKind : ''} areas` : params.population.kind === 'layer' ? params.population.layer : params.population.areaKind,
      rows,
      withLowIncome: results.withLowIncome,
    };
    const context = createWhatIfContext(access.grid, access.distance, shownThreshold, access.network);
    const notes = [...population.notes, ...sources.notes];
    if (params.mode === 'usda') {
      notes.push(`USDA Food Access Research Atlas rules: straight-line distance to the nearest source at ½ and 1 mile (urban) and 10 and 20 miles (rural); the map shows ½ mile${cellSize === 500 ? '' : `; ${formatDistance(cellSize)} cells instead of the Atlas’s 500 m`}`);
      if (population.properties.urban === null) notes.push('no urban flag on the population polygons, so the low-income-and-low-access measures stay empty');
    }
    if (buildings) notes.push(`people spread by the footprints of ${buildings.footprints.length.toLocaleString('en')} buildings from the basemap`);
    if (walking) {
      notes.push(`walking along ${walking.info.lines.toLocaleString('en')} street lines from ${walking.info.source}; `
        + `street graph of ${walking.info.nodes.toLocaleString('en')} nodes ${walking.info.reused ? 'reused (built once, kept until the streets change)' : `built in ${Math.round(walking.info.builtMs).toLocaleString('en')} ms`}`);
    }
    let total = 0, beyond = 0;
    for (let i = 0; i < access.grid.cellCount; i++) {
      total += access.grid.population[i];
      if (access.distance[i] > shownThreshold) beyond += access.grid.population[i];
    }
    const key = cacheKey(actor, String(await repos.privacyGeneration.current()), params);
    const closures = await this.closures(actor, rows, access, shownThreshold, basisOf(params, shownThreshold));
    const result: AccessResult = {
      key,
      mode: params.mode,
      weightBy: params.weightBy,
      threshold: shownThreshold,
      thresholdLabel: formatDistance(shownThreshold),
      cellSize,
      cellHalf: [cellSize / 2 / access.plane.metresPerDegreeLongitude, cellSize / 2 / access.plane.metresPerDegreeLatitude],
      cells: compactCells(access.plane, access.grid, access.distance),
      table,
      totals: {
        population: roundPeople(total), beyond: roundPeople(beyond), share: total > 0 ? Math.round((beyond / total) * 10_000) / 10_000 : null,
        lowAccessAreas: rows.filter((row) => row.lowAccess).length, lilaAreas: rows.filter((row) => row.lila).length, areas: rows.length,
      },
      sources: sources.positions.map(([lon, lat], index) => ({ lon: round6(lon), lat: round6(lat), name: sources.names[index] })),
      notes,
      closures,
      network: walking?.info ?? null,
      elapsedMs: 0,
    };
    result.elapsedMs = elapsed(started);
    const analysis: Analysis = { key: result.key, access, context, result, results, geometries: tableAreas?.table.geometries ?? population.areas.map((area) => area.geometry) };
    this.cache.delete(result.key);
    this.cache.set(result.key, analysis);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return analysis;
  }

  /**
   * The database reader of the food-access pipeline: population polygons from a reference
   * layer or the map's areas, read with the same property choice and repair as the command
   * line's file reader (`populationFromFeatures`).
   */
  private async population(repos: Repositories, tiers: readonly Tier[], params: ResolvedAccessParams): Promise<PopulationFeatures & { properties: PopulationProperties; notes: string[] }> {
    const source = params.population;
    let features: StoredFeature[];
    let properties: PopulationProperties;
    let what: string;
    const field = source.kind === 'layer' ? 'population.layer' : 'population.areaKind';
    if (source.kind === 'layer') {
      features = await repos.references.layer(source.layer, tiers);
      if (features.length === 0) throw await noSuchLayer(repos, tiers, source.layer, 'population.layer');
      for (const [name, given] of [['populationProperty', source.populationProperty], ['lowIncomeProperty', source.lowIncomeProperty]] as const) {
        if (given && !features.some((feature) => given in feature.properties)) {
          throw new KudzuError('BAD_INPUT', `population.${name}: no feature of “${source.layer}” has the property “${given}”`, { field: `population.${name}` });
        }
      }
      properties = choosePopulationProperties(features, { population: source.populationProperty, lowIncome: source.lowIncomeProperty });
      if (properties.population === null) {
        throw new KudzuError('BAD_INPUT', `population.layer: “${source.layer}” has no population property (looked for ${POPULATION_PROPERTY_NAMES.join(', ')}); name it in populationProperty`, { field: 'population.layer' });
      }
      what = `the layer “${layerLabel(source.layer)}”`;
    } else {
      const rows = await repos.areas.list(source.areaKind);
      if (rows.length === 0) throw new KudzuError('BAD_INPUT', `population.areaKind: there are no areas of kind “${source.areaKind}”`, { field: 'population.areaKind' });
      features = rows.map((area) => ({ id: area.id, name: area.name, geometry: area.geometry, properties: { ...area.properties, population: area.population } }));
      properties = choosePopulationProperties(features, { population: 'population' });
      what = `the ${source.areaKind} areas`;
    }
    const read = populationFromFeatures(features, properties);
    const [bad] = read.badCounts;
    if (bad) {
      const feature = features[bad.index];
      throw new KudzuError('BAD_INPUT', `${field}: ${feature.name ?? `feature ${feature.id}`} of ${what} has ${properties.population} = ${JSON.stringify(bad.value)}, not a count of people`, { field });
    }
    if (read.areas.length === 0) throw new KudzuError('BAD_INPUT', `${field}: ${what} holds no polygons, so there is no one to place on the grid`, { field });
    if (read.missingPopulation.length === read.areas.length) throw new KudzuError('BAD_INPUT', `${field}: no polygon of ${what} has a population in “${properties.population}”`, { field });
    const notes = [`population from ${what}: ${read.areas.length} polygons, “${properties.population}”${properties.lowIncome ? `, low income “${properties.lowIncome}”` : ', no low-income flag'}`];
    if (read.missingPopulation.length > 0) notes.push(`${read.missingPopulation.length} polygons have no population and are reported empty`);
    if (read.repaired.length > 0) notes.push(`${read.repaired.length} self-intersecting polygons were repaired`);
    if (read.skipped > 0) notes.push(`${read.skipped} features that are not polygons were left out`);
    return { ...read, properties, notes };
  }

  /** The map's areas of one kind, to classify instead of the population polygons. */
  private async tableAreas(repos: Repositories, areaKind: string): Promise<{ table: TableAreas; names: string[]; points: [number, number][] }> {
    const areas = await repos.areas.list(areaKind);
    if (areas.length === 0) throw new KudzuError('BAD_INPUT', `tableBy.areaKind: there are no areas of kind “${areaKind}”`, { field: 'tableBy.areaKind' });
    const lowIncome = pickProperty(areas, LOW_INCOME_PROPERTY_NAMES);
    return {
      table: {
        ids: areas.map((area) => area.id),
        geometries: areas.map((area) => area.geometry),
        lowIncome: areas.map((area) => (lowIncome ? readFlagValue(area.properties[lowIncome]) : null)),
        withLowIncome: lowIncome !== null,
        idColumn: 'id',
      },
      names: areas.map((area) => area.name),
      points: areas.map((area) => [area.centre.lon, area.centre.lat]),
    };
  }

  private async sources(repos: Repositories, actor: Actor, params: AccessParams, openAt: WeekMoment | undefined): Promise<Sources> {
    const source = params.sources;
    const positions: Position[] = [];
    const names: string[] = [];
    const notes: string[] = [];
    let hoursUnknown = 0, closed = 0, unplaced = 0;
    const keep = (position: Position | null, name: string, hours: unknown) => {
      if (!position) { unplaced++; return; }
      if (openAt) {
        const parsed = typeof hours === 'string' && hours.trim() !== '' ? parseOpeningHours(hours) : null;
        if (!parsed || !parsed.ok) hoursUnknown++;
        else if (!isOpenAt(parsed.schedule, openAt)) { closed++; return; }
      }
      positions.push(position);
      names.push(name);
    };
    let described: string;
    if (source.kind === 'sites') {
      const known = new Set((await repos.taxonomy.functionTypes()).map((type) => type.id));
      const unknown = source.functionTypes.find((type) => !known.has(type));
      if (unknown) throw new KudzuError('BAD_INPUT', `sources.functionTypes: “${unknown}” is not a function type`, { field: 'sources.functionTypes' });
      // The sites this viewer may see, at the position they are shown: a distance field centred on
      // a hidden or degraded site's real location would reveal it.
      const sites = await this.sites.list(actor, siteFilterSchema.parse({ functionTypes: source.functionTypes, status: 'active' }));
      for (const site of sites) keep(site.geometry ? representativePoint(site.geometry) : null, site.name, site.openingHours);
      described = `${sites.length} sites (${source.functionTypes.map((type) => type.replace(/_/g, ' ')).join(', ')})`;
      if (sites.some((site) => site.locationDegraded)) notes.push('some sources are measured from the approximate position shown on the map');
    } else {
      const { tiers } = audienceOf(actor);
      const features = await repos.references.layer(source.layer, tiers);
      if (features.length === 0) throw await noSuchLayer(repos, tiers, source.layer, 'sources.layer');
      const { property, values } = source;
      if (property && !features.some((feature) => property in feature.properties)) {
        throw new KudzuError('BAD_INPUT', `sources.property: no feature of “${source.layer}” has the property “${property}”`, { field: 'sources.property' });
      }
      if (property && (!values || values.length === 0)) throw new KudzuError('BAD_INPUT', `sources.values: say which values of “${property}” count, e.g. supermarket`, { field: 'sources.values' });
      let matched = 0;
      for (const feature of features) {
        if (property && !matchesFilter(feature.properties, property, values!)) continue;
        matched++;
        keep(sourcePosition(feature.geometry), feature.name ?? String(feature.properties.name ?? ''), feature.properties.opening_hours);
      }
      described = `${matched} of ${features.length} features of “${layerLabel(source.layer)}”${property ? ` where ${property} = ${values!.join(' or ')}` : ''}`;
    }
    if (openAt) notes.push(`open at ${params.openAt}: ${closed} closed sources left out; ${hoursUnknown} kept without readable opening hours`);
    if (unplaced > 0) notes.push(`${unplaced} sources have no position to measure from and were left out`);
    if (positions.length === 0) {
      throw new KudzuError('BAD_INPUT', `sources: no sources to measure distances to (${described}${openAt ? `, ${closed} closed at ${params.openAt}` : ''}); choose other kinds of site or another layer`, { field: 'sources' });
    }
    notes.unshift(`sources: ${positions.length} from ${described}`);
    return { positions, names, notes };
  }

  /**
   * The walking network on the analysis plane. The street graph is built once per street
   * source (the basemap file, or the first reference layer of street lines) and kept until
   * that source changes; only moving it onto a new analysis plane is redone, and that too is
   * kept for the last few planes.
   */
  private async network(repos: Repositories, tiers: readonly Tier[], plane: LocalPlane): Promise<{ network: WalkingNetwork; info: AccessNetworkInfo }> {
    const { entry, reused } = this.keptStreets(await this.locateStreets(repos, tiers));
    const { network: base, lineCount, builtMs } = await entry.built;
    const planeKey = `${plane.originLongitude},${plane.originLatitude}`;
    let network = entry.onPlane.get(planeKey);
    if (!network) network = walkingNetworkOnPlane(base, plane);
    entry.onPlane.delete(planeKey);
    entry.onPlane.set(planeKey, network);
    while (entry.onPlane.size > NETWORK_PLANES) entry.onPlane.delete(entry.onPlane.keys().next().value as string);
    return {
      network,
      info: { source: entry.source, lines: lineCount, nodes: base.graph.nodeCount, reused, builtMs: reused ? 0 : builtMs },
    };
  }

  /**
   * The walking street network as built (and kept) for walking analyses, or null when there
   * is no street network: for other screens that give a walking distance beside a straight one.
   */
  async walkingNetwork(actor: Actor): Promise<WalkingNetwork | null> {
    const repos = repositories(this.db);
    const located = await this.locateStreets(repos, audienceOf(actor).tiers).catch(() => null);
    if (!located) return null;
    const { entry } = this.keptStreets(located);
    return (await entry.built).network;
  }

  /** The street network for these streets: the one kept, or a new build that is then kept. */
  private keptStreets(located: { key: string; source: string; read: () => Promise<StreetLines> }): { entry: StreetNetwork; reused: boolean } {
    const kept = this.streets;
    if (kept && kept.key === located.key) return { entry: kept, reused: true };
    const built = located.read().then((lines) => {
      const started = performance.now();
      const network = buildWalkingNetwork(lines.lines, { snapTolerance: lines.snapTolerance, nodeCrossings: lines.nodeCrossings });
      return { network, lineCount: lines.lines.length, builtMs: elapsed(started) };
    });
    const fresh: StreetNetwork = { key: located.key, source: located.source, built, onPlane: new Map() };
    built.catch(() => { if (this.streets === fresh) this.streets = null; });
    this.streets = fresh;
    return { entry: fresh, reused: false };
  }

  /** Where the walking streets come from, a key that changes when they do, and how to read them. */
  private async locateStreets(repos: Repositories, tiers: readonly Tier[]): Promise<{ key: string; source: string; read: () => Promise<StreetLines> }> {
    if (this.options.basemapFile) {
      const file = this.options.basemapFile;
      const { size, mtimeMs } = await stat(file);
      return { key: `basemap|${file}|${size}|${mtimeMs}`, source: 'the basemap’s roads', read: () => readStreetNetwork(file) };
    }
    for (const { layer } of await repos.references.layers(tiers)) {
      if (!/street|road/i.test(layer)) continue;
      const key = `layer|${layer}|${await repos.references.layerFingerprint(layer)}`;
      const source = `the reference layer “${layer}”`;
      // The layer the kept network was built from, unchanged: it has street lines, and they need not be read again.
      const built = this.streets?.key === key;
      const lines = built ? [] : (await repos.references.layer(layer, tiers)).flatMap((feature) => streetLines(feature.geometry));
      if (built || lines.length > 0) return { key, source, read: async () => ({ format: 'pmtiles', lines, snapTolerance: 1, nodeCrossings: true }) };
    }
    throw new KudzuError('BAD_INPUT', 'mode: walking needs a street network; start the server with --basemap <file.pmtiles> (its roads layer) or import street lines as a reference layer named …streets', { field: 'mode' });
  }

  /**
   * Building footprints from the basemap's buildings layer, read once per basemap file (and
   * again when the file changes).
   */
  private async buildings(): Promise<{ footprints: Position[][] }> {
    const file = this.options.basemapFile;
    if (!file) {
      throw new KudzuError('BAD_INPUT', 'weightBy: building footprints come from the basemap’s buildings; start the server with --basemap <file.pmtiles>, or spread people evenly', { field: 'weightBy' });
    }
    const { size, mtimeMs } = await stat(file);
    const key = `${file}|${size}|${mtimeMs}`;
    if (this.footprints?.key !== key) {
      const read = readBuildingFootprints(file).then((footprints) => ({ footprints }));
      const entry = { key, read };
      read.catch(() => { if (this.footprints === entry) this.footprints = null; });
      this.footprints = entry;
    }
    const { footprints } = await this.footprints.read;
    if (footprints.length === 0) throw new KudzuError('BAD_INPUT', 'weightBy: the basemap has no building footprints; spread people evenly', { field: 'weightBy' });
    return { footprints };
  }

  /** The viewer's unsolved food-access challenges that this analysis shows are met. */
  private async closures(actor: Actor, rows: readonly AccessAreaRow[], access: FoodAccess, threshold: number, basis: string): Promise<AccessResult['closures']> {
    const challenges = (await this.challenges.list(actor, {})).filter((challenge) => challenge.source.kind === 'food_access' && challenge.status !== 'solved');
    if (challenges.length === 0) return [];
    const areas = new Map(rows.map((row) => [row.id, row]));
    const proposals = proposeFoodAccessClosures(challenges, {
      areas, threshold, thresholdLabel: formatDistance(threshold), basis,
      distanceAt: (point) => distanceAt(access, point),
    });
    const byId = new Map(challenges.map((challenge) => [challenge.id, challenge]));
    return proposals.map((proposal) => {
      const challenge = byId.get(proposal.challengeId)!;
      return { challengeId: challenge.id, title: challenge.title, reason: proposal.reason, version: challenge.version };
    });
  }
}

/** A plain description of an analysis, for a challenge's text and a closing reason. */
function basisOf(params: AccessParams, threshold: number): string {
  const distance = params.mode === 'usda' ? 'USDA Atlas rules' : params.mode === 'walk' ? 'walking' : 'straight-line';
  const sources = params.sources.kind === 'sites'
    ? params.sources.functionTypes.map((type) => type.replace(/_/g, ' ')).join(', ')
    : `${layerLabel(params.sources.layer)}${params.sources.property ? ` where ${params.sources.property} = ${(params.sources.values ?? []).join(' or ')}` : ''}`;
  return `${distance}, ${formatDistance(threshold)}, sources: ${sources}`;
}

/**
 * Metres from a place to the nearest source as the analysis measured it: the distance of the
 * populated cell holding the place, else (no one lives there) the straight line.
 */
function distanceAt(access: FoodAccess, point: readonly [number, number]): number | null {
  const [x, y] = toPlane(access.plane, [point[0], point[1]]);
  const half = access.grid.spec.cellSize / 2;
  for (let i = 0; i < access.grid.cellCount; i++) {
    if (Math.abs(access.grid.x[i] - x) <= half && Math.abs(access.grid.y[i] - y) <= half) return Number.isFinite(access.distance[i]) ? access.distance[i] : null;
  }
  let best = Infinity;
  for (let i = 0; i < access.sourceX.length; i++) best = Math.min(best, Math.hypot(access.sourceX[i] - x, access.sourceY[i] - y));
  return Number.isFinite(best) ? best : null;
}

function cacheKey(actor: Actor, generation: string, params: AccessParams): string {
  // Sources from sites depend on who is looking (tiers and shown positions), so the audience is part
  // of the key, and so is the privacy generation: a kept analysis never outlives a tier or precision change.
  return `${audienceOf(actor).role}|${generation}|${JSON.stringify(params)}`;
}


async function noSuchLayer(repos: Repositories, tiers: readonly Tier[], layer: string, field: string): Promise<KudzuError> {
  const names = (await repos.references.layers(tiers)).map((entry) => entry.layer);
  return new KudzuError('BAD_INPUT', `${field}: there is no reference layer “${layer}”${names.length ? ` (there are: ${names.join(', ')})` : ' (none has been imported)'}`, { field });
}

function describeLayer(layer: string, count: number, features: StoredFeature[]): AccessLayerInfo {
  const values = new Map<string, Set<string>>();
  let polygons = 0, points = 0, lines = 0;
  for (const feature of features) {
    const type = feature.geometry.type;
    if (type === 'Polygon' || type === 'MultiPolygon') polygons++;
    else if (type === 'Point' || type === 'MultiPoint') points++;
    else if (type === 'LineString' || type === 'MultiLineString') lines++;
    for (const [name, value] of Object.entries(feature.properties)) {
      if (value === null || typeof value === 'object') continue;
      const seen = values.get(name) ?? new Set<string>();
      if (seen.size < 40) seen.add(String(value));
      values.set(name, seen);
    }
  }
  const populationProperty = polygons > 0 ? pickProperty(features, POPULATION_PROPERTY_NAMES) : null;
  return {
    layer,
    label: layerLabel(layer),
    count,
    properties: [...values].filter(([name]) => !['source', 'sourceRef'].includes(name))
      .map(([name, seen]) => ({ name, values: seen.size <= 30 ? [...seen].sort().slice(0, 30) : [] })),
    population: populationProperty ? { property: populationProperty, lowIncomeProperty: pickProperty(features, LOW_INCOME_PROPERTY_NAMES) } : null,
    sources: points + polygons > 0,
    streets: lines > 0 && /street|road/i.test(layer),
  };
}

function streetLines(geometry: Geometry): Position[][] {
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

function checkGridSize(areas: readonly { geometry: Polygon | MultiPolygon }[], cellSize: number): void {
  const bbox = areasBBox(areas);
  const plane = createLocalPlane(bbox);
  const [minX, minY] = toPlane(plane, [bbox[0], bbox[1]]);
  const [maxX, maxY] = toPlane(plane, [bbox[2], bbox[3]]);
  const cells = Math.ceil((maxX - minX) / cellSize + 1) * Math.ceil((maxY - minY) / cellSize + 1);
  if (cells > MAX_GRID_CELLS) {
    throw new KudzuError('BAD_INPUT', `cellSize: ${formatDistance(cellSize)} cells would make a grid of ${cells.toLocaleString('en')} cells over this population; choose larger cells`, { field: 'cellSize' });
  }
}

function areaRow(id: string, name: string, point: Position, area: AreaAccess, usda: UsdaAreaAccess | null): AccessAreaRow {
  return {
    id, name,
    population: area.population === null ? null : roundPeople(area.population),
    beyond: area.beyond === null ? null : roundPeople(area.beyond),
    share: area.share === null ? null : Math.round(area.share * 10_000) / 10_000,
    lowAccess: area.lowAccess,
    lila: usda ? usda.lowIncomeLowAccess['1mi_10mi'] : area.lowIncomeLowAccess,
    point: [round6(point[0]), round6(point[1])],
    usda: usda && {
      lowAccess: Object.fromEntries(USDA_THRESHOLDS.map(({ label }) => [label, usda.byThreshold[label].lowAccess])) as AccessUsdaRow['lowAccess'],
      lila: { ...usda.lowIncomeLowAccess },
    },
  };
}

/** The draft or open audit to raise a challenge at: the one named, or the latest whose area holds the point. */
async function auditFor(repos: Repositories, point: [number, number], auditId: string | undefined) {
  if (auditId) {
    const audit = await repos.audits.get(auditId);
    if (!audit) throw new KudzuError('NOT_FOUND', `auditId: no audit with id ${auditId}`, { field: 'auditId' });
    if (audit.status === 'published') throw new KudzuError('INVALID_STATE', 'auditId: that audit is published; raise the challenge at a draft or open audit', { field: 'auditId' });
    assertAuditEditable(auditOf(audit));
    return audit;
  }
  const editable = await repos.audits.summaries({ statuses: ['open', 'draft'] });
  const ranked = [...editable].sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
  for (const audit of ranked) {
    const area = await repos.areas.get(audit.areaId);
    if (area && pointInPolygon(point, area.geometry)) return audit;
  }
  throw new KudzuError('INVALID_STATE', 'auditId: no draft or open audit covers this place; start an audit of its area first, then raise the challenge', { field: 'auditId' });
}

function roundPeople(value: number): number {
  return Math.round(value * 10) / 10;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
