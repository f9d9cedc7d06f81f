/**
 * Where site tiles are, and the query string that carries the map's filters to them. Kept
 * free of Zod so the page's first small script can build the first request; the server
 * reads the query back with `parseSiteTileParams` (shared/schemas/siteTiles.ts).
 */

/** The layer of a site tile that holds sites and clusters, and the one with parcels' outlines. */
export const SITE_TILE_LAYER = 'sites';
export const PARCEL_TILE_LAYER = 'parcels';
/** Where site tiles are served, and the count and bounds of what they draw. */
export const SITE_TILES_PATH = '/tiles/sites/{z}/{x}/{y}.pbf';
export const SITE_TILES_SUMMARY_PATH = '/tiles/sites/summary.json';
/** The deepest zoom a site tile is made for; the map stretches it beyond. */
export const SITE_TILE_MAX_ZOOM = 16;

/** The map's filters as tile parameters; lists are sent comma-separated. */
export interface SiteTileFilters {
  domains?: readonly string[];
  types?: readonly string[];
  groups?: readonly string[];
  status?: 'active' | 'closed' | 'all';
  text?: string;
  asOf?: string;
  audit?: string;
}

/** The query string of the tiles for the map's filters (the inverse of `parseSiteTileParams`). */
export function siteTileQuery(params: SiteTileFilters): string {
  const search = new URLSearchParams();
  if (params.domains?.length) search.set('domains', params.domains.join(','));
  if (params.types?.length) search.set('types', params.types.join(','));
  if (params.groups?.length) search.set('groups', params.groups.join(','));
  if (params.status && params.status !== 'active') search.set('status', params.status);
  if (params.text?.trim()) search.set('text', params.text.trim());
  if (params.asOf) search.set('asOf', params.asOf);
  if (params.audit) search.set('audit', params.audit);
  return search.toString();
}
