import { describe, expect, it } from 'vitest';
import { degradeLocation, snapToGrid, BLOCK_CELL_METRES } from '../../../shared/privacy/degradeLocation';
import { haversineMetres } from '../../../shared/geo/measure';

const pantry = { type: 'Point' as const, coordinates: [-122.4194, 37.7749] };

describe('degrading a location', () => {
  it('leaves an exact site where it is', () => {
    expect(degradeLocation(pantry, 'exact')).toEqual(pantry);
  });

  it('moves a block-precision site to the centre of its ~150 m cell, never more than a cell away', () => {
    const shown = degradeLocation(pantry, 'block');
    expect(shown?.type).toBe('Point');
    const distance = haversineMetres(pantry.coordinates, (shown as typeof pantry).coordinates);
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThan(BLOCK_CELL_METRES);
  });

  it('gives the same block point for the same site every time, so averaging reveals nothing', () => {
    const answers = Array.from({ length: 20 }, () => JSON.stringify(degradeLocation(pantry, 'block')));
    expect(new Set(answers).size).toBe(1);
  });

  it('gives every site in one cell the same point', () => {
    const a = snapToGrid([-122.41940, 37.77490], BLOCK_CELL_METRES);
    const b = snapToGrid([-122.41945, 37.77492], BLOCK_CELL_METRES);
    expect(a).toEqual(b);
  });

  it('turns a parcel into a single point at block precision, dropping its outline', () => {
    const parcel = { type: 'Polygon' as const, coordinates: [[[-122.42, 37.77], [-122.419, 37.77], [-122.419, 37.771], [-122.42, 37.771], [-122.42, 37.77]]] };
    expect(degradeLocation(parcel, 'block')?.type).toBe('Point');
  });

  it('shows an area-precision site at the centre of its neighbourhood', () => {
    expect(degradeLocation(pantry, 'area', [-122.43, 37.76])).toEqual({ type: 'Point', coordinates: [-122.43, 37.76] });
  });

  it('shows no place at all for a site whose precision is none', () => {
    expect(degradeLocation(pantry, 'none')).toBeNull();
  });
});
