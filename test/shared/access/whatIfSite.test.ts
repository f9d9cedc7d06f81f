import { describe, expect, it } from 'vitest';
import { createWhatIfContext, whatIfSite } from '../../../shared/access/whatIfSite';
import { SegmentIndex } from '../../../shared/network/segmentIndex';
import { buildStreetGraph } from '../../../shared/network/streetGraph';
import { walkingDistances } from '../../../shared/network/walkingDistances';

// Five cells along a line, 200 m apart, 10 people each; the only pantry is at x = 0.
const cells = { x: Float64Array.of(0, 200, 400, 600, 800), y: new Float64Array(5), population: Float64Array.of(10, 10, 10, 10, 10) };
const distance = Float64Array.of(0, 200, 400, 600, 800);

describe('whatIfSite', () => {
  it('reaches the people beyond the threshold within reach of the new site, and names their cells', () => {
    const context = createWhatIfContext(cells, distance, 300);
    const outcome = whatIfSite(context, 700, 0);
    expect(outcome.peopleReached).toBe(30);
    expect([...outcome.cells]).toEqual([2, 3, 4]);
    expect([...outcome.distance]).toEqual([300, 100, 100]);
  });

  it('brings no one within reach from a site next to the existing pantry', () => {
    expect(whatIfSite(createWhatIfContext(cells, distance, 300), 10, 0).peopleReached).toBe(0);
  });

  it('never makes anyone farther than they are today', () => {
    const context = createWhatIfContext(cells, distance, 1000);
    for (const siteX of [-500, 0, 350, 900, 5000]) {
      const outcome = whatIfSite(context, siteX, 120);
      outcome.cells.forEach((cell, i) => expect(outcome.distance[i]).toBeLessThanOrEqual(distance[cell]));
    }
  });

  it('counts walking distance along the streets in walk mode', () => {
    // One street along y = 0 and a cul-de-sac up x = 800: a site at (800, 300) is 300 m off by street.
    const graph = buildStreetGraph([Float64Array.of(0, 0, 200, 0, 400, 0, 600, 0, 800, 0), Float64Array.of(800, 0, 800, 300)]);
    const segments = new SegmentIndex(graph);
    const walking = walkingDistances(graph, segments, cells.x, cells.y, [0], [0]);
    const context = createWhatIfContext(cells, walking.distance, 350, { graph, segments, cellSnaps: walking.pointSnaps });
    const outcome = whatIfSite(context, 800, 300);
    expect([...outcome.cells]).toEqual([4]);
    expect(outcome.distance[0]).toBeCloseTo(300, 9);
  });
});
