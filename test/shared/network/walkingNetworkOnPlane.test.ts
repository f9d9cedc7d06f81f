import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { createLocalPlane } from '../../../shared/geo/localPlane';
import { buildWalkingNetwork } from '../../../shared/network/buildWalkingNetwork';
import { walkingNetworkOnPlane } from '../../../shared/network/walkingNetworkOnPlane';

/** Two streets crossing without a shared vertex, and a third meeting one of them end to end. */
const streets: Position[][] = [
  [[-122.43, 37.76], [-122.42, 37.77]],
  [[-122.43, 37.77], [-122.42, 37.76]],
  [[-122.42, 37.77], [-122.41, 37.775]],
];

describe('walkingNetworkOnPlane', () => {
  const network = buildWalkingNetwork(streets, { nodeCrossings: true });
  const elsewhere = createLocalPlane([-122.5, 37.7, -122.3, 37.9]);

  it('measures the streets on the new plane as a network built there would', () => {
    const moved = walkingNetworkOnPlane(network, elsewhere);
    const builtThere = buildWalkingNetwork(streets, { nodeCrossings: true, plane: elsewhere });
    expect(moved.graph.nodeCount).toBe(builtThere.graph.nodeCount);
    expect([...moved.graph.targets]).toEqual([...builtThere.graph.targets]);
    moved.graph.lengths.forEach((length, edge) => expect(length).toBeCloseTo(builtThere.graph.lengths[edge], 6));
    moved.graph.nodeX.forEach((x, node) => expect(x).toBeCloseTo(builtThere.graph.nodeX[node], 6));
  });

  it('leaves the network it moves untouched, and returns it as it is on its own plane', () => {
    const lengths = Float64Array.from(network.graph.lengths);
    walkingNetworkOnPlane(network, elsewhere);
    expect(network.graph.lengths).toEqual(lengths);
    expect(walkingNetworkOnPlane(network, network.plane)).toBe(network);
  });
});
