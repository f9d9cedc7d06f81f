import Papa from 'papaparse';
import type { AccessCells } from '../schemas/access';

/**
 * The access map layer as CSV: one row per populated cell, its centre, its people, the
 * distance to the nearest source (empty where none can be reached) and whether it lies
 * beyond the threshold.
 */
export function accessLayerCsv(cells: AccessCells, threshold: number): string {
  const data = cells.lon.map((lon, i) => [lon, cells.lat[i], cells.population[i], cells.distance[i] ?? '', beyondFlag(cells.distance[i], threshold)]);
  return Papa.unparse({ fields: ['longitude', 'latitude', 'population', 'distance_m', 'beyond'], data }, { newline: '\n' }) + '\n';
}

/** The access map layer as GeoJSON: each populated cell as the square the map draws, with the same fields as the CSV. */
export function accessLayerGeoJson(cells: AccessCells, cellHalf: readonly [number, number], threshold: number): string {
  const [dx, dy] = cellHalf;
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const features = cells.lon.map((lon, i) => {
    const lat = cells.lat[i];
    const ring = [[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]].map(([x, y]) => [round(x), round(y)]);
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { population: cells.population[i], distance_m: cells.distance[i], beyond: beyondFlag(cells.distance[i], threshold) },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** 1 beyond the threshold (or unreachable), 0 within. */
function beyondFlag(distance: number | null, threshold: number): number {
  return distance === null || distance > threshold ? 1 : 0;
}
