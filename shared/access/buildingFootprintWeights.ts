import { columnAt, rowAt, type GridSpec } from './gridSpec';

/**
 * Building footprint area (m²) per grid position (row · columns + column), each building
 * counted whole in the cell holding its centroid. Buildings are far smaller than a cell,
 * so splitting them across cell edges would change little.
 *
 * @param footprints outer rings on the plane, interleaved [x0, y0, x1, y1, …]
 */
export function buildingFootprintWeights(footprints: readonly Float64Array[], spec: GridSpec): Float64Array {
  const weights = new Float64Array(spec.columns * spec.rows);
  for (const ring of footprints) {
    const { area, centroidX, centroidY } = ringAreaAndCentroid(ring);
    if (area === 0) continue;
    const column = Math.floor((centroidX - spec.originX) / spec.cellSize);
    const row = Math.floor((centroidY - spec.originY) / spec.cellSize);
    if (column < 0 || row < 0 || column >= spec.columns || row >= spec.rows) continue;
    weights[rowAt(spec, centroidY) * spec.columns + columnAt(spec, centroidX)] += area;
  }
  return weights;
}

function ringAreaAndCentroid(ring: Float64Array): { area: number; centroidX: number; centroidY: number } {
  const pointCount = ring.length >> 1;
  let doubleArea = 0, sumX = 0, sumY = 0;
  for (let i = 0, j = pointCount - 1; i < pointCount; j = i++) {
    const x0 = ring[2 * j], y0 = ring[2 * j + 1], x1 = ring[2 * i], y1 = ring[2 * i + 1];
    const cross = x0 * y1 - x1 * y0;
    doubleArea += cross;
    sumX += (x0 + x1) * cross;
    sumY += (y0 + y1) * cross;
  }
  if (doubleArea === 0) return { area: 0, centroidX: 0, centroidY: 0 };
  return { area: Math.abs(doubleArea) / 2, centroidX: sumX / (3 * doubleArea), centroidY: sumY / (3 * doubleArea) };
}
