import { describe, expect, it } from 'vitest';
import { findLikelyDuplicates, normaliseName } from '../../../shared/import/findLikelyDuplicates';

// 0.0003° of latitude is about 33 m; 0.0006° about 67 m.
describe('findLikelyDuplicates', () => {
  it('flags the same name within 50 m of a site already on the map', () => {
    const found = findLikelyDuplicates([{ row: 1, name: 'The Friendly Fridge!', point: [-73.9294, 40.7036] }], [{ id: 's1', name: 'friendly fridge', lon: -73.9294, lat: 40.7039 }]);
    expect(found).toEqual([{ row: 1, name: 'The Friendly Fridge!', existingId: 's1', existingRow: null, existingName: 'friendly fridge', distanceMetres: expect.closeTo(33.4, 0) }]);
  });

  it('flags a later row with the same name near an earlier row of the same file', () => {
    const found = findLikelyDuplicates([
      { row: 1, name: 'Corner Garden', point: [0, 0] },
      { row: 2, name: 'Corner  Garden', point: [0, 0.0003] },
    ], []);
    expect(found).toMatchObject([{ row: 2, existingRow: 1, existingId: null }]);
  });

  it('does not flag the same name farther than 50 m away, or a different name close by', () => {
    expect(findLikelyDuplicates([{ row: 1, name: 'Community Garden', point: [0, 0.0006] }, { row: 2, name: 'Other Garden', point: [0, 0] }],
      [{ id: 's1', name: 'Community Garden', lon: 0, lat: 0 }])).toEqual([]);
  });

  it('treats accents, case, punctuation and “&” alike', () => {
    expect(normaliseName('Café & Co.')).toBe(normaliseName('cafe and co'));
  });
});
