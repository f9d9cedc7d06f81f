import { readFile } from 'node:fs/promises';
import type { Feature, Position } from 'geojson';
import Papa from 'papaparse';
import { isOpenAt, parseOpeningHours, type WeekMoment } from '../../shared/access/openingHours';
import { matchesFilter, sourcePosition } from '../../shared/access/accessFeatures';
import { KudzuError } from '../../shared/errors';
import { parseGeoJson } from './readPopulationAreas';

export interface SourceFilter {
  readonly property: string;
  /** Any of these values matches, compared without regard to case. */
  readonly values: readonly string[];
}

export interface SourceOptions {
  readonly filter?: SourceFilter;
  /** Keep only sources open at this moment, by their opening_hours. */
  readonly openAt?: WeekMoment;
  readonly openingHoursProperty?: string;
}

export interface Sources {
  readonly path: string;
  readonly positions: Position[];
  readonly names: string[];
  /** Rows read before filtering. */
  readonly rowCount: number;
  /** Latitude/longitude columns used (CSV only). */
  readonly coordinateColumns?: { latitude: string; longitude: string };
  /** Sources kept without knowing their hours (none given, or not readable), when filtering by time. */
  readonly hoursUnknown: number;
  /** Sources dropped as closed at the given time. */
  readonly closed: number;
}

const LATITUDE_COLUMNS = ['latitude', 'lat', 'y'];
const LONGITUDE_COLUMNS = ['longitude', 'lon', 'lng', 'long', 'x'];
const NAME_COLUMNS = ['name', 'Name', 'NAME', 'title'];

/** Parses "type=supermarket" or "kind=supermarket,greengrocer" (any of the values). */
export function parseSourceFilter(text: string): SourceFilter {
  const match = /^([^=]+)=(.+)$/.exec(text.trim());
  if (!match) throw new KudzuError('BAD_INPUT', `--source-filter: "${text}" is not <property>=<value>, e.g. kind=supermarket`, { field: '--source-filter' });
  return { property: match[1].trim(), values: match[2].split(',').map((value) => value.trim()) };
}

/**
 * The file reader of the food-access pipeline's sources (the app reads them from the
 * database): the same filter and the same point per feature (`matchesFilter`, `sourcePosition`).
 * Reads food sources from GeoJSON (points; polygons by their centroid) or CSV (latitude and
 * longitude columns detected by name), keeps those matching the filter and open at the given
 * time, and refuses rows without usable coordinates, naming the row.
 */
export async function readSources(path: string, options: SourceOptions = {}): Promise<Sources> {
  const text = await readFile(path, 'utf8');
  const rows = /\.csv$/i.test(path) ? readCsvRows(path, text) : readGeoJsonRows(path, text);
  const { filter } = options;
  if (filter && rows.records.length > 0 && !rows.records.some((record) => filter.property in record.properties)) {
    throw new KudzuError('BAD_INPUT', `${path}: no row has the property "${filter.property}" named in --source-filter`, { file: path, field: filter.property });
  }
  const positions: Position[] = [];
  const names: string[] = [];
  let hoursUnknown = 0, closed = 0;
  const hoursProperty = options.openingHoursProperty ?? 'opening_hours';
  for (const record of rows.records) {
    if (filter && !matchesFilter(record.properties, filter.property, filter.values)) continue;
    if (options.openAt) {
      const hours = record.properties[hoursProperty];
      const parsed = typeof hours === 'string' ? parseOpeningHours(hours) : null;
      if (!parsed || !parsed.ok) hoursUnknown++;
      else if (!isOpenAt(parsed.schedule, options.openAt)) { closed++; continue; }
    }
    positions.push(record.position(path));
    names.push(record.name);
  }
  if (positions.length === 0) {
    const why = rows.records.length === 0 ? 'the file has no rows' : filter ? `no row has ${filter.property}=${filter.values.join(',')}${options.openAt ? ' and is open at that time' : ''}` : 'no source is open at that time';
    throw new KudzuError('BAD_INPUT', `${path}: no sources to measure distances to (${why})`, { file: path });
  }
  return { path, positions, names, rowCount: rows.records.length, coordinateColumns: rows.coordinateColumns, hoursUnknown, closed };
}

interface SourceRecord {
  readonly properties: Record<string, unknown>;
  readonly name: string;
  /** The position, or an error naming the row and field. */
  position(path: string): Position;
}

function readCsvRows(path: string, text: string): { records: SourceRecord[]; coordinateColumns: { latitude: string; longitude: string } } {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const columns = parsed.meta.fields ?? [];
  const latitude = findColumn(columns, LATITUDE_COLUMNS);
  const longitude = findColumn(columns, LONGITUDE_COLUMNS);
  if (!latitude || !longitude) {
    throw new KudzuError('BAD_INPUT', `${path}: no ${latitude ? 'longitude' : 'latitude'} column (looked for ${(latitude ? LONGITUDE_COLUMNS : LATITUDE_COLUMNS).join(', ')}, in any case)`, { file: path, field: latitude ? 'longitude' : 'latitude' });
  }
  const nameColumn = findColumn(columns, NAME_COLUMNS);
  const records = parsed.data.map((row, index): SourceRecord => ({
    properties: row,
    name: nameColumn ? row[nameColumn] ?? '' : '',
    position: (file) => {
      const lat = parseCoordinate(row[latitude]);
      const lon = parseCoordinate(row[longitude]);
      const label = `${file}: row ${index + 1}${nameColumn && row[nameColumn] ? ` ("${row[nameColumn]}")` : ''}`;
      if (lat === null || lon === null) {
        const field = lat === null ? latitude : longitude;
        throw new KudzuError('BAD_INPUT', `${label} has no coordinates (${field} is ${JSON.stringify(row[field] ?? '')})`, { file, row: index + 1, field });
      }
      checkRange(label, file, index + 1, latitude, longitude, lon, lat);
      return [lon, lat];
    },
  }));
  return { records, coordinateColumns: { latitude, longitude } };
}

function readGeoJsonRows(path: string, text: string): { records: SourceRecord[]; coordinateColumns?: undefined } {
  const { features } = parseGeoJson(path, text);
  const records = features.map((feature: Feature, index): SourceRecord => {
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const name = String(properties.name ?? properties.Name ?? '');
    return {
      properties,
      name,
      position: (file) => {
        const label = `${file}: feature ${index + 1}${name ? ` ("${name}")` : ''}`;
        const geometry = feature.geometry;
        const position = sourcePosition(geometry);
        if (!position || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) {
          throw new KudzuError('BAD_INPUT', `${label} has no coordinates (geometry is ${geometry ? geometry.type : 'null'})`, { file, row: index + 1, field: 'geometry' });
        }
        checkRange(label, file, index + 1, 'geometry.coordinates.1', 'geometry.coordinates.0', position[0], position[1]);
        return [position[0], position[1]];
      },
    };
  });
  return { records };
}

function findColumn(columns: readonly string[], candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    const match = columns.find((column) => column.trim().toLowerCase() === candidate);
    if (match) return match;
  }
  return undefined;
}

function parseCoordinate(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : null;
}

function checkRange(label: string, file: string, row: number, latitudeField: string, longitudeField: string, longitude: number, latitude: number): void {
  if (latitude < -90 || latitude > 90) throw new KudzuError('BAD_INPUT', `${label} has latitude ${latitude}, outside −90…90`, { file, row, field: latitudeField });
  if (longitude < -180 || longitude > 180) throw new KudzuError('BAD_INPUT', `${label} has longitude ${longitude}, outside −180…180`, { file, row, field: longitudeField });
}
