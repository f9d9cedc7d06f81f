/**
 * Rows of named cells (a CSV after its header, or a JSON array of objects) → records with
 * a point from the latitude and longitude columns. Problems name the row and the column.
 */
import { detectColumns, OPTION_FOR_ROLE } from './detectColumns';
import { cellText, type SourceRecord, type SourceRecords } from './sourceRecord';
import type { ImportOptions } from './importOptions';
import type { ImportFormat, ImportIssue } from './validationReport';

export interface TabularRow {
  /** 1-based, counted from the first row after the header (or the first object). */
  row: number;
  cells: Record<string, unknown>;
}

export function readTabularRecords(format: ImportFormat, header: readonly string[], rows: readonly TabularRow[], options: ImportOptions, earlierErrors: ImportIssue[] = []): SourceRecords {
  const { columns, missing } = detectColumns(header, {
    name: options.nameColumn, latitude: options.latColumn, longitude: options.lonColumn,
    type: options.typeColumn, address: options.addressColumn, id: options.idColumn,
  }, ['name', 'latitude', 'longitude', 'type', 'address', 'id']);
  const listed = header.filter((c) => c !== '').join(', ') || 'none';
  const errors: ImportIssue[] = missing.map(({ role, column }) => ({
    row: null, field: OPTION_FOR_ROLE[role], message: `there is no column “${column}” (columns: ${listed})`,
  }));
  if (!missing.some((m) => m.role === 'latitude') && !columns.latitude) {
    errors.push({ row: null, field: 'latColumn', message: `no latitude column found (columns: ${listed}); name it with latColumn` });
  }
  if (!missing.some((m) => m.role === 'longitude') && !columns.longitude) {
    errors.push({ row: null, field: 'lonColumn', message: `no longitude column found (columns: ${listed}); name it with lonColumn` });
  }
  const fieldNames = { name: columns.name ?? 'name', type: columns.type ?? 'type', address: columns.address ?? 'address' };
  const base = { format, total: rows.length, records: [] as SourceRecord[], columns, fieldNames, notes: [] as string[], availableColumns: header.filter((c) => c !== '') };
  if (errors.length) return { ...base, errors: [...earlierErrors, ...errors] };

  const latColumn = columns.latitude as string;
  const lonColumn = columns.longitude as string;
  const failedRows = new Set(earlierErrors.map((e) => e.row));
  const records: SourceRecord[] = [];
  for (const { row, cells } of rows) {
    if (failedRows.has(row)) continue;
    const lat = coordinate(cells[latColumn], latColumn, row, -90, 90, errors);
    const lon = coordinate(cells[lonColumn], lonColumn, row, -180, 180, errors);
    if (lat === null || lon === null) continue;
    records.push({
      row,
      name: columns.name ? cellText(cells[columns.name]) : null,
      kind: columns.type ? cellText(cells[columns.type]) : null,
      address: columns.address ? cellText(cells[columns.address]) : null,
      sourceRef: (columns.id ? cellText(cells[columns.id]) : null) ?? `row ${row}`,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: cells,
    });
  }
  return { ...base, records, errors: [...earlierErrors, ...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
}

function coordinate(value: unknown, column: string, row: number, min: number, max: number, errors: ImportIssue[]): number | null {
  const text = cellText(value);
  const which = min === -90 ? 'latitude' : 'longitude';
  if (text === null) {
    errors.push({ row, field: column, message: `the ${which} is empty` });
    return null;
  }
  const number = typeof value === 'number' ? value : Number(text);
  if (!Number.isFinite(number)) {
    errors.push({ row, field: column, message: `the ${which} “${text}” is not a number` });
    return null;
  }
  if (number < min || number > max) {
    errors.push({ row, field: column, message: `${which} ${number} is outside ${min}..${max}` });
    return null;
  }
  return number;
}
