import { describe, expect, it } from 'vitest';
import { parseGeoJsonSites } from '../../../shared/import/parseGeoJsonSites';
import { fixture, options, types } from './helpers';

const context = (fileName: string) => ({ fileName, types });

describe('parseGeoJsonSites', () => {
  it('reports a malformed file as not valid GeoJSON, naming the line, and drafts nothing', () => {
    const parsed = parseGeoJsonSites(fixture('malformed.geojson'), options(), context('malformed.geojson'));
    expect(parsed.drafts).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ row: null, field: 'file' });
    expect(parsed.errors[0].message).toMatch(/not valid GeoJSON/);
  });

  it('names row 2 and its functionType property when the type is unknown', () => {
    const parsed = parseGeoJsonSites(fixture('unknown-type.geojson'), options(), context('unknown-type.geojson'));
    expect(parsed.errors).toEqual([{ row: 2, field: 'properties.functionType', message: expect.stringContaining('unknown function type “space_elevator”') }]);
    expect(parsed.drafts.map((d) => d.row)).toEqual([1, 3]);
  });

  it('names row 2 and its outer ring when a polygon does not close', () => {
    const parsed = parseGeoJsonSites(fixture('unclosed-polygon.geojson'), options(), context('unclosed-polygon.geojson'));
    expect(parsed.errors).toEqual([{ row: 2, field: 'geometry.coordinates.0', message: expect.stringContaining('does not close') }]);
  });

  it('names the latitude of a point that is out of range', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-122.4, 95] }, properties: { name: 'North', functionType: 'food_pantry' } }] });
    const parsed = parseGeoJsonSites(text, options(), context('north.geojson'));
    expect(parsed.errors).toEqual([{ row: 1, field: 'geometry.coordinates.1', message: 'latitude 95 is outside -90..90' }]);
  });

  it('refuses a JSON document that is not a FeatureCollection', () => {
    const parsed = parseGeoJsonSites('{"type": "Topology"}', options(), context('topo.geojson'));
    expect(parsed.errors[0]).toMatchObject({ row: null, field: 'type' });
  });

  it('refuses a line as a site, naming the geometry type', () => {
    const text = JSON.stringify({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { name: 'Path', functionType: 'food_pantry' } });
    const parsed = parseGeoJsonSites(text, options(), context('line.geojson'));
    expect(parsed.errors).toEqual([{ row: 1, field: 'geometry.type', message: expect.stringContaining('LineString') }]);
  });

  it('maps OSM kinds: community gardens in, ornamental gardens and supermarkets left out with a reason', () => {
    const feature = (name: string, kind: string) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [-122.4, 37.7] }, properties: { name, kind } });
    const text = JSON.stringify({ type: 'FeatureCollection', features: [feature('Page Street Community Garden', 'garden'), feature('Shakespeare Garden', 'garden'), feature('Big Grocer', 'supermarket'), feature('Slovenian Hall', 'social_centre')] });
    const parsed = parseGeoJsonSites(text, options(), context('pois.geojson'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.drafts.map((d) => [d.row, d.input.functionType])).toEqual([[1, 'community_garden'], [4, 'social_centre']]);
    expect(parsed.skipped.map((s) => [s.row, s.reason])).toEqual([
      [2, expect.stringContaining('not named as a community garden')],
      [3, expect.stringContaining('“supermarket” is not a reclaimed function')],
    ]);
  });

  it('keeps the feature id as the source reference, or the feature number when there is none', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'node/42', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { name: 'A', functionType: 'food_pantry' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { name: 'B', functionType: 'food_pantry' } },
    ] });
    expect(parseGeoJsonSites(text, options(), context('x.geojson')).drafts.map((d) => d.sourceRef)).toEqual(['node/42', 'feature 2']);
  });

  it('applies the chosen visibility and precision to every site', () => {
    const parsed = parseGeoJsonSites(fixture('unclosed-polygon.geojson'), options({ visibility: 'members', precision: 'block' }), context('g.geojson'));
    expect(parsed.drafts[0].input).toMatchObject({ name: 'Closed Garden', visibility: 'members', precision: 'block' });
  });
});
