/** Pick the reader for a file: the format chosen, else the file's extension, else a look at its first character. */
import { readCsvRecords } from './parseCsvSites';
import { readGeoJsonRecords } from './parseGeoJsonSites';
import { readJsonRecords } from './parseJsonRecords';
import type { ImportOptions } from './importOptions';
import type { SourceRecords } from './sourceRecord';
import type { ImportFormat } from './validationReport';

export function detectFormat(fileName: string, text: string, chosen?: ImportFormat): ImportFormat {
  if (chosen) return chosen;
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'geojson') return 'geojson';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(start.slice(0, 2000)) ? 'geojson' : 'json';
  return 'csv';
}

export function readSourceRecords(format: ImportFormat, text: string, options: ImportOptions): SourceRecords {
  switch (format) {
    case 'geojson': return readGeoJsonRecords(text, options);
    case 'csv': return readCsvRecords(text, options);
    case 'json': return readJsonRecords(text, options);
  }
}

