import { cellCentreX, cellCentreY, columnAt, rowAt, type GridSpec } from './gridSpec';
import { rasterisePolygon } from './rasterisePolygon';

/** A population polygon on the local plane. `population` is null where the source had none. */
export interface PlaneArea {
  readonly rings: readonly Float64Array[];
  readonly population: number | null;
}

/**
 * People spread onto grid cells: one entry per (cell, area) pair that holds people, in
 * parallel typed arrays. A cell on the border of two overlapping polygons appears once for
 * each; `area` says which polygon its people came from.
 */
export interface PopulationGrid {
  readonly spec: GridSpec;
  readonly cellCount: number;
  readonly column: Int32Array;
  readonly row: Int32Array;
  /** Cell centre on the plane, metres. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly population: Float64Array;
  readonly area: Int32Array;
}

export interface PopulationGridOptions {
  /**
   * Optional weight per grid position (index row · columns + column), e.g. building
   * footprint area. An area spreads its people in proportion to the weights of its cells,
   * or evenly where all its cells weigh nothing.
   */
  readonly weights?: Float64Array;
}

/**
 * Spreads each area's population over the cells whose centres fall inside it, so the grid's
 * total equals the areas' total. An area too small to hold a cell centre puts all its people
 * in the cell under its first vertex. Areas with no population contribute no cells.
 */
export function populationGrid(areas: readonly PlaneArea[], spec: GridSpec, options: PopulationGridOptions = {}): PopulationGrid {
  const { weights } = options;
  const columns: number[] = [];
  const rows: number[] = [];
  const people: number[] = [];
  const areaIndices: number[] = [];
  const areaCells: number[] = [];

  areas.forEach((area, areaIndex) => {
    if (area.population === null || area.rings.length === 0) return;
    areaCells.length = 0;
    rasterisePolygon(area.rings, spec, (column, row) => areaCells.push(row * spec.columns + column));
    if (areaCells.length === 0) {
      const [firstRing] = area.rings;
      areaCells.push(rowAt(spec, firstRing[1]) * spec.columns + columnAt(spec, firstRing[0]));
    }
    let totalWeight = 0;
    if (weights) for (const position of areaCells) totalWeight += weights[position];
    for (const position of areaCells) {
      const share = totalWeight > 0 ? weights![position] / totalWeight : 1 / areaCells.length;
      if (totalWeight > 0 && share === 0) continue;
      columns.push(position % spec.columns);
      rows.push(Math.floor(position / spec.columns));
      people.push(area.population * share);
      areaIndices.push(areaIndex);
    }
  });

  const cellCount = people.length;
  const x = new Float64Array(cellCount);
  const y = new Float64Array(cellCount);
  for (let i = 0; i < cellCount; i++) {
    x[i] = cellCentreX(spec, columns[i]);
    y[i] = cellCentreY(spec, rows[i]);
  }
  return {
    spec,
    cellCount,
    column: Int32Array.from(columns),
    row: Int32Array.from(rows),
    x,
    y,
    population: Float64Array.from(people),
    area: Int32Array.from(areaIndices),
  };
}
