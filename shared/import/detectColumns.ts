/**
 * Which column holds what. The person importing may name each column; otherwise the usual
 * spellings are recognised (latitude, lat, Latitude, lon, lng, x …).
 */
import type { ColumnChoice } from './validationReport';

export type ColumnRole = keyof ColumnChoice;

const CANDIDATES: Record<ColumnRole, string[]> = {
  name: ['name', 'sitename', 'title', 'label', 'organization', 'organisation', 'org', 'orgname'],
  latitude: ['latitude', 'lat', 'y', 'latdd', 'ycoord'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'x', 'londd', 'xcoord'],
  type: ['functiontype', 'type', 'kind', 'category', 'sitetype'],
  address: ['address', 'streetaddress', 'street', 'addr', 'fulladdress'],
  id: ['id', 'sourceref', 'objectid', 'fid', 'osmid'],
};

function squash(column: string): string {
  return column.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ChosenColumns {
  name?: string;
  latitude?: string;
  longitude?: string;
  type?: string;
  address?: string;
  id?: string;
}

export interface DetectedColumns {
  columns: ColumnChoice;
  /** Columns the person named that the file does not have. */
  missing: { role: ColumnRole; column: string }[];
}

export function detectColumns(available: readonly string[], chosen: ChosenColumns, roles: readonly ColumnRole[]): DetectedColumns {
  const columns: ColumnChoice = { name: null, latitude: null, longitude: null, type: null, address: null, id: null };
  const missing: DetectedColumns['missing'] = [];
  const bySquash = new Map<string, string>();
  for (const column of available) if (!bySquash.has(squash(column))) bySquash.set(squash(column), column);
  for (const role of roles) {
    const wanted = chosen[role];
    if (wanted !== undefined) {
      const found = available.includes(wanted) ? wanted : bySquash.get(squash(wanted));
      if (found === undefined) missing.push({ role, column: wanted });
      columns[role] = found ?? null;
      continue;
    }
    columns[role] = CANDIDATES[role].map((candidate) => bySquash.get(candidate)).find((c) => c !== undefined)
      // "CLT_Organization", "site_name"…
      ?? (role === 'name' ? available.find((c) => /(name|organi[sz]ation)$/.test(squash(c))) ?? null : null);
  }
  return { columns, missing };
}

export const OPTION_FOR_ROLE: Record<ColumnRole, string> = {
  name: 'nameColumn', latitude: 'latColumn', longitude: 'lonColumn', type: 'typeColumn', address: 'addressColumn', id: 'idColumn',
};
