import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Database, ReferenceFeatureTable } from '../db/schema';
import { inTransaction, repositories, type Repositories } from '../repositories';
import { readStreetNetwork, type StreetLines } from '../access/readStreetNetwork';
import type { ChallengeView } from '../privacy/auditPresenter';
import { challengeRow } from './auditRows';
import { audienceOf, requireRole, type Actor } from './context';
import { logChange, type SiteService } from './site.service';
import type { ChallengeService } from './challenge.service';
import {
  AREA_ID_PROPERTY_NAMES, LOW_INCOME_PROPERTY_NAMES, POPULATION_PROPERTY_NAMES, URBAN_PROPERTY_NAMES,
  matchesFilter, pickProperty, populationFromFeatures, readFlagValue, sourcePosition, type PopulationFeatures, type StoredFeature,
} from '../../shared/access/accessFeatures';
import { analyseFoodAccess, analysisPlane, areasBBox, type FoodAccess } from '../../shared/access/analyseFoodAccess';
import { assignCellsToAreas } from '../../shared/access/assignCellsToAreas';
import { bestNextSites, underservedCellCandidates } from '../../shared/access/bestNextSites';
import { classifyAreas, type AreaAccess } from '../../shared/access/classifyAreas';
import { cellPositions, compactCells } from '../../shared/access/compactAccessCells';
import { createLocalPlane, fromPlane, polygonRingsToPlane, toPlane, type LocalPlane } from '../../shared/access/localPlane';
import { isOpenAt, parseOpeningHours, parseWeekMoment, type WeekMoment } from '../../shared/access/openingHours';
import { formatDistance, parseDistance } from '../../shared/access/parseDistance';
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
  accessBestSitesSchema, accessParamsSchema, accessToChallengeSchema, accessWhatIfSchema, DEFAULT_FOOD_FUNCTION_TYPES,
  type AccessAreaRow, type AccessBestSitesInput, type AccessBestSitesResult, type AccessLayerInfo, type AccessLayers, type AccessNetworkInfo,
  type AccessParams, type AccessParamsInput, type AccessResult, type AccessToChallengeInput, type AccessWhatIfInput, type AccessWhatIfResult,
} from '../../shared/schemas/access';
import { siteFilterSchema } from '../../shared/schemas/site';
import { auditOf } from './auditRows';

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

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sites: SiteService,
    private readonly challenges: ChallengeService,
    private readonly options: AccessServiceOptions = {},
  ) {}

  /** What can be analysed: reference layers (population, sources, streets), kinds of area, the network. */
  async layers(_actor: Actor): Promise<AccessLayers> {
    const repos = repositories(this.db);
    const layers: AccessLayerInfo[] = [];
    for (const { layer, count } of await repos.references.layers()) {
      layers.push(describeLayer(layer, count, (await repos.references.layer(layer)).map(storedFeature)));
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
      network: this.options.basemapFile ? { kind: 'basemap', name: 'the basemap’s roads' } : streets ? { kind: 'layer', name: streets.layer } : null,
      defaults: { functionTypes: [...DEFAULT_FOOD_FUNCTION_TYPES], threshold: '0.5mi', cellSize: '100m' },
    };
  }

  /** Runs the analysis afresh (the map may have changed) and keeps it for what-ifs. */
  async analyse(actor: Actor, input: AccessParamsInput): Promise<AccessResult> {
    const params = accessParamsSchema.parse(input);
    return (await this.compute(actor, params)).result;
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
        location: { kind: 'area', areaId: audit.area_id }, dueOn: audit.next_audit_on,
      }, { at: actor.now.toISOString(), by: actor.viewer.displayName ?? actor.viewer.userId });
      const point = JSON.stringify({ type: 'Point', coordinates: target.point });
      // The place is computed from public data (grid cells, population polygons, points given), so
      // the public may see where it is; a site chosen from the map keeps that site's tier.
      const visibility: Tier = target.kind === 'site' ? target.visibility : 'public';
      await repos.challenges.insert(challengeRow(challenge, {
        areaId: audit.area_id, visibility, geometry: point, lon: target.point[0], lat: target.point[1],
        shownGeometry: point, shownLon: target.point[0], shownLat: target.point[1],
      }, `food_access:${zoneId}`));
      await logChange(repos, actor, 'create', { id, visibility }, `raised the challenge “${title}”`, 'challenge');
    });
    return this.challenges.get(actor, id);
  }

  private async cached(actor: Actor, input: AccessParamsInput): Promise<Analysis> {
    const params = accessParamsSchema.parse(input);
    const hit = this.cache.get(cacheKey(actor, params));
    if (hit) return hit;
    return this.compute(actor, params);
  }

  private async compute(actor: Actor, params: AccessParams): Promise<Analysis> {
    const threshold = parseDistance(params.threshold, 'threshold');
    const cellSize = parseDistance(params.cellSize, 'cellSize');
    if (cellSize < MIN_CELL || cellSize > MAX_CELL) {
      throw new KudzuError('BAD_INPUT', `cellSize: ${params.cellSize} is outside ${MIN_CELL} m to ${MAX_CELL / 1000} km`, { field: 'cellSize' });
    }
    const openAt = params.openAt ? parseWeekMoment(params.openAt) : undefined;
    if (openAt === null) throw new KudzuError('BAD_INPUT', `openAt: "${params.openAt}" is not a weekday and time like "Sa 11:00"`, { field: 'openAt' });
    const repos = repositories(this.db);
    const population = await this.population(repos, params);
    checkGridSize(population.areas, cellSize);
    const sources = await this.sources(repos, actor, params, openAt);
    const walking = params.mode === 'walk' ? await this.network(repos, analysisPlane(population.areas)) : undefined;

    const started = performance.now();
    const access = analyseFoodAccess(population.areas, sources.positions, { cellSize, threshold, mode: params.mode, network: walking?.network });
    const table = await this.table(repos, params, population, access);
    const context = createWhatIfContext(access.grid, access.distance, threshold, access.network);
    const notes = [...population.notes, ...sources.notes];
    if (walking) {
      notes.push(`walking along ${walking.info.lines.toLocaleString('en')} street lines from ${walking.info.source}; `
        + `street graph of ${walking.info.nodes.toLocaleString('en')} nodes ${walking.info.reused ? 'reused (built once, kept until the streets change)' : `built in ${Math.round(walking.info.builtMs).toLocaleString('en')} ms`}`);
    }
    let total = 0, beyond = 0;
    for (let i = 0; i < access.grid.cellCount; i++) {
      total += access.grid.population[i];
      if (access.distance[i] > threshold) beyond += access.grid.population[i];
    }
    const result: AccessResult = {
      key: cacheKey(actor, params),
      mode: params.mode,
      threshold,
      thresholdLabel: formatDistance(threshold),
      cellSize,
      cellHalf: [cellSize / 2 / access.plane.metresPerDegreeLongitude, cellSize / 2 / access.plane.metresPerDegreeLatitude],
      cells: compactCells(access.plane, access.grid, access.distance),
      table,
      totals: {
        population: roundPeople(total), beyond: roundPeople(beyond), share: total > 0 ? Math.round((beyond / total) * 10_000) / 10_000 : null,
        lowAccessAreas: table.rows.filter((row) => row.lowAccess).length, lilaAreas: table.rows.filter((row) => row.lila).length, areas: table.rows.length,
      },
      sources: sources.positions.map(([lon, lat], index) => ({ lon: round6(lon), lat: round6(lat), name: sources.names[index] })),
      notes,
      network: walking?.info ?? null,
      elapsedMs: 0,
    };
    result.elapsedMs = elapsed(started);
    const analysis: Analysis = { key: result.key, access, context, result };
    this.cache.delete(result.key);
    this.cache.set(result.key, analysis);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return analysis;
  }

  private async population(repos: Repositories, params: AccessParams): Promise<PopulationFeatures & { notes: string[] }> {
    const source = params.population;
    let features: StoredFeature[];
    let populationProperty: string | null;
    let lowIncomeProperty: string | null;
    let what: string;
    if (source.kind === 'layer') {
      features = (await repos.references.layer(source.layer)).map(storedFeature);
      if (features.length === 0) throw await noSuchLayer(repos, source.layer, 'population.layer');
      populationProperty = source.populationProperty ?? pickProperty(features, POPULATION_PROPERTY_NAMES);
      if (source.populationProperty && !features.some((f) => source.populationProperty! in f.properties)) {
        throw new KudzuError('BAD_INPUT', `population.populationProperty: no feature of “${source.layer}” has the property “${source.populationProperty}”`, { field: 'population.populationProperty' });
      }
      if (populationProperty === null) {
        throw new KudzuError('BAD_INPUT', `population.layer: “${source.layer}” has no population property (looked for ${POPULATION_PROPERTY_NAMES.join(', ')}); name it in populationProperty`, { field: 'population.layer' });
      }
      lowIncomeProperty = source.lowIncomeProperty ?? pickProperty(features, LOW_INCOME_PROPERTY_NAMES);
      what = `the layer “${source.layer}”`;
    } else {
      const rows = await repos.areas.list(source.areaKind);
      if (rows.length === 0) throw new KudzuError('BAD_INPUT', `population.areaKind: there are no areas of kind “${source.areaKind}”`, { field: 'population.areaKind' });
      features = rows.map((row) => ({ id: row.id, name: row.name, geometry: JSON.parse(row.geometry) as Geometry, properties: { ...JSON.parse(row.properties), population: row.population } }));
      populationProperty = 'population';
      lowIncomeProperty = pickProperty(features, LOW_INCOME_PROPERTY_NAMES);
      what = `the ${source.areaKind} areas`;
    }
    const idProperty = pickProperty(features, AREA_ID_PROPERTY_NAMES);
    // A stable order (by the area's own id), whatever ids the import gave the rows: the same data gives the same answer.
    const sortKey = (feature: StoredFeature) => (idProperty && feature.properties[idProperty] != null ? String(feature.properties[idProperty]) : feature.id);
    features.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    const read = populationFromFeatures(features, {
      population: populationProperty, lowIncome: lowIncomeProperty, urban: pickProperty(features, URBAN_PROPERTY_NAMES), id: idProperty,
    });
    const field = source.kind === 'layer' ? 'population.layer' : 'population.areaKind';
    if (read.areas.length === 0) throw new KudzuError('BAD_INPUT', `${field}: ${what} holds no polygons, so there is no one to place on the grid`, { field });
    if (read.missingPopulation === read.areas.length) throw new KudzuError('BAD_INPUT', `${field}: no polygon of ${what} has a population in “${populationProperty}”`, { field });
    const notes = [`population from ${what}: ${read.areas.length} polygons, “${populationProperty}”${lowIncomeProperty ? `, low income “${lowIncomeProperty}”` : ', no low-income flag'}`];
    if (read.missingPopulation > 0) notes.push(`${read.missingPopulation} polygons have no population and are reported empty`);
    if (read.repaired > 0) notes.push(`${read.repaired} self-intersecting polygons were repaired`);
    if (read.skipped > 0) notes.push(`${read.skipped} features that are not polygons were left out`);
    return { ...read, notes };
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
      const features = (await repos.references.layer(source.layer)).map(storedFeature);
      if (features.length === 0) throw await noSuchLayer(repos, source.layer, 'sources.layer');
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
      described = `${matched} of ${features.length} features of “${source.layer}”${property ? ` where ${property} = ${values!.join(' or ')}` : ''}`;
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
  private async network(repos: Repositories, plane: LocalPlane): Promise<{ network: WalkingNetwork; info: AccessNetworkInfo }> {
    const located = await this.locateStreets(repos);
    let entry = this.streets;
    const reused = entry !== null && entry.key === located.key;
    if (!entry || !reused) {
      const built = located.read().then((lines) => {
        const started = performance.now();
        const network = buildWalkingNetwork(lines.lines, { snapTolerance: lines.snapTolerance, nodeCrossings: lines.nodeCrossings });
        return { network, lineCount: lines.lines.length, builtMs: elapsed(started) };
      });
      const fresh: StreetNetwork = { key: located.key, source: located.source, built, onPlane: new Map() };
      built.catch(() => { if (this.streets === fresh) this.streets = null; });
      this.streets = entry = fresh;
    }
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

  /** Where the walking streets come from, a key that changes when they do, and how to read them. */
  private async locateStreets(repos: Repositories): Promise<{ key: string; source: string; read: () => Promise<StreetLines> }> {
    if (this.options.basemapFile) {
      const file = this.options.basemapFile;
      const { size, mtimeMs } = await stat(file);
      return { key: `basemap|${file}|${size}|${mtimeMs}`, source: 'the basemap’s roads', read: () => readStreetNetwork(file) };
    }
    for (const { layer } of await repos.references.layers()) {
      if (!/street|road/i.test(layer)) continue;
      const key = `layer|${layer}|${await repos.references.layerFingerprint(layer)}`;
      const source = `the reference layer “${layer}”`;
      // The layer the kept network was built from, unchanged: it has street lines, and they need not be read again.
      const built = this.streets?.key === key;
      const lines = built ? [] : (await repos.references.layer(layer)).flatMap((row) => streetLines(JSON.parse(row.geometry) as Geometry));
      if (built || lines.length > 0) return { key, source, read: async () => ({ format: 'pmtiles', lines, snapTolerance: 1, nodeCrossings: true }) };
    }
    throw new KudzuError('BAD_INPUT', 'mode: walking needs a street network; start the server with --basemap <file.pmtiles> (its roads layer) or import street lines as a reference layer named …streets', { field: 'mode' });
  }

  private async table(repos: Repositories, params: AccessParams, population: PopulationFeatures, access: FoodAccess): Promise<AccessResult['table']> {
    const tableBy = params.tableBy;
    if (tableBy.kind === 'population') {
      const withLowIncome = population.areas.some((area) => area.lowIncome !== null);
      const rows = access.areas.map((area, index) => areaRow(population.ids[index], population.names[index], population.points[index], area));
      return { by: params.population.kind === 'layer' ? params.population.layer : params.population.areaKind, rows, withLowIncome };
    }
    const rows = await repos.areas.list(tableBy.areaKind);
    if (rows.length === 0) throw new KudzuError('BAD_INPUT', `tableBy.areaKind: there are no areas of kind “${tableBy.areaKind}”`, { field: 'tableBy.areaKind' });
    const areas = rows.map((row) => ({ row, geometry: JSON.parse(row.geometry) as Polygon | MultiPolygon, properties: JSON.parse(row.properties) as Record<string, unknown> }));
    const lowIncome = pickProperty(areas, LOW_INCOME_PROPERTY_NAMES);
    const cellArea = assignCellsToAreas(access.grid, areas.map((area) => polygonRingsToPlane(access.plane, area.geometry)));
    const facts = areas.map((area) => ({ hasPopulation: true, lowIncome: lowIncome ? readFlagValue(area.properties[lowIncome]) : null }));
    const classified = classifyAreas(facts, { cellArea, population: access.grid.population }, access.distance, access.threshold);
    return {
      by: `${tableBy.areaKind} areas`,
      rows: classified.map((area, index) => areaRow(areas[index].row.id, areas[index].row.name, [areas[index].row.centre_lon, areas[index].row.centre_lat], area)),
      withLowIncome: lowIncome !== null,
    };
  }
}

function cacheKey(actor: Actor, params: AccessParams): string {
  // Sources from sites depend on who is looking (tiers and shown positions), so the audience is part of the key.
  return `${audienceOf(actor).role}|${JSON.stringify(params)}`;
}

function storedFeature(row: ReferenceFeatureTable): StoredFeature {
  return { id: row.id, name: row.name, geometry: JSON.parse(row.geometry) as Geometry, properties: JSON.parse(row.properties) as Record<string, unknown> };
}

async function noSuchLayer(repos: Repositories, layer: string, field: string): Promise<KudzuError> {
  const names = (await repos.references.layers()).map((entry) => entry.layer);
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

function areaRow(id: string, name: string, point: Position, area: AreaAccess): AccessAreaRow {
  return {
    id, name,
    population: area.population === null ? null : roundPeople(area.population),
    beyond: area.beyond === null ? null : roundPeople(area.beyond),
    share: area.share === null ? null : Math.round(area.share * 10_000) / 10_000,
    lowAccess: area.lowAccess,
    lila: area.lowIncomeLowAccess,
    point: [round6(point[0]), round6(point[1])],
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
  const editable = await repos.audits.list({ statuses: ['open', 'draft'] });
  const ranked = [...editable].sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
  for (const audit of ranked) {
    const area = await repos.areas.get(audit.area_id);
    if (area && pointInPolygon(point, JSON.parse(area.geometry) as Polygon | MultiPolygon)) return audit;
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
