import { createContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type * as MapLibre from 'maplibre-gl';

/** The one MapLibre map, shared with the layer components beneath the root. */
export class MapContext {
  map = $state.raw<MapLibreMap | null>(null);
  /** The MapLibre module, loaded in a chunk of its own by the root (for markers and the like). */
  maplibre = $state.raw<typeof MapLibre | null>(null);
  /** True once the style has loaded and our marker images and layer slots exist. */
  ready = $state(false);
}

/** The map, set by <MapRoot>; a layer component outside it fails at once (Svelte throws if it is missing). */
export const [getMapContext, setMapContext] = createContext<MapContext>();
