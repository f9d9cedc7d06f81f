import { PlanarPointIndex } from '../geo/planarPointIndex';

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
  /** Dangling line ends joined to a nearby node (tile-edge stitching) or onto a nearby street (T-junctions). */
  readonly stitchedEnds: number;
  /** Crossing segments given a shared node (nodeCrossings). */
  readonly nodedCrossings: number;
}

export interface StreetGraphOptions {
  /**
   * Dangling line ends within this many metres of another node are joined to it. Lines cut at
   * vector-tile edges end a fraction of a metre apart; OSM ways share exact nodes and need 0.
   */
  readonly snapTolerance?: number;
  /**
   * Put a node where two segments cross without sharing a vertex. Vector tiles simplify away
   * the junction vertices that OSM ways share, so tile-derived networks need this; it also
   * joins a bridge to the street under it (motorways are left out before, which removes most).
   * OSM ways share nodes at real junctions and should not use it.
   */
  readonly nodeCrossings?: boolean;
}

/** Vertices closer than this (1 cm) are the same node. */
const VERTEX_PRECISION = 100;
const KEY_OFFSET = 2 ** 25;

/**
 * Builds a connected street graph from line strings (interleaved [x0, y0, x1, y1, …] plane
 * coordinates): identical vertices become one node, dangling ends are stitched to nodes
 * within the snap tolerance, or else onto the middle of a segment within it (a side street
 * whose junction vertex the tiler simplified away from the main street), and duplicate
 * segments are dropped.
 */
