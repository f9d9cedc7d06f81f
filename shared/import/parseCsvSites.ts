/** A CSV with a header row → sites. Rows are numbered from 1, starting after the header. */
import Papa from 'papaparse';
import { draftSites, type DraftContext } from './draftSites';
import { readTabularRecords, type TabularRow } from './readTabularRecords';
import type { ImportOptions } from './importOptions';
import type { SourceRecords } from './sourceRecord';
import type { ImportIssue, ParsedSites } from './validationReport';

export function parseCsvSites(text: string, options: ImportOptions, context: DraftContext): ParsedSites {
  return draftSites(readCsvRecords(text, options), options, context);
}

/** A column named twice is a problem to report, not something to rename behind the person's back. */
function duplicateColumns(header: readonly string[]): ImportIssue[] {
  const seen = new Map<string, number>();
  const issues: ImportIssue[] = [];
  header.forEach((column, index) => {
    const name = column.trim();
    if (name === '') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else issues.push({ row: null, field: 'header', message: `the column “${name}” appears twice in the header (columns ${first + 1} and ${index + 1}); give each column its own name` });
  });
  return issues;
}

export function readCsvRecords(text: string, options: ImportOptions): SourceRecords {
  // Rows as arrays: papaparse's header mode renames a repeated column and warns on the console.
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy', dynamicTyping: false });
  const [header = [], ...lines] = result.data;
  const errors: ImportIssue[] = [];
  for (const error of result.errors) {
    // A one-column file has no delimiter to detect; the missing columns are reported below.
    if (error.code === 'UndetectableDelimiter') continue;
    // Rows are counted after the header, from 1.
    const row = error.row === undefined ? null : error.row;
    const message = error.code === 'MissingQuotes' || error.code === 'InvalidQuotes' ? `a quoted field is not closed properly: ${error.message}` : error.message;
    errors.push({ row, field: 'file', message });
  }
  if (!header.length || header.every((c) => c.trim() === '')) {
    return readTabularRecords('csv', [], [], options, [{ row: null, field: 'file', message: 'the CSV has no header row' }]);
  }
  const duplicates = duplicateColumns(header);
  if (duplicates.length) return readTabularRecords('csv', header, [], options, duplicates);
  const rows: TabularRow[] = [];
  lines.forEach((cells, index) => {
    const row = index + 1;
    if (cells.length !== header.length) {
      errors.push({ row, field: 'file', message: `has a different number of fields from the header (${header.length} columns): found ${cells.length}` });
    }
    rows.push({ row, cells: Object.fromEntries(header.map((column, position) => [column, cells[position]])) });
  });
  return readTabularRecords('csv', header, rows, options, errors);
}
