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

export function readCsvRecords(text: string, options: ImportOptions): SourceRecords {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', dynamicTyping: false });
  const header = result.meta.fields ?? [];
  const errors: ImportIssue[] = [];
  for (const error of result.errors) {
    // A one-column file has no delimiter to detect; the missing columns are reported below.
    if (error.code === 'UndetectableDelimiter') continue;
    const row = error.row === undefined ? null : error.row + 1;
    const message = error.code === 'TooManyFields' || error.code === 'TooFewFields'
      ? `has a different number of fields from the header (${header.length} columns): ${error.message}`
      : error.code === 'MissingQuotes' || error.code === 'InvalidQuotes' ? `a quoted field is not closed properly: ${error.message}` : error.message;
    errors.push({ row, field: 'file', message });
  }
  if (!header.length || header.every((c) => c.trim() === '')) {
    return readTabularRecords('csv', [], [], options, [{ row: null, field: 'file', message: 'the CSV has no header row' }]);
  }
  const rows: TabularRow[] = result.data.map((cells, index) => ({ row: index + 1, cells }));
  return readTabularRecords('csv', header, rows, options, errors);
}
