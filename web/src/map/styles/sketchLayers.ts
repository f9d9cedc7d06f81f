import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export const SKETCH_SOURCE = 'sketch';

export function sketchSource(data: FeatureCollection): GeoJSONSourceSpecification {
  return { type: 'geojson', data };
}

/** The parcel being drawn: a translucent preview, a dashed outline and its corners. */
export function sketchLayers(): LayerSpecification[] {
  return [
    {
      id: 'sketch-fill', type: 'fill', source: SKETCH_SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#f0b400', 'fill-opacity': 0.25 },
    },
    {
      id: 'sketch-line', type: 'line', source: SKETCH_SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': '#111111', 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'sketch-vertices', type: 'circle', source: SKETCH_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': '#111111', 'circle-stroke-width': 2.5 },
    },
  ];
}

/** Invisible anchor layers that keep our groups of layers in order whatever loads first. */
export const LAYER_SLOTS = ['slot-reference', 'slot-parcels', 'slot-sites', 'slot-sketch'] as const;

export function slotLayers(): LayerSpecification[] {
  return LAYER_SLOTS.map((id) => ({ id, type: 'background', layout: { visibility: 'none' }, paint: {} }));
}
