import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { DOMAINS } from '../../shared/taxonomy/domains';
import { baseStyle, plainStyle, pmtilesStyle, protomapsBasemapLayers, OSM_ATTRIBUTION } from '../../web/src/map/styles/basemapStyle';
import { localFontFaces } from '../../web/src/map/styles/fonts';
import { clusterLayers, parcelLayers, sitesLayers, sitesSource, SITES_SOURCE, selectedFilter } from '../../web/src/map/styles/sitesLayers';
import { referenceKind, referenceLayers, referenceSource, referenceSourceId } from '../../web/src/map/styles/referenceLayers';
import { SKETCH_SOURCE, sketchLayers, sketchSource, slotLayers } from '../../web/src/map/styles/sketchLayers';

const empty = { type: 'FeatureCollection' as const, features: [] };
const FONTS = 'http://127.0.0.1:8787/fonts';

/** The whole map as the app assembles it on the plain background. */
function assembled(selected: string | null = null): StyleSpecification {
  const style = plainStyle(FONTS);
  return {
    ...style,
    sources: {
      [SITES_SOURCE]: sitesSource('http://127.0.0.1:8787/tiles/sites/{z}/{x}/{y}.pbf?domains=food'),
      [referenceSourceId('demo_streets')]: referenceSource(empty),
      [referenceSourceId('demo_blocks')]: referenceSource(empty),
      [SKETCH_SOURCE]: sketchSource(empty),
    },
    layers: [
      ...style.layers,
      ...referenceLayers('demo_blocks'),
      ...referenceLayers('demo_streets'),
      ...slotLayers(),
      ...parcelLayers(DOMAINS),
      ...clusterLayers(),
      ...sitesLayers(DOMAINS, selected),
      ...sketchLayers(),
    ],
  };
}

function textFonts(layers: LayerSpecification[]): Set<string> {
  const fonts = new Set<string>();
  for (const layer of layers) {
    if (layer.type !== 'symbol' || !layer.layout?.['text-font']) continue;
    for (const match of JSON.stringify(layer.layout['text-font']).matchAll(/"(Noto Sans [A-Za-z]+)"/g)) fonts.add(match[1]);
  }
  return fonts;
}

describe('the map style on the plain background', () => {
  it('is a valid MapLibre style with every layer we add', () => {
    expect(validateStyleMin(assembled())).toEqual([]);
    expect(validateStyleMin(assembled('site-42'))).toEqual([]);
  });

  it('needs no glyph server: every font it names is a local font face', () => {
    const style = assembled();
    expect(style.glyphs).toBeUndefined();
    const declared = Object.keys(style['font-faces'] ?? {});
    for (const font of textFonts(style.layers)) expect(declared).toContain(font);
  });

  it('points font faces at the files Kudzu serves, with their unicode ranges', () => {
    const faces = localFontFaces(`${FONTS}/`)['Noto Sans Regular'];
    expect(Array.isArray(faces) && faces[0]).toMatchObject({ url: `${FONTS}/noto-sans-latin-400-normal.woff2` });
    expect(Array.isArray(faces) && faces[0]['unicode-range']).toContain('U+0000-00FF');
  });

  it('draws sites, clusters and parcels from the server’s tiles, and selects nothing when no site is selected', () => {
    expect(sitesSource('/tiles/sites/{z}/{x}/{y}.pbf')).toMatchObject({ type: 'vector', maxzoom: 16 });
    const layers = [...sitesLayers(DOMAINS, null), ...clusterLayers(), ...parcelLayers(DOMAINS)];
    expect(new Set(layers.map((layer) => 'source-layer' in layer && layer['source-layer']))).toEqual(new Set(['sites', 'parcels']));
    expect(JSON.stringify(selectedFilter(null))).toContain('""');
  });

  it('draws streets as lines with their names and blocks as fills', () => {
    expect(referenceKind('demo_streets')).toBe('streets');
    expect(referenceKind('demo_blocks')).toBe('blocks');
    expect(referenceLayers('demo_streets').map((l) => l.type)).toEqual(['line', 'line', 'symbol']);
    expect(referenceLayers('demo_blocks').map((l) => l.type)).toEqual(['fill', 'line']);
  });
});

describe('the offline PMTiles basemap', () => {
  const style = pmtilesStyle('http://127.0.0.1:8787/basemap/basemap.pmtiles', FONTS);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('reads tiles through the pmtiles protocol and credits OpenStreetMap', () => {
    expect(style.sources.basemap).toMatchObject({ type: 'vector', url: 'pmtiles://http://127.0.0.1:8787/basemap/basemap.pmtiles', attribution: OSM_ATTRIBUTION });
  });

  it('needs no sprite server: no layer asks for an icon', () => {
    expect(style.sprite).toBeUndefined();
    for (const layer of protomapsBasemapLayers('basemap')) {
      expect(layer.type === 'symbol' ? layer.layout?.['icon-image'] : undefined).toBeUndefined();
    }
  });

  it('labels streets with the local Noto Sans faces', () => {
    const declared = Object.keys(style['font-faces'] ?? {});
    const used = textFonts(style.layers);
    expect(used.size).toBeGreaterThan(0);
    for (const font of used) expect(declared).toContain(font);
  });
});

describe('choosing the basemap', () => {
  it('uses an online style by its URL as it is', () => {
    expect(baseStyle({ kind: 'style', styleUrl: 'https://tiles.example/style.json', attribution: OSM_ATTRIBUTION }, 'http://localhost:8787')).toBe('https://tiles.example/style.json');
  });

  it('makes the server’s relative PMTiles URL absolute', () => {
    const style = baseStyle({ kind: 'pmtiles', url: '/basemap/basemap.pmtiles', attribution: OSM_ATTRIBUTION }, 'http://localhost:8787') as StyleSpecification;
    expect(style.sources.basemap).toMatchObject({ url: 'pmtiles://http://localhost:8787/basemap/basemap.pmtiles' });
  });

  it('falls back to a plain paper background with nothing to fetch', () => {
    const style = baseStyle({ kind: 'plain' }, 'http://localhost:8787') as StyleSpecification;
    expect(style.sources).toEqual({});
    expect(style.layers.map((l) => l.type)).toEqual(['background']);
  });
});
