/**
 * What an import found, before anything is written: counts, every problem with its row
 * and field, rows deliberately left out and why, likely duplicates, and a preview.
 */
import type { SiteInput } from '../schemas/site';
import type { RecordExtra } from './sourceRecord';
import type { KindSummary } from './summariseKinds';
import type { FarPlace } from '../geo/farFromArea';

export type ImportFormat = 'geojson' | 'csv' | 'json' | 'kml' | 'hsds' | 'murmurations' | 'osm';

/** A problem that stops the import. `row` is the 1-based feature or data row; null for the file as a whole. */
export interface ImportIssue {
  row: number | null;
  field: string;
  message: string;
  /** The line in the file, when the problem is in the file's syntax. */
  line?: number;
}

/** A row that is valid but is not a site Kudzu keeps (a supermarket, say), with the reason. */
export interface SkippedRow {
  row: number;
  name: string | null;
  kind: string | null;
  reason: string;
}

/** Same normalised name within the radius: of an existing site, or of an earlier row in the file. */
export interface LikelyDuplicate {
  row: number;
  name: string;
  existingId: string | null;
  existingRow: number | null;
  existingName: string;
  distanceMetres: number;
}

/** Which columns (or GeoJSON properties) were used for what; null when there was none. */
export interface ColumnChoice {
  name: string | null;
  latitude: string | null;
  longitude: string | null;
  type: string | null;
  address: string | null;
  id: string | null;
}

/** A site the file would create, ready to be written. */
export interface SiteDraft {
  row: number;
  sourceRef: string | null;
  kind: string | null;
  input: SiteInput;
  extra?: RecordExtra;
}

/** What a parser hands on: drafts, and what it could not or would not turn into sites. */
export interface ParsedSites {
  format: ImportFormat;
  total: number;
  drafts: SiteDraft[];
  skipped: SkippedRow[];
  errors: ImportIssue[];
  columns: ColumnChoice | null;
  notes: string[];
  availableColumns: string[];
  kinds: KindSummary[];
}

export interface PreviewRow {
  row: number;
  name: string;
  functionType: string;
  longitude: number;
  latitude: number;
  sourceRef: string | null;
}

export interface ValidationReport {
  format: ImportFormat;
  fileName: string;
  /** Rows (features) in the file. */
  total: number;
  /** Rows that would become sites (0 while any row is at fault: the write is all or nothing). */
  valid: number;
  /** Rows that are ready, whether or not other rows hold the file back. */
  ready: number;
  /** Rows left out on purpose (see `skippedReasons`). */
  leftOut: number;
  /** Rows with at least one problem; file-level problems are not rows and are not counted here. */
  problemRows: number;
  errorCount: number;
  /** The first problems (at most MAX_REPORTED_ERRORS); `errorCount` says how many there are. */
  errors: ImportIssue[];
  skipped: SkippedRow[];
  /** One line per reason, with how many rows it left out. */
  skippedReasons: { reason: string; count: number }[];
  duplicates: LikelyDuplicate[];
  columns: ColumnChoice | null;
  /** Sites per function type. */
  typeCounts: Record<string, number>;
  preview: PreviewRow[];
  notes: string[];
  /** Every column or property the file offers. */
  availableColumns: string[];
  /** Each source type in the file and what it became. */
  kinds: KindSummary[];
  /** Rows more than a few kilometres outside the network's area, furthest first: confirmed, or problems until they are. */
  farFromArea: FarPlace[];
}

export const MAX_REPORTED_ERRORS = 1000;
export const PREVIEW_ROWS = 20;

export function buildReport(fileName: string, parsed: ParsedSites, duplicates: LikelyDuplicate[], farFromArea: FarPlace[] = []): ValidationReport {
  const typeCounts: Record<string, number> = {};
  for (const draft of parsed.drafts) typeCounts[draft.input.functionType] = (typeCounts[draft.input.functionType] ?? 0) + 1;
  return {
    format: parsed.format,
    fileName,
    total: parsed.total,
    valid: parsed.errors.length ? 0 : parsed.drafts.length,
    ready: parsed.drafts.length,
    leftOut: parsed.skipped.length,
    problemRows: new Set(parsed.errors.filter((e) => e.row !== null).map((e) => e.row)).size,
    errorCount: parsed.errors.length,
    errors: parsed.errors.slice(0, MAX_REPORTED_ERRORS),
    skipped: parsed.skipped,
    skippedReasons: countReasons(parsed.skipped),
    duplicates,
    columns: parsed.columns,
    typeCounts,
    preview: parsed.drafts.slice(0, PREVIEW_ROWS).map(previewRow),
    notes: parsed.notes,
    availableColumns: parsed.availableColumns,
    kinds: parsed.kinds,
    farFromArea,
  };
}

function previewRow(draft: SiteDraft): PreviewRow {
  const geometry = draft.input.geometry;
  const [longitude, latitude] = geometry.type === 'Point' ? geometry.coordinates
    : geometry.type === 'Polygon' ? geometry.coordinates[0][0] : geometry.coordinates[0][0][0];
  return { row: draft.row, name: draft.input.name, functionType: draft.input.functionType, longitude: roundDegrees(longitude), latitude: roundDegrees(latitude), sourceRef: draft.sourceRef };
}

/** Six decimals is about 10 cm: enough to check a place, without float noise like 40.406040000000004. */
export function roundDegrees(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function countReasons(skipped: SkippedRow[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of skipped) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** "row 3, latitude: latitude 100 is outside -90..90" */
export function describeIssue(issue: ImportIssue): string {
  const where = issue.row !== null ? `row ${issue.row}` : issue.line !== undefined ? `line ${issue.line}` : 'file';
  return `${where}, ${issue.field}: ${issue.message}`;
}
