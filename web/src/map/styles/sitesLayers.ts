import type { ExpressionSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import { PARCEL_TILE_LAYER, SITE_TILE_LAYER, SITE_TILE_MAX_ZOOM } from '$shared/map/siteTileQuery';
import { FONT_BOLD, FONT_MEDIUM } from './fonts';
import { APPROXIMATE_IMAGE, UNKNOWN_MARKER_IMAGE, domainColourExpression, type DomainStyle } from './domainColours';

export const SITES_SOURCE = 'sites';

export const CLUSTER_LAYER = 'site-clusters';
export const CLUSTER_COUNT_LAYER = 'site-cluster-counts';
export const MARKER_LAYER = 'site-markers';
export const APPROXIMATE_LAYER = 'site-approximate';
export const SELECTED_LAYER = 'site-selected';
export const SITE_LABEL_LAYER = 'site-labels';
export const PARCEL_FILL_LAYER = 'parcel-fill';
export const PARCEL_OUTLINE_LAYER = 'parcel-outline';

/** Layers a click on the map can hit to open a site. */
export const CLUSTER_COLOUR = '#1f3a52';

/**
 * The server's site tiles: sites and clusters (clustered on the server, per zoom) in one
 * layer, parcels' outlines in another. `tiles` is the tile URL with the filters as its query.
 */
export function sitesSource(tiles: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [tiles], minzoom: 0, maxzoom: SITE_TILE_MAX_ZOOM };
}

const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];

/** Only the selected site (none when `selectedId` is null). */
export function selectedFilter(selectedId: string | null): ExpressionSpecification {
  return ['all', notCluster, ['==', ['get', 'id'], selectedId ?? '']];
}

/** The same marker for every site of a domain; unknown domains get a neutral marker. */
export function markerImageExpression(domains: readonly DomainStyle[]): ExpressionSpecification {
  if (domains.length === 0) return ['literal', UNKNOWN_MARKER_IMAGE] as unknown as ExpressionSpecification;
  return ['match', ['get', 'domain'], ...domains.flatMap((d) => [d.id, `kudzu-marker-${d.id}`]), UNKNOWN_MARKER_IMAGE] as unknown as ExpressionSpecification;
}

/**
 * Single sites as domain markers; sites whose location was degraded get a dashed
 * "approximate location" ring; closed sites fade; the selected site gets a halo.
 */
export function sitesLayers(domains: readonly DomainStyle[], selectedId: string | null): LayerSpecification[] {
  const markerSize: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 10, 0.85, 16, 1.1];
  return [
    {
      id: APPROXIMATE_LAYER,
      type: 'symbol',
      source: SITES_SOURCE,
      'source-layer': SITE_TILE_LAYER,
      filter: ['all', notCluster, ['==', ['get', 'degraded'], true]],
      layout: {
        'icon-image': APPROXIMATE_IMAGE,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': markerSize,
      },
    },
    {
      id: SELECTED_LAYER,
      type: 'circle',
      source: SITES_SOURCE,
      'source-layer': SITE_TILE_LAYER,
      filter: selectedFilter(selectedId),
      paint: {
        'circle-radius': 21,
        'circle-color': '#ffffff',
        'circle-opacity': 0.75,
        'circle-stroke-color': '#111111',
        'circle-stroke-width': 3,
      },
    },
    {
      id: MARKER_LAYER,
      type: 'symbol',
      source: SITES_SOURCE,
      'source-layer': SITE_TILE_LAYER,
      filter: notCluster,
      layout: {
        'icon-image': markerImageExpression(domains),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': markerSize,
      },
      paint: {
        'icon-opacity': ['case', ['==', ['get', 'status'], 'closed'], 0.45, 1],
      },
    },
    {
      id: SITE_LABEL_LAYER,
      type: 'symbol',
      source: SITES_SOURCE,
      'source-layer': SITE_TILE_LAYER,
      filter: notCluster,
      minzoom: 15.5,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONT_MEDIUM],
        'text-size': 13,
        'text-offset': [0, 1.5],
        'text-anchor': 'top',
        'text-max-width': 10,
        'text-optional': true,
      },
      paint: { 'text-color': '#1b1b1b', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ];
}

/** Clusters as dark circles with their count in white, growing with the count. */
export function clusterLayers(): LayerSpecification[] {
  return [
    {
      id: CLUSTER_LAYER,
      type: 'circle',
      source: SITES_SOURCE,
      'source-layer': SITE_TILE_LAYER,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': CLUSTER_COLOUR,
        'circle-opacity': 0.92,
        'circle-radius': ['step', ['get', 'point_count'], 17, 10, 21, 100, 26, 1000, 32, 10000, 38],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 3,
      },
    },
    {
      id: CLUSTER_COUNT_LAYER,
      type: 'symbol',
      source: SITES_SOURCE,
      'source-layer': SITE_TILE_LAYER,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [FONT_BOLD],
        'text-size': 15,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}

/** Parcels as translucent fills in their domain colour with a solid outline; closed ones dashed. */
export function parcelLayers(domains: readonly DomainStyle[]): LayerSpecification[] {
  const colour = domainColourExpression(domains);
  return [
    {
      id: PARCEL_FILL_LAYER,
      type: 'fill',
      source: SITES_SOURCE,
      'source-layer': PARCEL_TILE_LAYER,
      paint: {
        'fill-color': colour as ExpressionSpecification,
        'fill-opacity': ['case', ['==', ['get', 'status'], 'closed'], 0.12, 0.3],
      },
    },
    {
      id: PARCEL_OUTLINE_LAYER,
      type: 'line',
      source: SITES_SOURCE,
      'source-layer': PARCEL_TILE_LAYER,
      paint: {
        'line-color': colour as ExpressionSpecification,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.5, 17, 3],
      },
    },
  ];
}
