import type { GridSpec } from './gridSpec';

/**
 * Visits every grid cell whose centre lies inside a polygon, by scanlines through the cell
 * centres and the even-odd rule over all rings (outer rings, holes and the parts of a
 * multipolygon together). Even-odd gives a definite answer for self-intersecting rings too:
 * the lobes of a bow-tie are inside, a region wound twice is outside.
 *
 * @param rings interleaved [x0, y0, x1, y1, …] plane coordinates, closed or not
 */
export function rasterisePolygon(rings: readonly Float64Array[], grid: GridSpec, visit: (column: number, row: number) => void): void {
  const { originX, originY, cellSize } = grid;
  let firstRow = Infinity;
  let lastRow = -Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 2) {
      const row = (ring[i] - originY) / cellSize - 0.5;
      if (row < firstRow) firstRow = row;
      if (row > lastRow) lastRow = row;
    }
  }
  firstRow = Math.max(0, Math.ceil(firstRow));
  lastRow = Math.min(grid.rows - 1, Math.floor(lastRow));
  if (firstRow > lastRow) return;

  const crossingsByRow: number[][] = Array.from({ length: lastRow - firstRow + 1 }, () => []);
  for (const ring of rings) addRingCrossings(ring, grid, firstRow, lastRow, crossingsByRow);

  for (let offset = 0; offset < crossingsByRow.length; offset++) {
    const crossings = crossingsByRow[offset];
    if (crossings.length < 2) continue;
    crossings.sort((a, b) => a - b);
    const row = firstRow + offset;
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const startColumn = Math.max(0, Math.ceil((crossings[i] - originX) / cellSize - 0.5));
      const endColumn = Math.min(grid.columns, Math.ceil((crossings[i + 1] - originX) / cellSize - 0.5));
      for (let column = startColumn; column < endColumn; column++) visit(column, row);
    }
  }
}

function addRingCrossings(ring: Float64Array, grid: GridSpec, firstRow: number, lastRow: number, crossingsByRow: number[][]): void {
  const { originY, cellSize } = grid;
  const pointCount = ring.length >> 1;
  for (let i = 0, j = pointCount - 1; i < pointCount; j = i++) {
    const x1 = ring[2 * j], y1 = ring[2 * j + 1];
    const x2 = ring[2 * i], y2 = ring[2 * i + 1];
    if (y1 === y2) continue;
    const low = Math.min(y1, y2), high = Math.max(y1, y2);
    // Rows whose centre y satisfies low <= y < high, so a vertex shared by two edges counts once.
    const startRow = Math.max(firstRow, Math.ceil((low - originY) / cellSize - 0.5));
    const endRow = Math.min(lastRow + 1, Math.ceil((high - originY) / cellSize - 0.5));
    const slope = (x2 - x1) / (y2 - y1);
    for (let row = startRow; row < endRow; row++) {
      const y = originY + (row + 0.5) * cellSize;
      crossingsByRow[row - firstRow].push(x1 + (y - y1) * slope);
    }
  }
}

