import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type * as MapLibre from 'maplibre-gl';

const KEY = Symbol('kudzu-map');

/** The one MapLibre map, shared with the layer components beneath the root. */
export class MapContext {
  map = $state.raw<MapLibreMap | null>(null);
  /** The MapLibre module, loaded in a chunk of its own by the root (for markers and the like). */
  maplibre = $state.raw<typeof MapLibre | null>(null);
  /** True once the style has loaded and our marker images and layer slots exist. */
  ready = $state(false);
}

export function setMapContext(context: MapContext): MapContext {
  return setContext(KEY, context);
}

export function getMapContext(): MapContext {
  const context = getContext<MapContext | undefined>(KEY);
  if (!context) throw new Error('a map layer must sit inside <MapRoot>');
  return context;
}
