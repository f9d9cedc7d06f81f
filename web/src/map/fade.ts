import type { Map as MapLibreMap } from 'maplibre-gl';

/** MapLibre's own symbol fade, in ms. */
export const SYMBOL_FADE_MS = 300;

/**
 * Turn symbol fades on (the map starts with them off so the first sites are drawn without
 * waiting for fade frames). MapLibre reads the duration on every placement, but only takes it
 * as a constructor option, so it is set on the map itself.
 */
export function startSymbolFades(map: MapLibreMap): void {
  map._fadeDuration = SYMBOL_FADE_MS;
}
