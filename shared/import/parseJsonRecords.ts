/**
 * A JSON array of flat objects (like the New York community fridges list) → sites, with
 * the same column choices as a CSV. An object wrapping the array under "data", "records",
 * "rows" or "items" is accepted too.
 */
import { draftSites, type DraftContext } from './draftSites';
import { parseJsonText } from './parseJsonText';
import { readTabularRecords, type TabularRow } from './readTabularRecords';
import type { ImportOptions } from './importOptions';
import type { SourceRecords } from './sourceRecord';
import type { ImportIssue, ParsedSites } from './validationReport';

export function parseJsonRecords(text: string, options: ImportOptions, context: DraftContext): ParsedSites {
  return draftSites(readJsonRecords(text, options), options, context);
}

export function readJsonRecords(text: string, options: ImportOptions): SourceRecords {
  const parsed = parseJsonText(text, 'JSON');
  if ('issue' in parsed) return readTabularRecords('json', [], [], options, [parsed.issue]);
  let list = parsed.value;
  if (typeof list === 'object' && list !== null && !Array.isArray(list)) {
    const wrapped = Object.entries(list).find(([key, value]) => ['data', 'records', 'rows', 'items'].includes(key) && Array.isArray(value));
    if (wrapped) list = wrapped[1];
  }
  if (!Array.isArray(list)) {
    return readTabularRecords('json', [], [], options, [{ row: null, field: 'file', message: 'a JSON import must be an array of objects, one per site' }]);
  }
  const errors: ImportIssue[] = [];
  const header = new Set<string>();
  const rows: TabularRow[] = [];
  list.forEach((item, index) => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ row, field: 'file', message: 'is not an object with named fields' });
      return;
    }
    for (const key of Object.keys(item)) header.add(key);
    rows.push({ row, cells: item as Record<string, unknown> });
  });
  return readTabularRecords('json', [...header], rows, options, errors);
}
