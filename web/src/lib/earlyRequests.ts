/**
 * The two requests the first screen waits for longest — the server's config (the map cannot
 * start without its basemap) and the count and bounds of the map's sites (where the map
 * looks first; the sites themselves come as tiles) — sent as soon as the page's first small
 * script runs, while the rest of the app is still loading. The app's own calls then take the
 * answers instead of asking again; each can be taken once, by the first call for it only, so
 * a later call (after a sign-in, a filter change) always asks afresh.
 */
import { emptyFilters, tileQuery } from './filters';
import { SITE_TILES_SUMMARY_PATH } from '$shared/map/siteTileQuery';

export const CONFIG_URL = '/api/config';

/** The summary of the site tiles for a set of filters' query string. */
export function sitesSummaryUrl(query: string): string {
  return `${SITE_TILES_SUMMARY_PATH}${query ? `?${query}` : ''}`;
}

const early = new Map<'config' | 'sites', { url: string; response: Promise<Response> }>();

export function sendEarlyRequests(): void {
  const send = (url: string) => {
    const response = fetch(url, { credentials: 'same-origin' });
    response.catch(() => {}); // a failure shows when the app takes the answer, not as an unhandled rejection
    return { url, response };
  };
  // Config first, so the server has answered it before it starts on the (much longer) sites.
  early.set('config', send(CONFIG_URL));
  early.set('sites', send(sitesSummaryUrl(tileQuery(emptyFilters()))));
}

/**
 * The early answer for `what` if it was asked with exactly `url`; either way the early answer
 * is forgotten, so only the first call can use it.
 */
export function takeEarlyResponse(what: 'config' | 'sites', url: string): Promise<Response> | null {
  const entry = early.get(what);
  early.delete(what);
  return entry && entry.url === url ? entry.response : null;
}
