/**
 * KML (Google My Maps, uMap, Google Earth) → records, through @tmcw/togeojson: each
 * Placemark is a row, numbered from 1 in document order; ExtendedData fields become columns
 * beside `name` and `description`. A coordinate string that is not longitude,latitude
 * numbers is reported naming the placemark and the element, instead of being dropped.
 */
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import { readFeatureRecords } from './parseGeoJsonSites';
import { cellText, type SourceRecords } from './sourceRecord';
import type { ImportOptions } from './importOptions';
import type { ImportIssue } from './validationReport';

export function readKmlRecords(text: string, options: ImportOptions): SourceRecords {
  const fileProblem = (message: string): SourceRecords => readFeatureRecords('kml', [], options, [{ row: null, field: 'file', message }]);
  let document;
  try {
    document = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } })
      .parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fileProblem(`the file is not valid KML (XML): ${detail.slice(0, 160)}`);
  }
  const root = document.documentElement;
  if (!root || root.localName !== 'kml') return fileProblem(`a KML file starts with <kml>, this one with <${root?.localName ?? 'nothing'}>`);

  const placemarks = Array.from(document.getElementsByTagName('Placemark'));
  const errors: ImportIssue[] = [];
  placemarks.forEach((placemark, index) => {
    for (const coordinates of Array.from(placemark.getElementsByTagName('coordinates'))) {
      const problem = coordinateProblem(coordinates.textContent ?? '');
      if (problem) errors.push({ row: index + 1, field: elementPath(coordinates, placemark), message: `${problem}${placemarkName(placemark)}` });
    }
  });
  const collection = kml(document);
  const features = collection.features.map((feature) => {
    const properties = { ...(feature.properties ?? {}) } as Record<string, unknown>;
    // togeojson keeps styling beside the data; they are not columns anyone maps.
    for (const key of Object.keys(properties)) if (/^(styleUrl|styleHash|styleMapHash|stroke|fill|icon|visibility|timespan|timestamp)/.test(key) || key.startsWith('stroke') || key.startsWith('fill') || key.startsWith('icon') || key.startsWith('label')) delete properties[key];
    return { ...feature, properties };
  });
  if (features.length !== placemarks.length) {
    return fileProblem(`${placemarks.length} placemarks were found but ${features.length} could be read; check the file in the program that made it`);
  }
  const source = readFeatureRecords('kml', features, options, errors);
  for (const record of source.records) {
    const description = cellText(record.properties.description);
    if (description) record.extra = { description: description.slice(0, 5000) };
  }
  return { ...source, fieldNames: { name: 'name', type: source.columns?.type ? `ExtendedData ${source.columns.type}` : 'ExtendedData type', address: 'address' } };
}

function placemarkName(placemark: XmlElement): string {
  const name = placemark.getElementsByTagName('name')[0]?.textContent?.trim();
  return name ? ` (placemark “${name}”)` : '';
}

/** "Polygon.outerBoundaryIs.LinearRing.coordinates" */
function elementPath(element: XmlElement, placemark: XmlElement): string {
  const parts: string[] = [];
  let node: XmlElement | null = element;
  while (node && node !== placemark) {
    parts.unshift(node.localName ?? node.nodeName);
    node = node.parentNode as XmlElement | null;
  }
  return parts.join('.');
}

function coordinateProblem(text: string): string | null {
  const tuples = text.trim().split(/\s+/).filter(Boolean);
  if (!tuples.length) return 'the coordinates are empty';
  for (const tuple of tuples) {
    const parts = tuple.split(',');
    const numbers = parts.map(Number);
    if (parts.length < 2 || parts.length > 3 || numbers.some((n, i) => parts[i].trim() === '' || !Number.isFinite(n))) {
      return `“${tuple.slice(0, 60)}” is not longitude,latitude[,altitude]`;
    }
    const [lon, lat] = numbers;
    if (lon < -180 || lon > 180) return `longitude ${lon} is outside -180..180`;
    if (lat < -90 || lat > 90) return `latitude ${lat} is outside -90..90`;
  }
  return null;
}
