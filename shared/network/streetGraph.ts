import { PlanarPointIndex } from '../access/planarPointIndex';

/**
 * An undirected street graph on the local plane in compressed sparse row form: the
 * neighbours of node n are targets[offsets[n] … offsets[n + 1] − 1], at edge lengths
 * `lengths` (metres, straight between the two nodes, so no path is shorter than the
 * straight line). Each street segment is also kept once in `segmentStart`/`segmentEnd`, for
 * snapping points onto the streets.
 */
export interface StreetGraph {
  readonly nodeCount: number;
  readonly nodeX: Float64Array;
  readonly nodeY: Float64Array;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly lengths: Float64Array;
  readonly segmentCount: number;
  readonly segmentStart: Int32Array;
  readonly segmentEnd: Int32Array;
  /** Connected component of each node; the largest is `largestComponent`. */
  readonly component: Int32Array;
  readonly largestComponent: number;
  /** Dangling line ends joined to a nearby node (tile-edge stitching). */
  readonly stitchedEnds: number;
}

export interface StreetGraphOptions {
  /**
   * Dangling line ends within this many metres of another node are joined to it. Lines cut at
   * vector-tile edges end a fraction of a metre apart; OSM ways share exact nodes and need 0.
   */
  readonly snapTolerance?: number;
}

/** Vertices closer than this (1 cm) are the same node. */
const VERTEX_PRECISION = 100;
const KEY_OFFSET = 2 ** 25;

/**
 * Builds a connected street graph from line strings (interleaved [x0, y0, x1, y1, …] plane
 * coordinates): identical vertices become one node, dangling ends are stitched to nodes
 * within the snap tolerance, duplicate segments are dropped.
 */
export function buildStreetGraph(lines: readonly Float64Array[], options: StreetGraphOptions = {}): StreetGraph {
  const snapTolerance = options.snapTolerance ?? 0;
  const vertices = collectVertices(lines);
  const representative = stitchDanglingEnds(vertices, snapTolerance);
  const { nodeX, nodeY, nodeOf } = compactNodes(vertices, representative.root);
  const { segmentStart, segmentEnd } = uniqueSegments(vertices.segmentFrom, vertices.segmentTo, nodeOf);
  const nodeCount = nodeX.length;
  const { offsets, targets, lengths } = adjacency(nodeCount, nodeX, nodeY, segmentStart, segmentEnd);
  const { component, largestComponent } = connectedComponents(nodeCount, offsets, targets);
  return {
    nodeCount,
    nodeX,
    nodeY,
    offsets,
    targets,
    lengths,
    segmentCount: segmentStart.length,
    segmentStart,
    segmentEnd,
    component,
    largestComponent,
    stitchedEnds: representative.stitched,
  };
}

interface Vertices {
  x: number[];
  y: number[];
  degree: number[];
  lineEnds: number[];
  segmentFrom: number[];
  segmentTo: number[];
}

function collectVertices(lines: readonly Float64Array[]): Vertices {
  const vertexByKey = new Map<number, number>();
  const vertices: Vertices = { x: [], y: [], degree: [], lineEnds: [], segmentFrom: [], segmentTo: [] };
  const vertexAt = (x: number, y: number): number => {
    const key = (Math.round(x * VERTEX_PRECISION) + KEY_OFFSET) * 2 * KEY_OFFSET + Math.round(y * VERTEX_PRECISION) + KEY_OFFSET;
    let vertex = vertexByKey.get(key);
    if (vertex === undefined) {
      vertex = vertices.x.length;
      vertexByKey.set(key, vertex);
      vertices.x.push(x);
      vertices.y.push(y);
      vertices.degree.push(0);
    }
    return vertex;
  };
  for (const line of lines) {
    const pointCount = line.length >> 1;
    if (pointCount < 2) continue;
    let previous = vertexAt(line[0], line[1]);
    vertices.lineEnds.push(previous);
    for (let i = 1; i < pointCount; i++) {
      const vertex = vertexAt(line[2 * i], line[2 * i + 1]);
      if (vertex === previous) continue;
      vertices.segmentFrom.push(previous);
      vertices.segmentTo.push(vertex);
      vertices.degree[previous]++;
      vertices.degree[vertex]++;
      previous = vertex;
    }
    vertices.lineEnds.push(previous);
  }
  return vertices;
}

