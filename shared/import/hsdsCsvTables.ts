/**
 * Open Referral HSDS CSV tables (organizations.csv, services.csv, locations.csv,
 * service_at_location.csv, schedules.csv, taxonomy_terms.csv…) as the specification's own
 * "tabular" JSON, one array of rows per table, to be read like any HSDS file. The command
 * line gives it a folder's files, the app's import dialog the files chosen together, so both
 * send the importer the same thing.
 */
import Papa from 'papaparse';
import { KudzuError } from '../errors';

export interface TableFile {
  name: string;
  text: string;
}

/** The tables as one JSON file named `<name>.json`; a bad table or a missing locations.csv is refused, naming it. */
export function hsdsCsvTables(files: readonly TableFile[], name: string): TableFile {
  const tables: Record<string, unknown[]> = {};
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const stem = file.name.split(/[\\/]/).pop() ?? file.name;
    // A data package's description travels with its tables; it holds no rows.
    if (stem === 'datapackage.json') continue;
    if (!/\.csv$/i.test(stem)) {
      throw new KudzuError('BAD_INPUT', `${stem} is not a CSV table: Open Referral tables are chosen together as .csv files (locations.csv, services.csv, organizations.csv…)`, { file: stem, field: 'file' });
    }
    const parsed = Papa.parse<Record<string, string>>(file.text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
    if (parsed.errors.length) {
      const first = parsed.errors[0];
      throw new KudzuError('BAD_INPUT', `${stem} row ${(first.row ?? 0) + 1}: ${first.message}`, { file: stem, row: (first.row ?? 0) + 1 });
    }
    tables[stem.toLowerCase()] = parsed.data;
  }
  if (!tables['locations.csv']) {
    throw new KudzuError('BAD_INPUT', `the tables ${Object.keys(tables).join(', ') || '(none)'} have no locations.csv: Open Referral sites come from its locations, so choose locations.csv with the other tables`, { field: 'file' });
  }
  return { name: `${name}.json`, text: JSON.stringify(tables) };
}
