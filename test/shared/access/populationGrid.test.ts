import { describe, expect, it } from 'vitest';
import { gridSpecCovering } from '../../../shared/access/gridSpec';
import { populationGrid } from '../../../shared/access/populationGrid';
import { buildingFootprintWeights } from '../../../shared/access/buildingFootprintWeights';

const square = (x0: number, y0: number, size: number) => Float64Array.of(x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0);
const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);

describe('populationGrid', () => {
  it('spreads 400 people in a 200 m square evenly over its four 100 m cells', () => {
    const spec = gridSpecCovering([0, 0, 200, 200], 100);
    const grid = populationGrid([{ rings: [square(0, 0, 200)], population: 400 }], spec);
    expect(grid.cellCount).toBe(4);
    expect([...grid.population]).toEqual([100, 100, 100, 100]);
    expect([...grid.x].sort()).toEqual([150, 150, 50, 50]);
  });

  it('keeps the total of an irregular triangle exactly', () => {
    const triangle = Float64Array.of(0, 0, 1030, 40, 310, 870, 0, 0);
    const spec = gridSpecCovering([0, 0, 1030, 870], 25);
    const grid = populationGrid([{ rings: [triangle], population: 1234 }], spec);
    expect(sum(grid.population)).toBeCloseTo(1234, 9);
    expect(grid.cellCount).toBeGreaterThan(600);
  });

  it('puts everyone in a polygon smaller than a cell into the cell under it', () => {
    const spec = gridSpecCovering([0, 0, 1000, 1000], 500);
    const grid = populationGrid([{ rings: [square(610, 620, 20)], population: 37 }], spec);
    expect(grid.cellCount).toBe(1);
    expect([grid.column[0], grid.row[0], grid.population[0]]).toEqual([1, 1, 37]);
  });

  it('gives an area with no population figure no cells and does not guess', () => {
    const spec = gridSpecCovering([0, 0, 400, 200], 100);
    const grid = populationGrid([{ rings: [square(0, 0, 200)], population: null }, { rings: [square(200, 0, 200)], population: 80 }], spec);
    expect(grid.cellCount).toBe(4);
    expect([...grid.area]).toEqual([1, 1, 1, 1]);
    expect(sum(grid.population)).toBe(80);
  });

  it('puts people where the buildings are when weighted by footprints', () => {
    const spec = gridSpecCovering([0, 0, 200, 100], 100);
    const buildings = [square(10, 10, 20), square(50, 50, 20), square(120, 20, 20)];
    const weights = buildingFootprintWeights(buildings, spec);
    const grid = populationGrid([{ rings: [square(0, 0, 200).map((v, i) => (i % 2 ? v / 2 : v))], population: 300 }], spec, { weights });
    expect([...grid.population]).toEqual([200, 100]);
  });
});

describe('populationGrid with several samples per cell', () => {
  it('shares a cell between two areas in proportion to how much of it each covers', () => {
    // One 100 m cell; the west area covers 30 m of it, the east area 70 m; 100 people each.
    const spec = gridSpecCovering([0, 0, 99, 99], 100);
    const west = Float64Array.of(0, 0, 30, 0, 30, 100, 0, 100);
    const east = Float64Array.of(30, 0, 100, 0, 100, 100, 30, 100);
    const grid = populationGrid([{ rings: [west], population: 100 }, { rings: [east], population: 100 }], spec, { samplesPerSide: 10 });
    expect(grid.cellCount).toBe(2);
    expect([...grid.area]).toEqual([0, 1]);
    expect(grid.population[0]).toBeCloseTo(100, 9);
    expect([grid.column[0], grid.column[1]]).toEqual([0, 0]);
  });

  it('splits a large area over its cells by the share of each cell it covers', () => {
    // 150 m × 100 m over two 100 m cells: the first holds two thirds of the people.
    const spec = gridSpecCovering([0, 0, 199, 99], 100);
    const grid = populationGrid([{ rings: [Float64Array.of(0, 0, 150, 0, 150, 100, 0, 100)], population: 300 }], spec, { samplesPerSide: 10 });
    expect(grid.population[0]).toBeCloseTo(200, 9);
    expect(grid.population[1]).toBeCloseTo(100, 9);
  });
});
