/**
 * A regular grid of square cells on a local plane (metres). Cell (column, row) spans
 * [originX + column·cellSize, originX + (column + 1)·cellSize) horizontally, and the same
 * vertically from originY (the south-west corner). Cells are aligned to multiples of the
 * cell size, so two grids of the same size on the same plane line up.
 */
export interface GridSpec {
  readonly cellSize: number;
  readonly originX: number;
  readonly originY: number;
  readonly columns: number;
  readonly rows: number;
}

/** Bounds on the plane: [minX, minY, maxX, maxY] in metres. */
export type PlaneBounds = [number, number, number, number];

export function gridSpecCovering([minX, minY, maxX, maxY]: PlaneBounds, cellSize: number): GridSpec {
  if (!(cellSize > 0)) throw new RangeError(`cell size must be positive, got ${cellSize}`);
  const originX = Math.floor(minX / cellSize) * cellSize;
  const originY = Math.floor(minY / cellSize) * cellSize;
  return {
    cellSize,
    originX,
    originY,
    columns: Math.max(1, Math.floor((maxX - originX) / cellSize) + 1),
    rows: Math.max(1, Math.floor((maxY - originY) / cellSize) + 1),
  };
}

export function cellCentreX(grid: GridSpec, column: number): number {
  return grid.originX + (column + 0.5) * grid.cellSize;
}

export function cellCentreY(grid: GridSpec, row: number): number {
  return grid.originY + (row + 0.5) * grid.cellSize;
}

/** The column holding plane x, clamped to the grid. */
export function columnAt(grid: GridSpec, x: number): number {
  return Math.min(grid.columns - 1, Math.max(0, Math.floor((x - grid.originX) / grid.cellSize)));
}

/** The row holding plane y, clamped to the grid. */
export function rowAt(grid: GridSpec, y: number): number {
  return Math.min(grid.rows - 1, Math.max(0, Math.floor((y - grid.originY) / grid.cellSize)));
}
