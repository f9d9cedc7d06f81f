import type { Position } from 'geojson';
import { toPlane } from '../geo/localPlane';
import type { WalkingNetwork } from './buildWalkingNetwork';
import { walkingDistances } from './walkingDistances';

/** Walking metres between two points (longitude, latitude) over a street network, or null when unreachable. */
export function walkingBetween(network: WalkingNetwork, from: Position, to: Position): number | null {
  const [fromX, fromY] = toPlane(network.plane, from);
  const [toX, toY] = toPlane(network.plane, to);
  const metres = walkingDistances(network.graph, network.segments, [fromX], [fromY], [toX], [toY]).distance[0];
  return Number.isFinite(metres) ? metres : null;
}
