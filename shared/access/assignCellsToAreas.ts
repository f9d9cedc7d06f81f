import type { PopulationGrid } from './populationGrid';
import { rasterisePolygon } from './rasterisePolygon';

/**
 * Which area (e.g. a neighbourhood or an audit area, not necessarily the population
 * polygons) each populated cell's centre falls in; -1 outside every area. Where areas
 * overlap, the first one listed wins.
 *
 * @param areas each area's rings on the plane
 */
export function assignCellsToAreas(grid: PopulationGrid, areas: readonly (readonly Float64Array[])[]): Int32Array {
  const { spec } = grid;
  const owner = new Int32Array(spec.columns * spec.rows).fill(-1);
  areas.forEach((rings, area) => {
    rasterisePolygon(rings, spec, (column, row) => {
      const position = row * spec.columns + column;
      if (owner[position] < 0) owner[position] = area;
    });
  });
  const cellArea = new Int32Array(grid.cellCount);
  for (let i = 0; i < grid.cellCount; i++) cellArea[i] = owner[grid.row[i] * spec.columns + grid.column[i]];
  return cellArea;
}
