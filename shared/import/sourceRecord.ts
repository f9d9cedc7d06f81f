/**
 * One row of any source file, once its place has been read and checked: the common ground
 * between the GeoJSON, CSV and JSON readers and what is done with the rows (sites, or a
 * reference layer).
 */
import type { SiteGeometry } from '../schemas/geometry';
import type { ColumnChoice, ImportFormat, ImportIssue } from './validationReport';

export interface SourceRecord {
  row: number;
  name: string | null;
  kind: string | null;
  address: string | null;
  sourceRef: string | null;
  geometry: SiteGeometry;
  properties: Record<string, unknown>;
}

export interface SourceRecords {
  format: ImportFormat;
  total: number;
  records: SourceRecord[];
  errors: ImportIssue[];
  columns: ColumnChoice | null;
  /** How to name each role's field in a message ("properties.name", or the CSV column). */
  fieldNames: { name: string; type: string; address: string };
  notes: string[];
}

export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  return text ? text : null;
}
