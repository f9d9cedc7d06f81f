import type { Position } from 'geojson';
import { createLocalPlane, lineToPlane, type LocalPlane } from '../geo/localPlane';
import { SegmentIndex } from './segmentIndex';
import { buildStreetGraph, type StreetGraph, type StreetGraphOptions } from './streetGraph';

/**
 * A street graph ready for walking distances: built once from a network's street lines and
 * reused by every analysis over that network. Its coordinates are on `plane`; an analysis on
 * another plane moves it there with `walkingNetworkOnPlane` (cheap, unlike the build).
 */
export interface WalkingNetwork {
  readonly plane: LocalPlane;
  readonly graph: StreetGraph;
  /** Nearest-street lookups over the graph's largest connected component. */
  readonly segments: SegmentIndex;
}

export interface WalkingNetworkOptions extends StreetGraphOptions {
  /** The plane to build on; by default one centred on the streets themselves. */
  readonly plane?: LocalPlane;
}

/**
 * Builds the walking network from street centre lines (longitude, latitude): the connected
 * street graph (stitching, noding, duplicates dropped; see `buildStreetGraph`) and its
 * segment index. This is the slow part of a walking analysis, so it is done once per network.
 */
export function buildWalkingNetwork(lines: readonly (readonly Position[])[], options: WalkingNetworkOptions = {}): WalkingNetwork {
  const plane = options.plane ?? createLocalPlane(linesBBox(lines));
  const graph = buildStreetGraph(lines.map((line) => lineToPlane(plane, line)), {
    snapTolerance: options.snapTolerance,
    nodeCrossings: options.nodeCrossings,
  });
  return { plane, graph, segments: new SegmentIndex(graph) };
}

function linesBBox(lines: readonly (readonly Position[])[]): [number, number, number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const line of lines) {
    for (const [longitude, latitude] of line) {
      if (longitude < west) west = longitude;
      if (longitude > east) east = longitude;
      if (latitude < south) south = latitude;
      if (latitude > north) north = latitude;
    }
  }
  if (!Number.isFinite(west)) return [0, 0, 0, 0];
  return [west, south, east, north];
}
