/** Pick the reader for a file: the format chosen, else the file's extension, else a look at its first character. */
import { readCsvRecords } from './parseCsvSites';
import { readGeoJsonRecords } from './parseGeoJsonSites';
import { readJsonRecords } from './parseJsonRecords';
import { readKmlRecords } from './readKmlRecords';
import { readHsdsRecords } from './readHsdsRecords';
import { readMurmurationsRecords } from './readMurmurationsRecords';
import { KudzuError } from '../errors';
import type { ImportOptions } from './importOptions';
import type { SourceRecords } from './sourceRecord';
import type { ImportFormat } from './validationReport';

export function detectFormat(fileName: string, text: string, chosen?: ImportFormat): ImportFormat {
  if (chosen) return chosen;
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'geojson') return 'geojson';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  if (extension === 'kml') return 'kml';
  if (/\.hsds\.json$/i.test(fileName)) return 'hsds';
  if (/\.murmurations\.json$/i.test(fileName)) return 'murmurations';
  if (extension === 'pbf') return 'osm';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'kml';
  const head = start.slice(0, 4000);
  if (/"linked_schemas"\s*:/.test(head)) return 'murmurations';
  if (looksLikeHsds(start.slice(0, 20_000))) return 'hsds';
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(head) ? 'geojson' : 'json';
  return 'csv';
}

export function readSourceRecords(format: ImportFormat, text: string, options: ImportOptions): SourceRecords {
  switch (format) {
    case 'geojson': return readGeoJsonRecords(text, options);
    case 'csv': return readCsvRecords(text, options);
    case 'json': return readJsonRecords(text, options);
    case 'kml': return readKmlRecords(text, options);
    case 'hsds': return readHsdsRecords(text);
    case 'murmurations': return readMurmurationsRecords(text);
    case 'osm': throw new KudzuError('BAD_INPUT', 'an OpenStreetMap .osm.pbf file is binary; it is read by the server, not as text', { field: 'format' });
  }
}


/** Open Referral HSDS names its fields its own way; these appear in no ordinary list of places. */
function looksLikeHsds(head: string): boolean {
  return /"(service_at_locations|organizations\.csv|locations\.csv|legal_status|tax_status|year_incorporated)"\s*:/.test(head)
    || /"location_type"\s*:\s*"(physical|postal|virtual)"/.test(head)
    || (/"service"\s*:\s*\{/.test(head) && /"location"\s*:\s*\{/.test(head));
}
