import { describe, expect, it } from 'vitest';
import { bestNextSites, underservedCellCandidates } from '../../../shared/access/bestNextSites';
import { createWhatIfContext } from '../../../shared/access/whatIfSite';

// Two clusters of people far from any pantry: 60 people around x = 0 and 40 around x = 5000.
const cells = {
  x: Float64Array.of(0, 100, 200, 5000, 5100),
  y: new Float64Array(5),
  population: Float64Array.of(20, 20, 20, 20, 20),
};
const distance = new Float64Array(5).fill(10_000);

describe('bestNextSites', () => {
  const context = createWhatIfContext(cells, distance, 300);
  const candidates = { x: Float64Array.of(100, 5050, 150), y: new Float64Array(3) };

  it('picks the site reaching the most people first', () => {
    const [first] = bestNextSites(context, candidates, 1);
    expect(first).toMatchObject({ candidate: 0, peopleReached: 60 });
  });

  it('does not count the same people twice: the second pick is the other cluster', () => {
    const picks = bestNextSites(context, candidates, 2);
    expect(picks.map((pick) => [pick.candidate, pick.peopleReached])).toEqual([[0, 60], [1, 40]]);
  });

  it('stops when no candidate reaches anyone new', () => {
    expect(bestNextSites(context, candidates, 5)).toHaveLength(2);
  });

  it('leaves the analysis distances untouched', () => {
    bestNextSites(context, candidates, 2);
    expect([...context.distance]).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('offers one candidate per block of underserved cells', () => {
    const grid = underservedCellCandidates(context, 1000);
    expect([...grid.x]).toEqual([200, 5100]);
  });
});
