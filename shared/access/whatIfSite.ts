import { multiSourceShortestPaths } from '../network/multiSourceShortestPaths';
import type { NetworkSnaps, SegmentIndex } from '../network/segmentIndex';
import type { StreetGraph } from '../network/streetGraph';
import { distanceThroughSnap, seedsFromSnaps, segmentLength } from '../network/walkingDistances';
import { PlanarPointIndex } from '../geo/planarPointIndex';

/** The walking network a what-if reuses: the graph, its segment index and where each cell joins it. */
export interface WhatIfNetwork {
  readonly graph: StreetGraph;
  readonly segments: SegmentIndex;
  readonly cellSnaps: NetworkSnaps;
}

/**
 * Everything a what-if needs, computed once per analysis: the cells, their current distance
 * to the nearest source, and a k-d tree over the cells so a site only looks at the cells
 * within the threshold of it.
 */
export interface WhatIfContext {
  readonly cellX: Float64Array;
  readonly cellY: Float64Array;
  readonly population: Float64Array;
  /** Current distance (straight-line or walking, metres) from each cell to its nearest source. */
  readonly distance: Float64Array;
  readonly threshold: number;
  readonly cellIndex: PlanarPointIndex;
  /** Present for walking distances: the site is then reached along the streets. */
  readonly network?: WhatIfNetwork;
}

export interface WhatIfOutcome {
  /** People beyond the threshold today whom the site would bring within it. */
  readonly peopleReached: number;
  /** Those people's cells (indices into the grid). */
  readonly cells: Int32Array;
  /** Each of those cells' distance with the site, metres. */
  readonly distance: Float64Array;
}

export function createWhatIfContext(
  cells: { readonly x: Float64Array; readonly y: Float64Array; readonly population: Float64Array },
  distance: Float64Array,
  threshold: number,
  network?: WhatIfNetwork,
): WhatIfContext {
  return {
    cellX: cells.x,
    cellY: cells.y,
    population: cells.population,
    distance,
    threshold,
    cellIndex: new PlanarPointIndex(cells.x, cells.y),
    network,
  };
}

/**
 * Who a hypothetical site at (x, y) on the analysis plane would bring within the threshold.
 * Each cell's distance becomes the smaller of its current distance and its distance to the
 * site, so a site never makes anyone farther. Only cells within the threshold in a straight
 * line can be reached (walking is never shorter), so the work is local to the site.
 */
export function whatIfSite(context: WhatIfContext, x: number, y: number): WhatIfOutcome {
  const { threshold } = context;
  const nearby = context.cellIndex.within(x, y, threshold);
  const distanceToSite = context.network
    ? walkingDistanceToSite(context.network, x, y, threshold)
    : (cell: number) => Math.hypot(context.cellX[cell] - x, context.cellY[cell] - y);
  const cells: number[] = [];
  const distances: number[] = [];
  let peopleReached = 0;
  for (const cell of nearby) {
    const current = context.distance[cell];
    if (current <= threshold) continue;
    const withSite = Math.min(current, distanceToSite(cell));
    if (withSite > threshold) continue;
    cells.push(cell);
    distances.push(withSite);
    peopleReached += context.population[cell];
  }
  const order = cells.map((_, i) => i).sort((a, b) => cells[a] - cells[b]);
  return {
    peopleReached,
    cells: Int32Array.from(order, (i) => cells[i]),
    distance: Float64Array.from(order, (i) => distances[i]),
  };
}

/** Walking distance from each cell to the site: one Dijkstra from the site, cut off at the threshold. */
function walkingDistanceToSite(network: WhatIfNetwork, x: number, y: number, threshold: number): (cell: number) => number {
  const { graph, segments, cellSnaps } = network;
  const siteSnap = segments.snap([x], [y]);
  const nodeDistance = multiSourceShortestPaths(graph, seedsFromSnaps(graph, siteSnap), threshold);
  const siteSegment = siteSnap.segment[0];
  return (cell) => {
    const throughNodes = distanceThroughSnap(graph, cellSnaps, cell, nodeDistance);
    if (siteSegment < 0 || cellSnaps.segment[cell] !== siteSegment) return throughNodes;
    const along = Math.abs(cellSnaps.fraction[cell] - siteSnap.fraction[0]) * segmentLength(graph, siteSegment);
    return Math.min(throughNodes, cellSnaps.offset[cell] + along + siteSnap.offset[0]);
  };
}
