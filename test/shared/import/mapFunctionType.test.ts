import { describe, expect, it } from 'vitest';
import { functionTypeFromFileName, mapFunctionType } from '../../../shared/import/mapFunctionType';
import { types } from './helpers';

const context = { types, typeMap: {}, skipUnmapped: false };

describe('mapFunctionType', () => {
  it('maps the Pittsburgh food-site types that are reclaimed functions', () => {
    expect(mapFunctionType('food bank site', 'X', context)).toEqual({ outcome: 'type', functionType: 'food_pantry' });
    expect(mapFunctionType('Grow PGH Garden', 'X', context)).toEqual({ outcome: 'type', functionType: 'community_garden' });
    expect(mapFunctionType('summer meal site', 'X', context)).toEqual({ outcome: 'type', functionType: 'community_kitchen' });
  });

  it('leaves shops and hospitals out with a reason rather than pretending they are commons', () => {
    for (const kind of ['supermarket', 'convenience store', 'hospital', 'pharmacy']) {
      expect(mapFunctionType(kind, 'X', context)).toMatchObject({ outcome: 'skip', reason: expect.stringContaining('not a reclaimed function') });
    }
  });

  it('reports a type it does not know instead of guessing', () => {
    expect(mapFunctionType("farmer's market", 'X', context)).toMatchObject({ outcome: 'error', message: expect.stringContaining('unknown function type “farmer\'s market”') });
  });

  it('accepts function type ids and labels as they are, loosely spelled', () => {
    expect(mapFunctionType('Community-Fridge', 'X', context)).toEqual({ outcome: 'type', functionType: 'community_fridge' });
    expect(mapFunctionType('Repair café', 'X', context)).toEqual({ outcome: 'type', functionType: 'repair_cafe' });
  });

  it('lets the person’s type map win over the built-in table, including “skip”', () => {
    expect(mapFunctionType('supermarket', 'X', { ...context, typeMap: { supermarket: 'food_coop' } })).toEqual({ outcome: 'type', functionType: 'food_coop' });
    expect(mapFunctionType('food bank site', 'X', { ...context, typeMap: { 'Food Bank Site': 'skip' } })).toMatchObject({ outcome: 'skip' });
  });
});

describe('functionTypeFromFileName', () => {
  it('reads a function type from a file named for it, plural or not', () => {
    expect(functionTypeFromFileName('community-fridges-2021.json', types)).toBe('community_fridge');
    expect(functionTypeFromFileName('community-land-trusts.json', types)).toBe('community_land_trust');
    expect(functionTypeFromFileName('food-sites-2022-08-28.csv', types)).toBeNull();
  });
});
