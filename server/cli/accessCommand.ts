import { access, readFile, writeFile } from 'node:fs/promises';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { AREA_ID_PROPERTY_NAMES, LOW_INCOME_PROPERTY_NAMES, pickIdProperty, pickProperty, readFlagValue } from '../../shared/access/accessFeatures';
import { accessTableCsv, accessTableGeoJson } from '../../shared/access/accessTable';
import type { DistanceMode } from '../../shared/access/analyseFoodAccess';
import { foodAccessResults, type TableAreas } from '../../shared/access/foodAccessResults';
import { parseWeekMoment } from '../../shared/access/openingHours';
import { formatDistance, parseDistance } from '../../shared/access/parseDistance';
import { USDA_CELL_SIZE } from '../../shared/access/usdaFoodAccess';
import { KudzuError } from '../../shared/errors';
import { buildWalkingNetwork } from '../../shared/network/buildWalkingNetwork';
import { parseGeoJson, readPopulationAreas, type PopulationAreas } from '../access/readPopulationAreas';
import { parseSourceFilter, readSources } from '../access/readSources';
import { readBuildingFootprints, readStreetNetwork } from '../access/readStreetNetwork';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';

const OPTIONS = [
  'population', 'sources', 'source-filter', 'mode', 'network', 'threshold', 'cell', 'id-property', 'population-property',
  'low-income-property', 'urban-property', 'open-at', 'buildings', 'areas', 'out',
] as const;

const USAGE = 'kudzu access --population <polygons.geojson> --sources <file.geojson|file.csv> [--source-filter <property>=<value>] '
  + '[--mode usda|line|walk] [--network <file.osm.pbf|file.pmtiles>] [--threshold 0.5mi] [--cell 100m] [--open-at "Sa 11:00"] '
  + '[--buildings <basemap.pmtiles>] [--areas <polygons.geojson>] [--id-property …] [--population-property …] [--low-income-property …] [--urban-property …] --out <file.csv|file.geojson>';

const DEFAULT_THRESHOLD = '0.5mi';
const DEFAULT_CELL = '100m';

/**
 * `kudzu access`: who lives too far from food, per area, written as CSV or GeoJSON.
 * Throws a KudzuError naming the file, row and field for input it cannot use.
 */
