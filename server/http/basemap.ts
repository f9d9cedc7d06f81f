import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the map draws underneath the sites. */
export type Basemap =
  | { kind: 'style'; styleUrl: string }
  | { kind: 'pmtiles'; file: string }
  | { kind: 'plain' };

/** What the browser is told: never a file path, only URLs it can fetch. */
export type BasemapConfig =
  | { kind: 'style'; styleUrl: string; attribution: string }
  | { kind: 'pmtiles'; url: string; attribution: string }
  | { kind: 'plain'; attribution: string };

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
export const PMTILES_PATH = '/basemap/basemap.pmtiles';

/** `--basemap` takes a style URL or a .pmtiles path; nothing given means a plain background. */
export function parseBasemap(value: string | undefined): Basemap {
  if (!value) return { kind: 'plain' };
  if (/^https?:\/\//i.test(value)) return { kind: 'style', styleUrl: value };
  const file = resolve(value);
  if (!file.endsWith('.pmtiles')) throw new Error(`--basemap takes a style URL (https://…) or a .pmtiles file, not “${value}”`);
  if (!existsSync(file)) throw new Error(`basemap file not found: ${file}`);
  return { kind: 'pmtiles', file };
}

export function basemapConfig(basemap: Basemap): BasemapConfig {
  switch (basemap.kind) {
    case 'style': return { kind: 'style', styleUrl: basemap.styleUrl, attribution: OSM_ATTRIBUTION };
    case 'pmtiles': return { kind: 'pmtiles', url: PMTILES_PATH, attribution: OSM_ATTRIBUTION };
    case 'plain': return { kind: 'plain', attribution: '' };
  }
}

export function styleOrigins(basemap: Basemap): string[] {
  return basemap.kind === 'style' ? [new URL(basemap.styleUrl).origin, 'https:'] : [];
}
