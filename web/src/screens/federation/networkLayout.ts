import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3';
import type { NetworkEdge, NetworkNode } from '$shared/schemas/federation';

export interface LaidNode { node: NetworkNode; x: number; y: number; radius: number }
export interface LaidEdge { edge: NetworkEdge; from: LaidNode; to: LaidNode }
export interface NetworkLayout { nodes: LaidNode[]; edges: LaidEdge[]; width: number; height: number }

type SimNode = SimulationNodeDatum & { id: string; radius: number };

/** A node's radius: groups with more active participants are larger (by area), unknown at the smallest. */
export function nodeRadius(participants: number | null): number {
  return 9 + Math.min(17, Math.sqrt(Math.max(0, participants ?? 0)) * 0.9);
}

/**
 * The network laid out by d3-force, run to rest in one go so the picture is the same every
 * time (d3-force places nodes deterministically and we tick a fixed number of times).
 * Pacts pull harder than flows and shared members; groups with no tie drift to the edge.
 */
export function layoutNetwork(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[], width: number, height: number): NetworkLayout {
  const sim: SimNode[] = nodes.map((node) => ({ id: node.id, radius: nodeRadius(node.participants) }));
  const byId = new Map(sim.map((node) => [node.id, node]));
  const links: (SimulationLinkDatum<SimNode> & { strength: number })[] = edges
    .filter((edge) => byId.has(edge.fromGroupId) && byId.has(edge.toGroupId))
    .map((edge) => ({ source: edge.fromGroupId, target: edge.toGroupId, strength: edge.kind === 'mutual_support_pact' || edge.kind === 'shared_fund' ? 0.9 : 0.5 }));
  const simulation = forceSimulation(sim)
    .force('link', forceLink<SimNode, SimulationLinkDatum<SimNode> & { strength: number }>(links).id((node) => node.id).distance(70).strength((link) => link.strength))
    .force('charge', forceManyBody().strength(-260))
    .force('collide', forceCollide<SimNode>().radius((node) => node.radius + 6))
    // A tall box (a phone) pulls less towards the middle vertically, so the graph fills its height.
    .force('x', forceX(width / 2).strength(0.07 * Math.min(2, Math.max(0.5, height / width))))
    .force('y', forceY(height / 2).strength(0.07 * Math.min(2, Math.max(0.5, width / height))))
    .force('center', forceCenter(width / 2, height / 2))
    .stop();
  simulation.tick(300);

  // Fit what was laid out into the box, keeping the aspect, with room for names at the sides and the key below.
  const margin = { x: Math.min(110, width * 0.18), top: 40, bottom: 80 };
  const xs = sim.map((node) => node.x ?? 0);
  const ys = sim.map((node) => node.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * margin.x) / Math.max(1, maxX - minX), (height - margin.top - margin.bottom) / Math.max(1, maxY - minY), 1.6);
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = margin.top + (height - margin.top - margin.bottom - (maxY - minY) * scale) / 2;
  const laid = nodes.map((node, index): LaidNode => ({
    node, radius: sim[index].radius,
    x: offsetX + ((sim[index].x ?? 0) - minX) * scale,
    y: offsetY + ((sim[index].y ?? 0) - minY) * scale,
  }));
  const laidById = new Map(laid.map((entry) => [entry.node.id, entry]));
  return {
    nodes: laid,
    edges: edges.flatMap((edge) => {
      const from = laidById.get(edge.fromGroupId);
      const to = laidById.get(edge.toGroupId);
      return from && to ? [{ edge, from, to }] : [];
    }),
    width,
    height,
  };
}