export function buildStreetGraph(lines: readonly Float64Array[], options: StreetGraphOptions = {}): StreetGraph {
  const snapTolerance = options.snapTolerance ?? 0;
  const vertices = collectVertices(lines);
  const representative = stitchDanglingEnds(vertices, snapTolerance);
  const compacted = compactNodes(vertices, representative.root);
  const unique = uniqueSegments(vertices.segmentFrom, vertices.segmentTo, compacted.nodeOf);
  const noded = options.nodeCrossings
    ? nodeCrossings(compacted.nodeX, compacted.nodeY, unique.segmentStart, unique.segmentEnd)
    : { nodeX: compacted.nodeX, nodeY: compacted.nodeY, ...unique, crossings: 0 };
  const { nodeX, nodeY } = noded;
  const joined = joinEndsToSegments(nodeX, nodeY, noded.segmentStart, noded.segmentEnd, snapTolerance);
  const { segmentStart, segmentEnd } = uniqueSegments(joined.segmentStart, joined.segmentEnd, identity(nodeX.length));
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
    stitchedEnds: representative.stitched + joined.joined,
    nodedCrossings: noded.crossings,
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

function uniqueSegments(from: ArrayLike<number>, to: ArrayLike<number>, nodeOf: Int32Array): { segmentStart: Int32Array; segmentEnd: Int32Array } {
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

function identity(count: number): Int32Array {
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i++) ids[i] = i;
  return ids;
}

/**
 * Splits segments at dangling ends lying within the tolerance of their interior, so a
 * T-junction without a shared vertex becomes a node of both streets. Segments are found
 * through a bucket grid of tolerance-sized cells.
 */
function joinEndsToSegments(nodeX: Float64Array, nodeY: Float64Array, segmentStart: Int32Array, segmentEnd: Int32Array, tolerance: number) {
  if (tolerance <= 0 || segmentStart.length === 0) return { segmentStart, segmentEnd, joined: 0 };
  const degree = new Int32Array(nodeX.length);
  for (let i = 0; i < segmentStart.length; i++) { degree[segmentStart[i]]++; degree[segmentEnd[i]]++; }
  const bucketSize = Math.max(tolerance * 4, 10);
  const buckets = new Map<number, number[]>();
  const keyOf = (column: number, row: number) => column * 4_194_304 + row;
  for (let s = 0; s < segmentStart.length; s++) {
    const a = segmentStart[s], b = segmentEnd[s];
    const firstColumn = Math.floor((Math.min(nodeX[a], nodeX[b]) - tolerance) / bucketSize), lastColumn = Math.floor((Math.max(nodeX[a], nodeX[b]) + tolerance) / bucketSize);
    const firstRow = Math.floor((Math.min(nodeY[a], nodeY[b]) - tolerance) / bucketSize), lastRow = Math.floor((Math.max(nodeY[a], nodeY[b]) + tolerance) / bucketSize);
    for (let column = firstColumn; column <= lastColumn; column++) {
      for (let row = firstRow; row <= lastRow; row++) {
        const key = keyOf(column, row);
        const bucket = buckets.get(key);
        if (bucket) bucket.push(s); else buckets.set(key, [s]);
      }
    }
  }
  const splits = new Map<number, { t: number; node: number }[]>();
  let joined = 0;
  for (let node = 0; node < nodeX.length; node++) {
    if (degree[node] !== 1) continue;
    const x = nodeX[node], y = nodeY[node];
    let best = -1, bestT = 0, bestSquared = tolerance * tolerance;
    for (const s of buckets.get(keyOf(Math.floor(x / bucketSize), Math.floor(y / bucketSize))) ?? []) {
      const a = segmentStart[s], b = segmentEnd[s];
      if (a === node || b === node) continue;
      const dx = nodeX[b] - nodeX[a], dy = nodeY[b] - nodeY[a];
      const lengthSquared = dx * dx + dy * dy;
      if (lengthSquared === 0) continue;
      const t = ((x - nodeX[a]) * dx + (y - nodeY[a]) * dy) / lengthSquared;
      if (t <= 0 || t >= 1) continue;
      const px = nodeX[a] + t * dx - x, py = nodeY[a] + t * dy - y;
      const squared = px * px + py * py;
      if (squared <= bestSquared) { bestSquared = squared; best = s; bestT = t; }
    }
    if (best < 0) continue;
    const list = splits.get(best);
    if (list) list.push({ t: bestT, node }); else splits.set(best, [{ t: bestT, node }]);
    joined++;
  }
  return { ...applySplits(segmentStart, segmentEnd, splits), joined };
}

/** Splits every pair of properly crossing segments at their crossing point, adding a node there. */
function nodeCrossings(nodeX: Float64Array, nodeY: Float64Array, segmentStart: Int32Array, segmentEnd: Int32Array) {
  const xs = Array.from(nodeX), ys = Array.from(nodeY);
  const bucketSize = 50;
  const buckets = new Map<number, number[]>();
  const keyOf = (column: number, row: number) => column * 4_194_304 + row;
  const eachBucket = (s: number, visit: (key: number) => void) => {
    const a = segmentStart[s], b = segmentEnd[s];
    const firstColumn = Math.floor(Math.min(xs[a], xs[b]) / bucketSize), lastColumn = Math.floor(Math.max(xs[a], xs[b]) / bucketSize);
    const firstRow = Math.floor(Math.min(ys[a], ys[b]) / bucketSize), lastRow = Math.floor(Math.max(ys[a], ys[b]) / bucketSize);
    for (let column = firstColumn; column <= lastColumn; column++) for (let row = firstRow; row <= lastRow; row++) visit(keyOf(column, row));
  };
  for (let s = 0; s < segmentStart.length; s++) {
    eachBucket(s, (key) => {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(s); else buckets.set(key, [s]);
    });
  }
  const splits = new Map<number, { t: number; node: number }[]>();
  const addSplit = (segment: number, t: number, node: number) => {
    const list = splits.get(segment);
    if (list) list.push({ t, node }); else splits.set(segment, [{ t, node }]);
  };
  const seenPairs = new Set<number>();
  let crossings = 0;
  for (let s = 0; s < segmentStart.length; s++) {
    const a = segmentStart[s], b = segmentEnd[s];
    eachBucket(s, (key) => {
      for (const other of buckets.get(key)!) {
        if (other <= s) continue;
        const c = segmentStart[other], d = segmentEnd[other];
        if (a === c || a === d || b === c || b === d) continue;
        const t = properCrossing(xs[a], ys[a], xs[b], ys[b], xs[c], ys[c], xs[d], ys[d]);
        if (t === null) continue;
        const pair = s * segmentStart.length + other;
        if (seenPairs.has(pair)) continue;
        seenPairs.add(pair);
        const node = xs.length;
        xs.push(xs[a] + t.along * (xs[b] - xs[a]));
        ys.push(ys[a] + t.along * (ys[b] - ys[a]));
        addSplit(s, t.along, node);
        addSplit(other, t.acrossOther, node);
        crossings++;
      }
    });
  }
  const split = applySplits(segmentStart, segmentEnd, splits);
  return { nodeX: Float64Array.from(xs), nodeY: Float64Array.from(ys), ...split, crossings };
}

/** Where segment ab properly crosses cd: the fraction along each, or null. */
function properCrossing(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): { along: number; acrossOther: number } | null {
  const rx = bx - ax, ry = by - ay, sx = dx - cx, sy = dy - cy;
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const along = ((cx - ax) * sy - (cy - ay) * sx) / denominator;
  const acrossOther = ((cx - ax) * ry - (cy - ay) * rx) / denominator;
  if (along <= 0 || along >= 1 || acrossOther <= 0 || acrossOther >= 1) return null;
  return { along, acrossOther };
}

function applySplits(segmentStart: Int32Array, segmentEnd: Int32Array, splits: Map<number, { t: number; node: number }[]>) {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let s = 0; s < segmentStart.length; s++) {
    const list = splits.get(s);
    if (!list) { starts.push(segmentStart[s]); ends.push(segmentEnd[s]); continue; }
    list.sort((p, q) => p.t - q.t);
    let previous = segmentStart[s];
    for (const { node } of list) { starts.push(previous); ends.push(node); previous = node; }
    starts.push(previous);
    ends.push(segmentEnd[s]);
  }
  return { segmentStart: Int32Array.from(starts), segmentEnd: Int32Array.from(ends) };
}
