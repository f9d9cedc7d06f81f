import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { choosePopulationProperties, populationFromFeatures, type StoredFeature } from '../../../shared/access/accessFeatures';

const square = (x: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 0.01, 0], [x + 0.01, 0.01], [x, 0.01], [x, 0]]] });

function feature(id: string, properties: Record<string, unknown>, x = 0): StoredFeature {
  return { id, name: null, geometry: square(x), properties };
}

describe('choosePopulationProperties and populationFromFeatures', () => {
  it('takes an id property only where every area has its own value, and reads the app’s lowIncome flag', () => {
    const features = [
      feature('1', { name: 'Railyards', id: 'b-10', pop: 40, lowIncome: true }),
      feature('2', { name: 'Railyards', id: 'b-2', pop: 60, lowIncome: false }, 0.02),
    ];
    const properties = choosePopulationProperties(features);
    expect(properties).toEqual({ id: 'id', population: 'pop', lowIncome: 'lowIncome', urban: null });
    const read = populationFromFeatures(features, properties);
    // Ordered by id as people read numbers: b-2 before b-10.
    expect(read.ids).toEqual(['b-2', 'b-10']);
    expect(read.featureIndex).toEqual([1, 0]);
    expect(read.areas.map((area) => area.lowIncome)).toEqual([false, true]);
  });

  it('falls back to the feature’s own id when no property is unique, and reports a count that is not one', () => {
    const features = [feature('7', { name: 'Same', pop: 'many' }), feature('3', { name: 'Same', pop: 10 }, 0.02)];
    const properties = choosePopulationProperties(features);
    expect(properties.id).toBeNull();
    const read = populationFromFeatures(features, properties);
    expect(read.ids).toEqual(['3', '7']);
    expect(read.badCounts).toEqual([{ index: 0, value: 'many' }]);
    expect(read.missingPopulation).toEqual(['7']);
  });
});