/** Union-find: each dangling line end joins the nearest other vertex within the tolerance. */
function stitchDanglingEnds(vertices: Vertices, snapTolerance: number): { root: Int32Array; stitched: number } {
  const vertexCount = vertices.x.length;
  const parent = new Int32Array(vertexCount);
  for (let i = 0; i < vertexCount; i++) parent[i] = i;
  const find = (vertex: number): number => {
    while (parent[vertex] !== vertex) {
      parent[vertex] = parent[parent[vertex]];
      vertex = parent[vertex];
    }
    return vertex;
  };
  let stitched = 0;
  if (snapTolerance > 0 && vertexCount > 0) {
    const index = new PlanarPointIndex(vertices.x, vertices.y);
    for (const end of new Set(vertices.lineEnds)) {
      if (vertices.degree[end] !== 1) continue;
      let nearest = -1;
      let nearestSquared = Infinity;
      for (const other of index.within(vertices.x[end], vertices.y[end], snapTolerance)) {
        if (other === end || find(other) === find(end)) continue;
        const dx = vertices.x[other] - vertices.x[end], dy = vertices.y[other] - vertices.y[end];
        const squared = dx * dx + dy * dy;
        if (squared < nearestSquared) { nearestSquared = squared; nearest = other; }
      }
      if (nearest < 0) continue;
      parent[find(end)] = find(nearest);
      stitched++;
    }
  }
  const root = new Int32Array(vertexCount);
  for (let i = 0; i < vertexCount; i++) root[i] = find(i);
  return { root, stitched };
}

function compactNodes(vertices: Vertices, root: Int32Array): { nodeX: Float64Array; nodeY: Float64Array; nodeOf: Int32Array } {
  const nodeOf = new Int32Array(root.length).fill(-1);
  let nodeCount = 0;
  for (let i = 0; i < root.length; i++) if (root[i] === i) nodeOf[i] = nodeCount++;
  for (let i = 0; i < root.length; i++) nodeOf[i] = nodeOf[root[i]];
  const nodeX = new Float64Array(nodeCount);
  const nodeY = new Float64Array(nodeCount);
  for (let i = 0; i < root.length; i++) {
    if (root[i] !== i) continue;
    nodeX[nodeOf[i]] = vertices.x[i];
    nodeY[nodeOf[i]] = vertices.y[i];
  }
  return { nodeX, nodeY, nodeOf };
}

function uniqueSegments(from: number[], to: number[], nodeOf: Int32Array): { segmentStart: Int32Array; segmentEnd: Int32Array } {
  const seen = new Set<number>();
  const starts: number[] = [];
  const ends: number[] = [];
  const nodeCount = nodeOf.length + 1;
  for (let i = 0; i < from.length; i++) {
    const a = nodeOf[from[i]], b = nodeOf[to[i]];
    if (a === b) continue;
    const key = Math.min(a, b) * nodeCount + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    starts.push(a);
    ends.push(b);
  }
  return { segmentStart: Int32Array.from(starts), segmentEnd: Int32Array.from(ends) };
}

function adjacency(nodeCount: number, nodeX: Float64Array, nodeY: Float64Array, segmentStart: Int32Array, segmentEnd: Int32Array) {
  const offsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < segmentStart.length; i++) {
    offsets[segmentStart[i] + 1]++;
    offsets[segmentEnd[i] + 1]++;
  }
  for (let n = 0; n < nodeCount; n++) offsets[n + 1] += offsets[n];
  const fill = offsets.slice(0, nodeCount);
  const targets = new Int32Array(offsets[nodeCount]);
  const lengths = new Float64Array(offsets[nodeCount]);
  for (let i = 0; i < segmentStart.length; i++) {
    const a = segmentStart[i], b = segmentEnd[i];
    const length = Math.hypot(nodeX[b] - nodeX[a], nodeY[b] - nodeY[a]);
    targets[fill[a]] = b;
    lengths[fill[a]++] = length;
    targets[fill[b]] = a;
    lengths[fill[b]++] = length;
  }
  return { offsets, targets, lengths };
}

function connectedComponents(nodeCount: number, offsets: Int32Array, targets: Int32Array): { component: Int32Array; largestComponent: number } {
  const component = new Int32Array(nodeCount).fill(-1);
  const stack = new Int32Array(nodeCount);
  let largestComponent = -1;
  let largestSize = 0;
  let componentCount = 0;
  for (let start = 0; start < nodeCount; start++) {
    if (component[start] >= 0) continue;
    const id = componentCount++;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    component[start] = id;
    while (top > 0) {
      const node = stack[--top];
      size++;
      for (let e = offsets[node]; e < offsets[node + 1]; e++) {
        const next = targets[e];
        if (component[next] < 0) { component[next] = id; stack[top++] = next; }
      }
    }
    if (size > largestSize) { largestSize = size; largestComponent = id; }
  }
  return { component, largestComponent };
}
