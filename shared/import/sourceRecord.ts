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
  /** Several source types (HSDS taxonomy terms, Murmurations tags): the first that maps to a function type wins. */
  kindCandidates?: string[];
  address: string | null;
  sourceRef: string | null;
  geometry: SiteGeometry;
  properties: Record<string, unknown>;
  /** What richer formats (HSDS, Murmurations) also say about a place. */
  extra?: RecordExtra;
}

export interface RecordExtra {
  openingHours?: string | null;
  description?: string | null;
  /** The organisation that runs it: becomes (or joins) a group of that name. */
  groupName?: string | null;
  /** The group's website (Murmurations primary_url), kept on the group. */
  website?: string | null;
  /** The URL that names the group in the file (its website, or the page that stands for it), by which links find it. */
  groupUrl?: string | null;
  /** Other groups it is linked to, by name, with the kind of link the source gives. */
  links?: { to: string; kind: string }[];
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
  /** Every column (or property) the file offers, for the person to choose from. */
  availableColumns: string[];
}

export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  return text ? text : null;
}
