/**
 * A GeoJSON FeatureCollection (or a single Feature) → sites. Each feature is a row,
 * numbered from 1; problems name the feature and the field ("geometry.coordinates.1").
 */
import { siteGeometrySchema } from '../schemas/geometry';
import { detectColumns } from './detectColumns';
import { draftSites, type DraftContext } from './draftSites';
import { parseJsonText } from './parseJsonText';
import { cellText, type SourceRecord, type SourceRecords } from './sourceRecord';
import type { ImportOptions } from './importOptions';
import type { ImportFormat, ImportIssue, ParsedSites } from './validationReport';

export function parseGeoJsonSites(text: string, options: ImportOptions, context: DraftContext): ParsedSites {
  return draftSites(readGeoJsonRecords(text, options), options, context);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readGeoJsonRecords(text: string, options: ImportOptions): SourceRecords {
  const empty: SourceRecords = { format: 'geojson', total: 0, records: [], errors: [], columns: null, fieldNames: { name: 'properties.name', type: 'properties.type', address: 'properties.address' }, notes: [], availableColumns: [] };
  const parsed = parseJsonText(text, 'GeoJSON');
  if ('issue' in parsed) return { ...empty, errors: [parsed.issue] };
  const root = parsed.value;
  let features: unknown[];
  if (isObject(root) && root.type === 'FeatureCollection' && Array.isArray(root.features)) features = root.features;
  else if (isObject(root) && root.type === 'Feature') features = [root];
  else {
    const found = isObject(root) ? `an object of type “${String(root.type)}”` : Array.isArray(root) ? 'an array' : `a ${typeof root}`;
    return { ...empty, errors: [{ row: null, field: 'type', message: `a GeoJSON file must hold a FeatureCollection (with a "features" array) or a Feature; this one holds ${found}` }] };
  }
  return readFeatureRecords('geojson', features, options);
}

/**
 * GeoJSON-shaped features (from a GeoJSON file, or converted from KML) → records. Features
 * already found at fault (`earlierErrors`, by row) are not read again.
 */
export function readFeatureRecords(format: ImportFormat, features: readonly unknown[], options: ImportOptions, earlierErrors: ImportIssue[] = []): SourceRecords {
  const empty: SourceRecords = { format, total: 0, records: [], errors: [], columns: null, fieldNames: { name: 'properties.name', type: 'properties.type', address: 'properties.address' }, notes: [], availableColumns: [] };

  const keys = new Set<string>();
  for (const feature of features.slice(0, 1000)) {
    if (isObject(feature) && isObject(feature.properties)) for (const key of Object.keys(feature.properties)) keys.add(key);
  }
  const { columns, missing } = detectColumns([...keys], {
    name: options.nameColumn, type: options.typeColumn, address: options.addressColumn, id: options.idColumn,
  }, ['name', 'type', 'address', 'id']);
  const errors: ImportIssue[] = [...earlierErrors];
  const failed = new Set(earlierErrors.map((issue) => issue.row));
  errors.push(...missing.map(({ role, column }) => ({
    row: null, field: `${role}Column`, message: `no feature has a property “${column}” (properties: ${[...keys].join(', ') || 'none'})`,
  })));
  const fieldNames = {
    name: `properties.${columns.name ?? options.nameColumn ?? 'name'}`,
    type: `properties.${columns.type ?? options.typeColumn ?? 'type'}`,
    address: `properties.${columns.address ?? 'address'}`,
  };
  if (missing.length) return { ...empty, total: features.length, errors, columns, fieldNames, availableColumns: [...keys] };

  const records: SourceRecord[] = [];
  features.forEach((feature, index) => {
    const row = index + 1;
    if (failed.has(row)) return;
    if (!isObject(feature) || feature.type !== 'Feature') {
      errors.push({ row, field: 'type', message: 'is not a GeoJSON Feature (expected "type": "Feature")' });
      return;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    if (!isObject(feature.geometry)) {
      errors.push({ row, field: 'geometry', message: 'has no geometry' });
      return;
    }
    const kindOfGeometry = feature.geometry.type;
    if (kindOfGeometry !== 'Point' && kindOfGeometry !== 'Polygon' && kindOfGeometry !== 'MultiPolygon') {
      errors.push({ row, field: 'geometry.type', message: `a site is a Point, Polygon or MultiPolygon, not a ${String(kindOfGeometry)}` });
      return;
    }
    const geometry = siteGeometrySchema.safeParse(feature.geometry);
    if (!geometry.success) {
      for (const issue of geometry.error.issues.slice(0, 3)) {
        errors.push({ row, field: ['geometry', ...issue.path.map(String)].join('.'), message: issue.message });
      }
      return;
    }
    const ref = feature.id ?? (columns.id ? properties[columns.id] : undefined);
    records.push({
      row,
      name: columns.name ? cellText(properties[columns.name]) : null,
      kind: columns.type ? cellText(properties[columns.type]) : null,
      address: columns.address ? cellText(properties[columns.address]) : null,
      sourceRef: cellText(ref) ?? `feature ${row}`,
      geometry: geometry.data,
      properties,
    });
  });
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { format, total: features.length, records, errors, columns, fieldNames, notes: [], availableColumns: [...keys] };
}
