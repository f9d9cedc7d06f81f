import { fromPlane, type LocalPlane } from '../geo/localPlane';
import type { PopulationGrid } from './populationGrid';

/** Cells as parallel plain arrays, small enough to send: one entry per grid cell. */
export interface CompactCells {
  lon: number[];
  lat: number[];
  population: number[];
  /** Metres, rounded; null where no source can be reached (e.g. off the street network). */
  distance: (number | null)[];
}

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/**
 * One entry per populated grid cell: a cell on the border of two polygons appears in the
 * grid once for each, and is merged here (its people summed; its distance is the same).
 * Positions keep 6 decimals (~10 cm), people a tenth, distances a metre.
 */
export function compactCells(plane: LocalPlane, grid: PopulationGrid, distance: Float64Array): CompactCells {
  const indexOf = new Map<number, number>();
  const out: CompactCells = { lon: [], lat: [], population: [], distance: [] };
  const people: number[] = [];
  for (let i = 0; i < grid.cellCount; i++) {
    const key = grid.row[i] * grid.spec.columns + grid.column[i];
    const at = indexOf.get(key);
    if (at !== undefined) { people[at] += grid.population[i]; continue; }
    indexOf.set(key, out.lon.length);
    const [lon, lat] = fromPlane(plane, grid.x[i], grid.y[i]);
    out.lon.push(round(lon, 6));
    out.lat.push(round(lat, 6));
    people.push(grid.population[i]);
    out.distance.push(Number.isFinite(distance[i]) ? Math.round(distance[i]) : null);
  }
  out.population = people.map((value) => round(value, 1));
  return out;
}

/** The distinct cell centres (longitude, latitude) of some grid entries. */
export function cellPositions(plane: LocalPlane, grid: PopulationGrid, entries: ArrayLike<number>): { lon: number[]; lat: number[] } {
  const seen = new Set<number>();
  const lon: number[] = [], lat: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const key = grid.row[entry] * grid.spec.columns + grid.column[entry];
    if (seen.has(key)) continue;
    seen.add(key);
    const [x, y] = fromPlane(plane, grid.x[entry], grid.y[entry]);
    lon.push(round(x, 6));
    lat.push(round(y, 6));
  }
  return { lon, lat };
}
