import { DistanceHeap } from './distanceHeap';
import type { StreetGraph } from './streetGraph';

/** Where the search starts: a node and the distance already travelled to reach it. */
export interface Seeds {
  readonly node: Int32Array;
  readonly distance: Float64Array;
}

/**
 * Dijkstra from all seeds at once: each node's distance to the nearest seed along the
 * streets (Infinity if unreachable, or farther than `limit`). One pass, whatever the
 * number of sources.
 */
export function multiSourceShortestPaths(graph: StreetGraph, seeds: Seeds, limit = Infinity): Float64Array {
  const distance = new Float64Array(graph.nodeCount).fill(Infinity);
  const heap = new DistanceHeap(Math.max(16, seeds.node.length * 2));
  for (let i = 0; i < seeds.node.length; i++) {
    const node = seeds.node[i];
    const start = seeds.distance[i];
    if (start < distance[node] && start <= limit) {
      distance[node] = start;
      heap.push(node, start);
    }
  }
  const { offsets, targets, lengths } = graph;
  while (heap.size > 0) {
    const reached = heap.peekDistance();
    const node = heap.pop();
    if (reached > distance[node]) continue;
    for (let edge = offsets[node]; edge < offsets[node + 1]; edge++) {
      const next = targets[edge];
      const candidate = reached + lengths[edge];
      if (candidate < distance[next] && candidate <= limit) {
        distance[next] = candidate;
        heap.push(next, candidate);
      }
    }
  }
  return distance;
}
