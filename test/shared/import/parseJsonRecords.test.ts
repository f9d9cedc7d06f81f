import { describe, expect, it } from 'vitest';
import { parseJsonRecords } from '../../../shared/import/parseJsonRecords';
import { fixture, options, types } from './helpers';

describe('parseJsonRecords', () => {
  it('reads an array of objects with the same column detection as a CSV', () => {
    const parsed = parseJsonRecords(fixture('fridges.json'), options({ defaultType: 'community_fridge' }), { fileName: 'fridges.json', types });
    expect(parsed.errors).toEqual([]);
    expect(parsed.columns).toMatchObject({ name: 'organization', latitude: 'latitude', longitude: 'longitude', address: 'street_address' });
    expect(parsed.drafts.map((d) => d.input.name)).toEqual(['Block Fridge Collective', 'Community fridge at 2 Side St']);
  });

  it('takes the function type from a file named for one, and says so', () => {
    const parsed = parseJsonRecords(fixture('fridges.json'), options(), { fileName: 'community-fridges-2021.json', types });
    expect(parsed.drafts.every((d) => d.input.functionType === 'community_fridge')).toBe(true);
    expect(parsed.notes.join(' ')).toMatch(/every row is taken as community_fridge/);
  });

  it('refuses every row when neither the rows nor the file name say what they are', () => {
    const parsed = parseJsonRecords(fixture('fridges.json'), options(), { fileName: 'places.json', types });
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([[1, 'type'], [2, 'type']]);
  });

  it('refuses a JSON object that holds no array of records', () => {
    const parsed = parseJsonRecords('{"fridges": 3}', options(), { fileName: 'x.json', types });
    expect(parsed.errors[0]).toMatchObject({ row: null, field: 'file', message: expect.stringContaining('array of objects') });
  });

  it('names the row and the longitude column of a longitude out of range', () => {
    const parsed = parseJsonRecords('[{"name":"A","lat":1,"lon":200,"type":"food_pantry"}]', options(), { fileName: 'x.json', types });
    expect(parsed.errors).toEqual([{ row: 1, field: 'lon', message: 'longitude 200 is outside -180..180' }]);
  });
});
