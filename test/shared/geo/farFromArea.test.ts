import { describe, expect, it } from 'vitest';
import { farFromArea, metresOutside } from '../../../shared/geo/farFromArea';
import { networkAreas, networkBounds, type AreaLike } from '../../../shared/geo/networkArea';

const square = (name: string, kind: string, west: number, south: number, size: number): AreaLike => ({
  name, kind, geometry: { type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]] },
});

const district = square('Flats', 'district', -122.43, 37.75, 0.04);
const neighbourhood = square('Old Mill', 'neighbourhood', -122.43, 37.75, 0.02);
const tract = square('Tract 101', 'tract', -123, 37, 2);

describe('the network’s area', () => {
  it('is its districts, else its neighbourhoods; tracts and blocks never count', () => {
    expect(networkAreas([tract, neighbourhood, district]).map((area) => area.name)).toEqual(['Flats']);
    expect(networkAreas([tract, neighbourhood]).map((area) => area.name)).toEqual(['Old Mill']);
    expect(networkAreas([tract])).toEqual([]);
  });

  it('gives the box the map opens on, or none when there is no area', () => {
    expect(networkBounds([tract, district])).toEqual([-122.43, 37.75, -122.39, 37.79]);
    expect(networkBounds([])).toBeNull();
  });
});

describe('places far from the network’s area', () => {
  it('measures 0 inside and metres to the edge outside', () => {
    expect(metresOutside([-122.41, 37.77], [district])).toBe(0);
    // 0.05° of latitude north of the northern edge: about 5.6 km.
    expect(metresOutside([-122.41, 37.84], [district])).toBeGreaterThan(5400);
    expect(metresOutside([-122.41, 37.84], [district])).toBeLessThan(5700);
  });

  it('names the rows more than 3 km outside, furthest first, and leaves near ones alone', () => {
    const far = farFromArea([
      { row: 1, name: 'Inside', point: [-122.41, 37.77] },
      { row: 2, name: 'Just outside', point: [-122.41, 37.80] },
      { row: 3, name: 'Swapped', point: [37.77, -122.41] },
      { row: 4, name: 'Next town', point: [-122.41, 37.84] },
    ], [district, tract]);
    expect(far.map((place) => [place.row, place.name])).toEqual([[3, 'Swapped'], [4, 'Next town']]);
    expect(far[1].kilometres).toBeCloseTo(5.6, 0);
  });

  it('asks nothing when the network has no area yet', () => {
    expect(farFromArea([{ row: 1, name: 'Anywhere', point: [10, 10] }], [tract])).toEqual([]);
  });
});