export async function accessCommand(argv: string[], io: { log(line: string): void }): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, OPTIONS, 'access');
  if (args.positionals.length > 0) throw new KudzuError('BAD_INPUT', `access does not take "${args.positionals[0]}"; usage: ${USAGE}`);
  const populationPath = requiredOption(args, 'population');
  const sourcesPath = requiredOption(args, 'sources');
  const outPath = requiredOption(args, 'out');
  const outFormat = /\.csv$/i.test(outPath) ? 'csv' : /\.(geo)?json$/i.test(outPath) ? 'geojson' : null;
  if (!outFormat) throw new KudzuError('BAD_INPUT', `--out ${outPath}: write to a .csv or a .geojson file`, { field: '--out' });
  const mode = readMode(stringOption(args, 'mode') ?? 'line');
  const networkPath = stringOption(args, 'network');
  if (mode === 'walk' && !networkPath) throw new KudzuError('BAD_INPUT', '--mode walk needs --network <file.osm.pbf|file.pmtiles>', { field: '--network' });
  const threshold = parseDistance(stringOption(args, 'threshold') ?? DEFAULT_THRESHOLD, '--threshold');
  const cellText = stringOption(args, 'cell');
  const cellSize = cellText ? parseDistance(cellText, '--cell') : mode === 'usda' ? USDA_CELL_SIZE : parseDistance(DEFAULT_CELL);
  const openAtText = stringOption(args, 'open-at');
  const openAt = openAtText === undefined ? undefined : parseWeekMoment(openAtText);
  if (openAt === null) throw new KudzuError('BAD_INPUT', `--open-at: "${openAtText}" is not a weekday and time like "Sa 11:00"`, { field: '--open-at' });
  const filterText = stringOption(args, 'source-filter');
  const areasPath = stringOption(args, 'areas');
  if (areasPath && mode === 'usda') throw new KudzuError('BAD_INPUT', '--areas: USDA mode classifies the population polygons (tracts) themselves, as the Atlas does; leave out --areas or use --mode line', { field: '--areas' });
  for (const path of [populationPath, sourcesPath, networkPath, stringOption(args, 'buildings'), areasPath]) if (path) await mustExist(path);

  const population = await readPopulationAreas(populationPath, {
    idProperty: stringOption(args, 'id-property'),
    populationProperty: stringOption(args, 'population-property'),
    lowIncomeProperty: stringOption(args, 'low-income-property'),
    urbanProperty: stringOption(args, 'urban-property'),
  });
  logPopulation(population, io);

  const sources = await readSources(sourcesPath, { filter: filterText ? parseSourceFilter(filterText) : undefined, openAt });
  io.log(`sources: ${sources.positions.length} of ${sources.rowCount} rows in ${sourcesPath}${filterText ? ` where ${filterText}` : ''}`
    + (sources.coordinateColumns ? ` (coordinates from "${sources.coordinateColumns.latitude}", "${sources.coordinateColumns.longitude}")` : ''));
  if (openAt) io.log(`open at ${openAtText}: ${sources.closed} closed sources left out; ${sources.hoursUnknown} kept without readable opening_hours`);
  if (mode === 'usda' && !filterText) io.log('usda: every source counts as a supermarket; use --source-filter (e.g. kind=supermarket) for the Atlas definition');

  const buildingsPath = stringOption(args, 'buildings');
  const buildings = buildingsPath ? await readBuildingFootprints(buildingsPath) : undefined;
  if (buildings) io.log(`buildings: ${buildings.length} footprints from ${buildingsPath} weight the population grid`);
  const streets = networkPath && mode === 'walk' ? await readStreetNetwork(networkPath) : undefined;
  if (networkPath && mode !== 'walk') io.log(`network: ${networkPath} is used only by --mode walk; ${mode === 'usda' ? 'USDA mode measures' : 'this analysis measures'} straight lines`);
  if (streets) io.log(`network: ${streets.lines.length} walkable lines from ${streets.format === 'osm' ? 'OpenStreetMap extract' : 'PMTiles roads'} ${networkPath}`);
  const networkStarted = performance.now();
  const network = streets ? buildWalkingNetwork(streets.lines, { snapTolerance: streets.snapTolerance, nodeCrossings: streets.nodeCrossings }) : undefined;
  if (network) {
    const { graph } = network;
    io.log(`street graph: ${graph.nodeCount} nodes, ${graph.segmentCount} segments, ${graph.stitchedEnds} line ends stitched, ${graph.nodedCrossings} crossings noded; built in ${Math.round(performance.now() - networkStarted)} ms`);
  }
  const areas = areasPath ? await readClassificationAreas(areasPath) : undefined;
  if (mode === 'usda') {
    if (cellSize !== USDA_CELL_SIZE) io.log(`usda: ${formatDistance(cellSize)} cells instead of the Atlas's 500 m`);
    if (population.properties.urban === null) io.log('usda: no urban property found; LILA columns stay empty (name it with --urban-property)');
  }

  const started = performance.now();
  const results = foodAccessResults({
    population: { areas: population.areas, ids: population.ids, idColumn: population.properties.id ?? 'feature', withLowIncome: population.properties.lowIncome !== null },
    sources: sources.positions,
    network,
    buildings,
    tableAreas: areas?.table,
  }, { mode, threshold, cellSize });
  const { table } = results;
  io.log(mode === 'usda'
    ? `grid: ${results.access.grid.cellCount} populated ${formatDistance(cellSize)} cells, straight-line distance to the nearest supermarket`
    : `grid: ${results.access.grid.cellCount} populated ${formatDistance(cellSize)} cells, ${mode === 'walk' ? 'walking' : 'straight-line'} distance, threshold ${formatDistance(threshold)}`);
  if (areas) io.log(`areas: ${areas.features.length} areas from ${areasPath}; id "${areas.idProperty ?? '(feature number)'}", low income ${areas.lowIncomeProperty ? `"${areas.lowIncomeProperty}"` : '(none)'}`);
  const lowAccessColumn = table.columns.find((column) => column.startsWith('low_access'))!;
  const lowAccessAreas = table.rows.filter((row) => row[lowAccessColumn] === 1).length;
  io.log(`analysis: ${Math.round(performance.now() - started)} ms; ${lowAccessAreas} of ${table.rows.length} areas low access (${lowAccessColumn})`);

  const outputFeatures = areas ? areas.features : population.features;
  await writeFile(outPath, outFormat === 'csv' ? accessTableCsv(table) : accessTableGeoJson(table, outputFeatures.map((feature) => feature.geometry)));
  io.log(`wrote ${table.rows.length} areas to ${outPath}`);
}

