/**
 * Export sites as GeoJSON or CSV for a chosen audience. Rows are selected for that
 * audience's tiers and every one goes through `presentSite`, the one place privacy is
 * applied: a steward-only site never reaches a member file, and a block- or area-precision
 * site carries only its degraded point (and no street address).
 */
import type { Position } from 'geojson';
import Papa from 'papaparse';
import { repositories, type Connection } from '../repositories';
import { audienceFor, presentGroup, presentLink, presentSite } from '../privacy/audience';
import { toKml } from './toKml';
import { toHsds } from './toHsds';
import { toMurmurations } from './toMurmurations';
import { requireRole, type Actor } from '../services/context';
import { siteFilterSchema, type Site } from '../../shared/schemas/site';
import { representativePoint } from '../../shared/privacy/degradeLocation';
import type { Role } from '../../shared/privacy/roles';
import { functionTypeLabels } from '../../shared/taxonomy/functionTypeLabels';

export type ExportFormat = 'geojson' | 'csv' | 'kml' | 'hsds' | 'murmurations';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['geojson', 'csv', 'kml', 'hsds', 'murmurations'];
export type ExportAudience = Extract<Role, 'public' | 'member' | 'steward'>;
export const EXPORT_AUDIENCES: readonly ExportAudience[] = ['public', 'member', 'steward'];

export interface ExportFile {
  fileName: string;
  contentType: string;
  text: string;
  /** Sites in the file (CSV), or features (GeoJSON, which leaves out sites with no shown location). */
  count: number;
}

export const CSV_COLUMNS = [
  'id', 'name', 'functionType', 'domain', 'group', 'latitude', 'longitude', 'geometryType', 'precision', 'locationDegraded',
  'capacity', 'capacityUnit', 'openingHours', 'openedOn', 'closedOn', 'status', 'visibility', 'address', 'description',
] as const;

/** Where the instance is reached when nobody says (the server's default address), for Murmurations' profile URLs. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8787/';

/**
 * Everything the chosen audience may see; the person exporting must hold that role or above.
 * `baseUrl` is the instance's public address, under which Murmurations names the groups that
 * have no website of their own.
 */
export async function exportSites(db: Connection, actor: Actor, format: ExportFormat, as: ExportAudience, baseUrl = DEFAULT_BASE_URL): Promise<ExportFile> {
  requireRole(actor, as, `exporting for the ${as} audience`);
  const audience = audienceFor(as);
  const rows = await repositories(db).sites.list(siteFilterSchema.parse({ status: 'all' }), audience);
  const sites = rows.map((row) => presentSite(row, audience)).filter((site): site is Site => site !== null);
  const stem = `kudzu-sites-${as}`;
  switch (format) {
    case 'geojson': return toGeoJson(sites, `${stem}.geojson`);
    case 'csv': return toCsv(sites, `${stem}.csv`);
    case 'kml': return { fileName: `${stem}.kml`, contentType: 'application/vnd.google-earth.kml+xml; charset=utf-8', ...toKml(sites, properties) };
    case 'hsds': return { fileName: `${stem}.hsds.json`, contentType: 'application/json; charset=utf-8', ...toHsds(sites, await typeLabels(db)) };
    case 'murmurations': {
      // The audience's groups and the links between them only (a hidden group lends no URL, a hidden link no relationship).
      const groups = (await repositories(db).groups.list(audience)).map((row) => presentGroup(row, audience)).filter((group) => group !== null);
      const visibleGroupIds = new Set(groups.map((group) => group.id));
      const links = (await repositories(db).links.list(audience)).map((row) => presentLink(row, audience, visibleGroupIds)).filter((link) => link !== null);
      return { fileName: `${stem}.murmurations.json`, contentType: 'application/json; charset=utf-8', ...toMurmurations(sites, await typeLabels(db), groups, links, baseUrl) };
    }
  }
}

async function typeLabels(db: Connection): Promise<(id: string) => string> {
  return functionTypeLabels(await repositories(db).taxonomy.functionTypes());
}

function properties(site: Site) {
  return {
    id: site.id, name: site.name, functionType: site.functionType, domain: site.domain, group: site.groupName,
    capacity: site.capacity, capacityUnit: site.capacityUnit, openingHours: site.openingHours,
    openedOn: site.openedOn, closedOn: site.closedOn, status: site.status, precision: site.precision,
    locationDegraded: site.locationDegraded, visibility: site.visibility, address: site.address, description: site.description,
  };
}

function toGeoJson(sites: Site[], fileName: string): ExportFile {
  // A site shown nowhere (precision none) has no place in a map file; the CSV still lists it.
  const features = sites.filter((site) => site.geometry).map((site) => ({ type: 'Feature', id: site.id, geometry: site.geometry, properties: properties(site) }));
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  return { fileName, contentType: 'application/geo+json; charset=utf-8', text, count: features.length };
}

function toCsv(sites: Site[], fileName: string): ExportFile {
  const rows = sites.map((site) => {
    const point: Position | null = site.geometry ? representativePoint(site.geometry) : null;
    const p = properties(site);
    return [
      p.id, p.name, p.functionType, p.domain, p.group ?? '', point ? point[1] : '', point ? point[0] : '', site.geometry?.type ?? '',
      p.precision, p.locationDegraded ? 'true' : 'false', p.capacity ?? '', p.capacityUnit ?? '', p.openingHours ?? '',
      p.openedOn ?? '', p.closedOn ?? '', p.status, p.visibility, p.address ?? '', p.description,
    ];
  });
  // escapeFormulae: a name like "=HYPERLINK(…)" must not run as a formula in a spreadsheet.
  const text = Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: true, newline: '\n' });
  return { fileName, contentType: 'text/csv; charset=utf-8', text: `${text}\n`, count: rows.length };
}
