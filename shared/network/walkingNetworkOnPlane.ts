import { fromPlane, planeX, planeY, type LocalPlane } from '../geo/localPlane';
import type { WalkingNetwork } from './buildWalkingNetwork';
import { SegmentIndex } from './segmentIndex';
import type { StreetGraph } from './streetGraph';

/**
 * The same walking network on another local plane: each node moved to where its longitude and
 * latitude fall on `plane`, edge lengths measured again there, and a new segment index. The
 * topology (nodes, edges, components) is shared, not rebuilt. Both planes are equirectangular,
 * so the move is affine and keeps every edge straight on the new plane: walking distances
 * measured there are still never shorter than straight lines measured there.
 * Returns the network itself when it is already on that plane.
 */
export function walkingNetworkOnPlane(network: WalkingNetwork, plane: LocalPlane): WalkingNetwork {
  if (samePlane(network.plane, plane)) return network;
  const from = network.graph;
  const nodeX = new Float64Array(from.nodeCount);
  const nodeY = new Float64Array(from.nodeCount);
  for (let node = 0; node < from.nodeCount; node++) {
    const [longitude, latitude] = fromPlane(network.plane, from.nodeX[node], from.nodeY[node]);
    nodeX[node] = planeX(plane, longitude);
    nodeY[node] = planeY(plane, latitude);
  }
  const { offsets, targets } = from;
  const lengths = new Float64Array(targets.length);
  for (let node = 0; node < from.nodeCount; node++) {
    for (let edge = offsets[node]; edge < offsets[node + 1]; edge++) {
      const next = targets[edge];
      lengths[edge] = Math.hypot(nodeX[next] - nodeX[node], nodeY[next] - nodeY[node]);
    }
  }
  const graph: StreetGraph = { ...from, nodeX, nodeY, lengths };
  return { plane, graph, segments: new SegmentIndex(graph, network.segments.bucketSize) };
}

function samePlane(a: LocalPlane, b: LocalPlane): boolean {
  return a.originLongitude === b.originLongitude && a.originLatitude === b.originLatitude
    && a.metresPerDegreeLongitude === b.metresPerDegreeLongitude && a.metresPerDegreeLatitude === b.metresPerDegreeLatitude;
}
