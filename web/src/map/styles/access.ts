import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { FONT_BOLD } from './fonts';

/**
 * The food-access layer: cells in three distance bands that read in black and white (a grey
 * ramp, with hatching over the farthest band), cells a what-if site would newly reach, the
 * sources measured from, and numbered best next sites.
 */
export const ACCESS_CELLS_SOURCE = 'access-cells';
export const ACCESS_WHATIF_SOURCE = 'access-whatif';
export const ACCESS_SOURCES_SOURCE = 'access-sources';
export const ACCESS_BEST_SOURCE = 'access-best';
export const ACCESS_HATCH_IMAGE = 'access-hatch';

export type AccessBand = 'within' | 'near' | 'beyond';

/** The bands, nearest first, with the fill each is drawn in (also used by the legend). */
export const ACCESS_BANDS: readonly { band: AccessBand; label: (threshold: string) => string; fill: string; opacity: number; hatched: boolean }[] = [
  { band: 'within', label: (t) => `Within ${t} of food`, fill: '#f4f4f4', opacity: 0.55, hatched: false },
  { band: 'near', label: (t) => `${t} to twice that`, fill: '#8f8f8f', opacity: 0.6, hatched: false },
  { band: 'beyond', label: (t) => `More than twice ${t}, or no way there`, fill: '#303030', opacity: 0.62, hatched: true },
];

export const WHATIF_FILL = '#ffd21f';

/** Which band a distance falls in; no distance (unreachable on foot) counts as beyond. */
export function accessBand(distance: number | null, threshold: number): AccessBand {
  if (distance === null || !Number.isFinite(distance)) return 'beyond';
  if (distance <= threshold) return 'within';
  return distance <= 2 * threshold ? 'near' : 'beyond';
}

export interface CompactCellsInput {
  lon: readonly number[];
  lat: readonly number[];
  population?: readonly number[];
  distance?: readonly (number | null)[];
}

/** Cells as squares around their centres ([half-width, half-height] in degrees), with their band. */
export function accessCellFeatures(cells: CompactCellsInput, cellHalf: readonly [number, number], threshold: number): FeatureCollection<Polygon> {
  const [dx, dy] = cellHalf;
  const features: Feature<Polygon>[] = cells.lon.map((lon, i) => {
    const lat = cells.lat[i];
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] },
      properties: {
        band: cells.distance ? accessBand(cells.distance[i], threshold) : 'within',
        population: cells.population?.[i] ?? 0,
        distance: cells.distance?.[i] ?? null,
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** Points with a label (a rank for best sites, a name for sources). */
export function accessPointFeatures(points: readonly { lon: number; lat: number; label?: string; people?: number }[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((point) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
      properties: { label: point.label ?? '', people: point.people ?? 0 },
    })),
  };
}

export function accessSource(data: FeatureCollection): GeoJSONSourceSpecification {
  return { type: 'geojson', data };
}

/** Cells by band, under the sites: grey fills, hatching over the farthest band, then the cells a what-if site newly reaches. */
export function accessCellLayers(): LayerSpecification[] {
  const colour: unknown[] = ['match', ['get', 'band']];
  const opacity: unknown[] = ['match', ['get', 'band']];
  for (const band of ACCESS_BANDS) {
    colour.push(band.band, band.fill);
    opacity.push(band.band, band.opacity);
  }
  colour.push('#303030');
  opacity.push(0.6);
  return [
    {
      id: 'access-cells-fill', type: 'fill', source: ACCESS_CELLS_SOURCE,
      paint: { 'fill-color': colour as never, 'fill-opacity': opacity as never, 'fill-antialias': false },
    },
    {
      id: 'access-cells-hatch', type: 'fill', source: ACCESS_CELLS_SOURCE,
      filter: ['==', ['get', 'band'], 'beyond'],
      paint: { 'fill-pattern': ACCESS_HATCH_IMAGE, 'fill-opacity': 0.9 },
    },
    {
      id: 'access-whatif-fill', type: 'fill', source: ACCESS_WHATIF_SOURCE,
      paint: { 'fill-color': WHATIF_FILL, 'fill-opacity': 0.85 },
    },
    {
      id: 'access-whatif-line', type: 'line', source: ACCESS_WHATIF_SOURCE,
      paint: { 'line-color': '#111111', 'line-width': 0.8 },
    },
  ];
}

/** What sits over the sites: the sources measured from, and the best next sites with their rank. */
export function accessOverlayLayers(): LayerSpecification[] {
  return [
    {
      id: 'access-sources', type: 'circle', source: ACCESS_SOURCES_SOURCE,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 16, 5],
        'circle-color': '#111111',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'access-best-circle', type: 'circle', source: ACCESS_BEST_SOURCE,
      paint: { 'circle-radius': 14, 'circle-color': '#ffffff', 'circle-stroke-color': '#111111', 'circle-stroke-width': 3.5 },
    },
    {
      id: 'access-best-label', type: 'symbol', source: ACCESS_BEST_SOURCE,
      layout: {
        'text-field': ['get', 'label'], 'text-font': [FONT_BOLD], 'text-size': 16,
        'text-allow-overlap': true, 'text-ignore-placement': true,
      },
      paint: { 'text-color': '#111111' },
    },
  ];
}

/**
 * A square tile of diagonal lines (RGBA), for hatching the farthest band: white lines on
 * transparent, so the dark fill beneath shows between them and a photocopy keeps both.
 */
export function hatchPattern(size = 8, lineWidth = 1.6): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Distance to the nearest line x + y ≡ 0 (mod size), measured across the line.
      const offset = (x + y) % size;
      const across = Math.min(offset, size - offset) / Math.SQRT2;
      if (across <= lineWidth / 2) {
        const i = (y * size + x) * 4;
        data[i] = 255; data[i + 1] = 255; data[i + 2] = 255; data[i + 3] = 230;
      }
    }
  }
  return { width: size, height: size, data };
}