function readMode(text: string): DistanceMode | 'usda' {
  if (text === 'line' || text === 'walk' || text === 'usda') return text;
  throw new KudzuError('BAD_INPUT', `--mode: "${text}" is not one of usda, line, walk`, { field: '--mode' });
}

async function mustExist(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new KudzuError('NOT_FOUND', `${path}: no such file`, { file: path });
  }
}

function logPopulation(population: PopulationAreas, io: { log(line: string): void }): void {
  const { properties } = population;
  io.log(`population: ${population.areas.length} areas from ${population.path}; id "${properties.id ?? '(feature number)'}", `
    + `population "${properties.population}", low income ${properties.lowIncome ? `"${properties.lowIncome}"` : '(none)'}, `
    + `urban ${properties.urban ? `"${properties.urban}"` : '(none)'}`);
  if (population.missingPopulation.length > 0) {
    io.log(`population: ${population.missingPopulation.length} areas have no population and are reported empty: ${population.missingPopulation.join(', ')}`);
  }
  if (population.repaired.length > 0) {
    io.log(`polygons: repaired ${population.repaired.length} self-intersecting areas: ${population.repaired.join(', ')}`);
  }
  if (population.unrepaired.length > 0) {
    io.log(`polygons: ${population.unrepaired.length} self-intersecting areas could not be rebuilt and are read by the even-odd rule: ${population.unrepaired.join(', ')}`);
  }
}

/** Areas to classify (neighbourhoods, audit areas): polygons with an id and, if present, a low-income flag. */
async function readClassificationAreas(path: string) {
  const { features } = parseGeoJson(path, await readFile(path, 'utf8'));
  const polygons = features.map((feature, index) => {
    const type = feature?.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      throw new KudzuError('BAD_INPUT', `${path}: feature ${index + 1} has ${type ? `a ${type}` : 'no'} geometry; --areas must be polygons`, { file: path, row: index + 1, field: 'geometry' });
    }
    return { ...feature, properties: feature.properties ?? {} } as Feature<Polygon | MultiPolygon> & { properties: Record<string, unknown> };
  });
  if (polygons.length === 0) throw new KudzuError('BAD_INPUT', `${path}: the file has no features`, { file: path, field: '--areas' });
  const idProperty = pickIdProperty(polygons, AREA_ID_PROPERTY_NAMES);
  const lowIncomeProperty = pickProperty(polygons, LOW_INCOME_PROPERTY_NAMES);
  const ids = polygons.map((feature, index) => (idProperty ? String(feature.properties[idProperty]) : String(index + 1)));
  const table: TableAreas = {
    ids,
    geometries: polygons.map((feature) => feature.geometry),
    lowIncome: polygons.map((feature) => (lowIncomeProperty ? readFlagValue(feature.properties[lowIncomeProperty]) : null)),
    withLowIncome: lowIncomeProperty !== null,
    idColumn: idProperty ?? 'feature',
  };
  return { features: polygons, table, idProperty, lowIncomeProperty };
}
