import { describe, expect, it } from 'vitest';
import { parseCsvSites } from '../../../shared/import/parseCsvSites';
import { fixture, options, types } from './helpers';

const context = (fileName: string) => ({ fileName, types });

describe('parseCsvSites', () => {
  it('names row 3 and the latitude column when a latitude is 100', () => {
    const parsed = parseCsvSites(fixture('latitude-100.csv'), options(), context('latitude-100.csv'));
    expect(parsed.errors).toEqual([{ row: 3, field: 'latitude', message: 'latitude 100 is outside -90..90' }]);
    expect(parsed.drafts.map((d) => [d.row, d.input.functionType])).toEqual([[1, 'food_pantry'], [2, 'community_fridge']]);
  });

  it('detects the usual column names and reports which it used', () => {
    const parsed = parseCsvSites(fixture('latitude-100.csv'), options(), context('latitude-100.csv'));
    expect(parsed.columns).toEqual({ name: 'name', latitude: 'latitude', longitude: 'longitude', type: 'type', address: null, id: null });
  });

  it('uses the columns the person chose', () => {
    const parsed = parseCsvSites(fixture('chosen-columns.csv'), options({ nameColumn: 'Site Name', latColumn: 'Y', lonColumn: 'X', typeColumn: 'What', addressColumn: 'Street' }), context('c.csv'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.drafts.map((d) => [d.input.name, d.input.functionType, d.input.address, d.input.geometry])).toEqual([
      ['Tool Shed', 'tool_library', '1 Shed Row', { type: 'Point', coordinates: [-122.4101, 37.7701] }],
      ['Fix-It Night', 'repair_cafe', '2 Shed Row', { type: 'Point', coordinates: [-122.4102, 37.7702] }],
      ['Pantry One', 'food_pantry', null, { type: 'Point', coordinates: [-122.4103, 37.7703] }],
    ]);
  });

  it('names a chosen column that the file does not have, listing the columns it has', () => {
    const parsed = parseCsvSites(fixture('chosen-columns.csv'), options({ latColumn: 'lat_wgs84' }), context('c.csv'));
    expect(parsed.errors[0]).toMatchObject({ row: null, field: 'latColumn', message: expect.stringContaining('no column “lat_wgs84” (columns: Site Name, Y, X, What, Street)') });
    expect(parsed.drafts).toEqual([]);
  });

  it('names a column that appears twice in the header instead of renaming it', () => {
    const parsed = parseCsvSites(fixture('duplicate-column.csv'), options({ defaultType: 'food_pantry' }), context('d.csv'));
    expect(parsed.errors).toEqual([{ row: null, field: 'header', message: 'the column “name” appears twice in the header (columns 1 and 4); give each column its own name' }]);
    expect(parsed.drafts).toEqual([]);
  });

  it('names the row whose number of fields differs from the header', () => {
    const parsed = parseCsvSites(fixture('wrong-field-count.csv'), options(), context('w.csv'));
    expect(parsed.errors).toEqual([{ row: 2, field: 'file', message: expect.stringContaining('different number of fields') }]);
  });

  it('names the cell that is not a number', () => {
    const parsed = parseCsvSites('name,lat,lng,type\nA,north,-122.4,food_pantry\n', options(), context('n.csv'));
    expect(parsed.errors).toEqual([{ row: 1, field: 'lat', message: 'the latitude “north” is not a number' }]);
  });

  it('refuses a blank type unless a default type is chosen or unmapped rows are skipped', () => {
    const text = 'name,latitude,longitude,type\nA,40.4,-79.9,\nB,40.5,-79.8,farmer\'s market\n';
    expect(parseCsvSites(text, options(), context('p.csv')).errors.map((e) => [e.row, e.field])).toEqual([[1, 'type'], [2, 'type']]);
    const mapped = parseCsvSites(text, options({ typeMap: { "Farmer's Market": 'csa' }, defaultType: 'food_pantry' }), context('p.csv'));
    expect(mapped.drafts.map((d) => d.input.functionType)).toEqual(['food_pantry', 'csa']);
    const skipping = parseCsvSites(text, options({ skipUnmapped: true }), context('p.csv'));
    expect(skipping.errors).toEqual([]);
    expect(skipping.skipped.map((s) => s.row)).toEqual([1, 2]);
  });

  it('refuses a type map that points at a function type that does not exist', () => {
    expect(() => parseCsvSites(fixture('latitude-100.csv'), options({ typeMap: { "farmer's market": 'farmers_market' } }), context('p.csv')))
      .toThrow(/“farmers_market”, which is not a function type/);
  });
});
