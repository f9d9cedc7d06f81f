import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { NetworkEdge, NetworkNode } from '$shared/schemas/federation';
import { FONT_BOLD } from './fonts';

/** Links between groups on the map: lines between the groups' sites, flows as arrows labelled by what they carry. */
export const FEDERATION_LINKS_SOURCE = 'kudzu-federation-links';
export const FEDERATION_ARROW_IMAGE = 'kudzu-federation-arrow';

export const LINK_KIND_WORDS: Record<NetworkEdge['kind'], string> = {
  mutual_support_pact: 'mutual-support pact',
  shared_fund: 'shared fund',
  shared_members: 'shared members',
  flow: 'flow',
};

/**
 * One line per visible link, from where its first group's sites are shown to where the
 * second's are (a flow points the way it goes). Groups shown at no place draw no line.
 */
export function linkFeatures(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[]): GeoJSON.FeatureCollection<GeoJSON.LineString> {
  const position = new Map(nodes.map((node) => [node.id, node.position]));
  const features: GeoJSON.Feature<GeoJSON.LineString>[] = [];
  for (const edge of edges) {
    const from = position.get(edge.fromGroupId);
    const to = position.get(edge.toGroupId);
    if (!from || !to) continue;
    features.push({
      type: 'Feature',
      properties: { id: edge.id, kind: edge.kind, flow: edge.flow ?? '', bridge: edge.bridge, draft: edge.status === 'draft', label: edge.kind === 'flow' ? edge.flow ?? '' : '' },
      geometry: { type: 'LineString', coordinates: [from, to] },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function linksSource(data: GeoJSON.FeatureCollection): GeoJSONSourceSpecification {
  return { type: 'geojson', data };
}

/** Pacts thick and solid, shared funds solid, shared members dotted, flows dashed with arrows; bridges red underneath. */
export function federationLayers(): LayerSpecification[] {
  return [
    {
      id: 'federation-bridges', type: 'line', source: FEDERATION_LINKS_SOURCE, filter: ['==', ['get', 'bridge'], true],
      paint: { 'line-color': '#b3261e', 'line-width': 9, 'line-opacity': 0.35 },
      layout: { 'line-cap': 'round' },
    },
    {
      id: 'federation-links', type: 'line', source: FEDERATION_LINKS_SOURCE,
      paint: {
        'line-color': ['match', ['get', 'kind'], 'mutual_support_pact', '#1d3f5e', 'shared_fund', '#6a4c93', 'shared_members', '#4a4a4a', '#2e6b3a'],
        'line-width': ['match', ['get', 'kind'], 'mutual_support_pact', 3.5, 'shared_fund', 3, 2],
        'line-dasharray': ['match', ['get', 'kind'], 'shared_members', ['literal', [0.6, 1.6]], 'flow', ['literal', [3, 1.5]], ['literal', [1, 0]]],
        'line-opacity': ['case', ['get', 'draft'], 0.45, 0.9],
      },
      layout: { 'line-cap': 'round' },
    },
    {
      id: 'federation-flow-arrows', type: 'symbol', source: FEDERATION_LINKS_SOURCE, filter: ['==', ['get', 'kind'], 'flow'],
      layout: {
        'symbol-placement': 'line', 'symbol-spacing': 120, 'icon-image': FEDERATION_ARROW_IMAGE, 'icon-size': 0.9,
        'icon-rotation-alignment': 'map', 'icon-allow-overlap': true, 'icon-keep-upright': false,
      },
    },
    {
      id: 'federation-flow-labels', type: 'symbol', source: FEDERATION_LINKS_SOURCE, filter: ['==', ['get', 'kind'], 'flow'],
      layout: {
        'symbol-placement': 'line-center', 'text-field': ['get', 'label'], 'text-font': [FONT_BOLD], 'text-size': 13,
        'text-offset': [0, -0.9], 'text-allow-overlap': false,
      },
      paint: { 'text-color': '#1f4d29', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ];
}

/** A filled arrowhead pointing east (the line's direction), as image data for `map.addImage`. */
export function arrowImage(size = 18): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const middle = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Inside the triangle with its tip at the right edge and its base at a third of the width.
      const along = (x - size / 3) / (size - 1 - size / 3);
      const halfWidth = (1 - along) * middle * 0.9;
      if (along >= 0 && along <= 1 && Math.abs(y - middle) <= halfWidth) {
        const i = (y * size + x) * 4;
        data[i] = 46; data[i + 1] = 107; data[i + 2] = 58; data[i + 3] = 255;
      }
    }
  }
  return { width: size, height: size, data };
}
