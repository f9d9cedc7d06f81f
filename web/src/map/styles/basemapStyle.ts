import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { layers as protomapsLayers, namedTheme } from 'protomaps-themes-base';
import { localFontFaces } from './fonts';

/** What `GET /api/config` says about the basemap. */
export type BasemapConfig =
  | { kind: 'plain'; attribution?: string }
  | { kind: 'style'; styleUrl: string; attribution: string }
  | { kind: 'pmtiles'; url: string; attribution: string };

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
export const BASEMAP_SOURCE = 'basemap';
/** A calm paper colour for the plain background; sites and streets carry the map. */
export const PLAIN_BACKGROUND = '#f3f1ea';

/** Layers that need a sprite sheet, which Kudzu does not serve: dropped or stripped of icons. */
const ICON_ONLY_LAYERS = new Set(['pois']);

function withoutIcons(layer: LayerSpecification): LayerSpecification {
  if (layer.type !== 'symbol' || !layer.layout || !('icon-image' in layer.layout)) return layer;
  const { 'icon-image': _icon, ...layout } = layer.layout;
  return { ...layer, layout };
}

/** Protomaps "light" layers for a PMTiles source, with no layer needing a sprite. */
export function protomapsBasemapLayers(source: string): LayerSpecification[] {
  return protomapsLayers(source, namedTheme('light'), { lang: 'en' })
    .filter((layer) => !ICON_ONLY_LAYERS.has(layer.id))
    .map(withoutIcons);
}

/** The plain background: one paper-coloured layer, nothing to fetch. */
export function plainStyle(fontsBase: string): StyleSpecification {
  return {
    version: 8,
    name: 'Kudzu plain',
    sources: {},
    'font-faces': localFontFaces(fontsBase),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': PLAIN_BACKGROUND } }],
  };
}

/**
 * An offline basemap from a PMTiles file Kudzu serves itself (HTTP range requests through the
 * `pmtiles://` protocol), labelled with local fonts.
 *
 * @param pmtilesUrl absolute URL of the .pmtiles file
 */
export function pmtilesStyle(pmtilesUrl: string, fontsBase: string, attribution = OSM_ATTRIBUTION): StyleSpecification {
  return {
    version: 8,
    name: 'Kudzu offline basemap',
    sources: {
      [BASEMAP_SOURCE]: { type: 'vector', url: `pmtiles://${pmtilesUrl}`, attribution },
    },
    'font-faces': localFontFaces(fontsBase),
    layers: protomapsBasemapLayers(BASEMAP_SOURCE),
  };
}

/**
 * What the map starts from: a style object we build, or the URL of an online style.
 * `origin` makes the server's relative URLs absolute (`http://host:port`).
 */
export function baseStyle(config: BasemapConfig, origin: string, fontsPath = '/fonts'): StyleSpecification | string {
  const fontsBase = new URL(fontsPath, origin).href;
  switch (config.kind) {
    case 'plain': return plainStyle(fontsBase);
    case 'pmtiles': return pmtilesStyle(new URL(config.url, origin).href, fontsBase, config.attribution || OSM_ATTRIBUTION);
    case 'style': return config.styleUrl;
  }
}

