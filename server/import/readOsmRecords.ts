/**
 * An OpenStreetMap .osm.pbf extract → records: the nodes and closed ways whose tags match
 * the filter, as points and polygons, each named by its `name` tag and typed by the tag
 * that matched. Rows are numbered in file order, nodes first.
 */
import { readOsmPbf } from '../access/readOsmPbf';
import { DEFAULT_OSM_TAGS, parseTagFilter } from '../../shared/import/osmTagFilter';
import type { SourceRecord, SourceRecords } from '../../shared/import/sourceRecord';

export function readOsmRecords(bytes: Uint8Array, fileName: string, tags: string | undefined): SourceRecords {
  const filter = parseTagFilter(tags ?? DEFAULT_OSM_TAGS);
  const extract = readOsmPbf(bytes, { fileName, keepWay: filter.matches, keepNode: filter.matches });
  const records: SourceRecord[] = [];
  let row = 0;
  let open = 0;
  for (const node of extract.nodes) {
    row += 1;
    records.push(recordOf(row, `node/${node.id}`, node.tags, { type: 'Point', coordinates: [node.position[0], node.position[1]] }, filter.kindOf(node.tags)));
  }
  for (const way of extract.ways) {
    const ring: [number, number][] = [];
    for (const id of way.nodeIds) {
      const position = extract.nodePosition(id);
      if (position) ring.push([position[0], position[1]]);
    }
    const closed = ring.length >= 4 && way.nodeIds[0] === way.nodeIds[way.nodeIds.length - 1] && ring.length === way.nodeIds.length;
    if (!closed) { open += 1; continue; }
    row += 1;
    records.push(recordOf(row, `way/${way.id}`, way.tags, { type: 'Polygon', coordinates: [ring] }, filter.kindOf(way.tags)));
  }
  const notes = [`read the features tagged ${filter.text.split(',').join(', ')}`];
  if (open) notes.push(`${open} matching way${open === 1 ? ' is' : 's are'} not closed (or reach outside the extract) and ${open === 1 ? 'was' : 'were'} not read`);
  return {
    format: 'osm', total: row, records, errors: [],
    columns: { name: 'name', latitude: null, longitude: null, type: filter.text, address: 'addr:*', id: 'OSM id' },
    fieldNames: { name: 'name', type: 'tags', address: 'addr:*' }, notes, availableColumns: [],
  };
}

function recordOf(row: number, ref: string, tags: Readonly<Record<string, string>>, geometry: SourceRecord['geometry'], kind: string | null): SourceRecord {
  const street = [tags['addr:housenumber'], tags['addr:street']].filter(Boolean).join(' ');
  return {
    row, name: tags.name ?? null, kind, address: street || null, sourceRef: ref, geometry, properties: { ...tags },
    extra: { openingHours: tags.opening_hours ?? null, description: tags.description ?? '', website: tags.website ?? null },
  };
}
