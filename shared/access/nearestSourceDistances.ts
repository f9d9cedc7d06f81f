import { type PlanarPointIndex } from '../geo/planarPointIndex';

export interface NearestSources {
  /** Straight-line distance in metres from each cell to its nearest source (Infinity if none). */
  readonly distance: Float64Array;
  /** Index of that source, or -1. */
  readonly source: Int32Array;
}

/**
 * Straight-line distance from each cell centre to the nearest source, by k-d tree. Cells come
 * in grid order, so each search starts from the previous cell's answer as a tight bound.
 */
export function nearestSourceDistances(cellX: Float64Array, cellY: Float64Array, sources: PlanarPointIndex): NearestSources {
  const cellCount = cellX.length;
  const distance = new Float64Array(cellCount).fill(Infinity);
  const source = new Int32Array(cellCount).fill(-1);
  let previous = -1;
  for (let i = 0; i < cellCount; i++) {
    const nearest = sources.nearest(cellX[i], cellY[i], previous);
    if (nearest < 0) continue;
    source[i] = nearest;
    distance[i] = Math.sqrt(sources.lastSquaredDistance);
    previous = nearest;
  }
  return { distance, source };
}
