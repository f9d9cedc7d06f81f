import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { FONT_REGULAR } from './fonts';

export type ReferenceKind = 'streets' | 'blocks' | 'areas';

export function referenceSourceId(layer: string): string {
  return `reference-${layer}`;
}

export function referenceSource(data: FeatureCollection): GeoJSONSourceSpecification {
  return { type: 'geojson', data };
}

/** How a reference layer is drawn, from its name: streets as lines, blocks as fills. */
export function referenceKind(layer: string): ReferenceKind {
  if (/street|road/i.test(layer)) return 'streets';
  if (/block/i.test(layer)) return 'blocks';
  return 'areas';
}

/**
 * Quiet layers that make the plain background look like a place: blocks as pale fills,
 * streets as white lines with a grey casing and their names along them.
 */
export function referenceLayers(layer: string, kind: ReferenceKind = referenceKind(layer)): LayerSpecification[] {
  const source = referenceSourceId(layer);
  switch (kind) {
    case 'blocks':
      return [
        { id: `${source}-fill`, type: 'fill', source, paint: { 'fill-color': '#e4dfd1', 'fill-opacity': 0.9 } },
        { id: `${source}-outline`, type: 'line', source, paint: { 'line-color': '#cfc7b2', 'line-width': 1 } },
      ];
    case 'streets':
      return [
        {
          id: `${source}-casing`, type: 'line', source,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': '#b9b2a2', 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, 2, 18, 26] },
        },
        {
          id: `${source}-line`, type: 'line', source,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, 1, 18, 22] },
        },
        {
          id: `${source}-label`, type: 'symbol', source,
          minzoom: 13.5,
          layout: {
            'symbol-placement': 'line',
            'text-field': ['coalesce', ['get', 'name'], ''],
            'text-font': [FONT_REGULAR],
            'text-size': ['interpolate', ['linear'], ['zoom'], 14, 12, 18, 16],
            'symbol-spacing': 300,
          },
          paint: { 'text-color': '#4a4a4a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
        },
      ];
    case 'areas':
      return [
        { id: `${source}-outline`, type: 'line', source, paint: { 'line-color': '#8a8a8a', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
      ];
  }
}
