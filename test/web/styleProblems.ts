/** Layer sets checked as the app draws them: over the plain background, by MapLibre's own validator. */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { plainStyle } from '../../web/src/map/styles/basemapStyle';

/** An empty GeoJSON collection, for a source that has nothing yet. */
export const EMPTY_COLLECTION = { type: 'FeatureCollection' as const, features: [] };

/** What MapLibre finds wrong with the plain background plus these sources and layers (drawn in this order, above it). */
export function styleProblems(sources: Record<string, SourceSpecification>, layers: LayerSpecification[]): unknown[] {
  const style = plainStyle('http://127.0.0.1:8787/fonts');
  const assembled: StyleSpecification = { ...style, sources: { ...style.sources, ...sources }, layers: [...style.layers, ...layers] };
  return validateStyleMin(assembled);
}
