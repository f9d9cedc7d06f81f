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
   * Sample each cell at k × k points (default 1): an area then gives a cell people in
   * proportion to how much of the cell it covers, not all-or-nothing by the cell's centre.
   * Worth it when cells are large next to the areas (USDA's ½-km cells and city tracts).
   */
  readonly samplesPerSide?: number;
  /**
   * Optional weight per sample position (index sampleRow · columns · k + sampleColumn on the
   * grid subdivided k times), e.g. building footprint area. An area spreads its people in
   * proportion to the weights of its samples, or evenly where all of them weigh nothing.
   */
  readonly weights?: Float64Array;
}

/** The grid sampled k times finer, sharing the same origin. */
export function sampleSpec(spec: GridSpec, samplesPerSide: number): GridSpec {
  return {
    cellSize: spec.cellSize / samplesPerSide,
    originX: spec.originX,
    originY: spec.originY,
    columns: spec.columns * samplesPerSide,
    rows: spec.rows * samplesPerSide,
  };
}

/**
 * Spreads each area's population over the sample points (cell centres, or k × k points per
 * cell) that fall inside it, and sums them per cell, so the grid's total equals the areas'
 * total. An area too small to hold a sample puts all its people in the cell under its
 * first vertex. Areas with no population contribute no cells.
 */
export function populationGrid(areas: readonly PlaneArea[], spec: GridSpec, options: PopulationGridOptions = {}): PopulationGrid {
  const { weights } = options;
  const samplesPerSide = Math.max(1, Math.round(options.samplesPerSide ?? 1));
  const samples = sampleSpec(spec, samplesPerSide);
  const output = new CellBuffer();
  let areaSamples: Int32Array<ArrayBuffer> = new Int32Array(1024);
  let sampleCount = 0;
  const addSample = (column: number, row: number) => {
    if (sampleCount === areaSamples.length) areaSamples = grown(areaSamples);
    areaSamples[sampleCount++] = row * samples.columns + column;
  };
  // People per cell for the area at hand, and the cells it touched in order.
  const peopleByCell = new Float64Array(spec.columns * spec.rows);
  let touched: Int32Array<ArrayBuffer> = new Int32Array(1024);

  areas.forEach((area, areaIndex) => {
    if (area.population === null || area.rings.length === 0) return;
    sampleCount = 0;
    rasterisePolygon(area.rings, samples, addSample);
    if (sampleCount === 0) {
      const [firstRing] = area.rings;
      addSample(columnAt(samples, firstRing[0]), rowAt(samples, firstRing[1]));
    }
    let totalWeight = 0;
    if (weights) for (let i = 0; i < sampleCount; i++) totalWeight += weights[areaSamples[i]];
    let touchedCount = 0;
    for (let i = 0; i < sampleCount; i++) {
      const sample = areaSamples[i];
      const share = totalWeight > 0 ? weights![sample] / totalWeight : 1 / sampleCount;
      if (share === 0) continue;
      const column = Math.floor((sample % samples.columns) / samplesPerSide);
      const row = Math.floor(Math.floor(sample / samples.columns) / samplesPerSide);
      const cell = row * spec.columns + column;
      if (peopleByCell[cell] === 0) {
        if (touchedCount === touched.length) touched = grown(touched);
        touched[touchedCount++] = cell;
      }
      peopleByCell[cell] += area.population * share;
    }
    for (let i = 0; i < touchedCount; i++) {
      const cell = touched[i];
      const column = cell % spec.columns, row = (cell - column) / spec.columns;
      output.add(column, row, cellCentreX(spec, column), cellCentreY(spec, row), peopleByCell[cell], areaIndex);
      peopleByCell[cell] = 0;
    }
  });
  return output.toGrid(spec);
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** Growable parallel typed arrays for the grid's cells. */
class CellBuffer {
  private capacity = 4096;
  count = 0;
  column = new Int32Array(this.capacity);
  row = new Int32Array(this.capacity);
  x = new Float64Array(this.capacity);
  y = new Float64Array(this.capacity);
  population = new Float64Array(this.capacity);
  area = new Int32Array(this.capacity);

  add(column: number, row: number, x: number, y: number, population: number, area: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.column[i] = column;
    this.row[i] = row;
    this.x[i] = x;
    this.y[i] = y;
    this.population[i] = population;
    this.area[i] = area;
  }

  toGrid(spec: GridSpec): PopulationGrid {
    const n = this.count;
    return {
      spec,
      cellCount: n,
      column: this.column.slice(0, n),
      row: this.row.slice(0, n),
      x: this.x.slice(0, n),
      y: this.y.slice(0, n),
      population: this.population.slice(0, n),
      area: this.area.slice(0, n),
    };
  }

  private grow(): void {
    this.capacity *= 2;
    const resize = <T extends Int32Array | Float64Array>(array: T): T => {
      const larger = new (array.constructor as { new (length: number): T })(this.capacity);
      larger.set(array);
      return larger;
    };
    this.column = resize(this.column);
    this.row = resize(this.row);
    this.x = resize(this.x);
    this.y = resize(this.y);
    this.population = resize(this.population);
    this.area = resize(this.area);
  }
}
