import { describe, expect, it } from 'vitest';
import { functionTypeLabels } from '../../../shared/taxonomy/functionTypeLabels';

describe('function types by their human names', () => {
  it('names a seed type by its label', () => {
    expect(functionTypeLabels()('community_garden')).toBe('Community garden');
  });

  it('names a type the network added by the label it was given', () => {
    expect(functionTypeLabels([{ id: 'seed_swap', label: 'Seed swap' }])('seed_swap')).toBe('Seed swap');
  });

  it('writes an id no label is known for as words, never with underscores', () => {
    expect(functionTypeLabels([])('tenant_union_hall')).toBe('tenant union hall');
  });
});
