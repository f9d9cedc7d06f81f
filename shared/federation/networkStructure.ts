/**
 * The single points of failure of a network of groups: cut vertices (groups whose loss
 * would split the network) and bridges (ties that are the only connection between two
 * parts). One Hopcroft–Tarjan search finds the biconnected blocks; from them we build the
 * block–cut tree once, so the effect of any new tie a–b (which bridges and cut vertices it
 * takes away, or which separate parts it joins) is a path query on that tree
 * instead of a fresh search of the whole network per candidate.
 */

/** Two groups joined by at least one link, whatever its kind or direction. */
export type Tie = readonly [string, string];

export interface TieEffect {
  /** Ties that would stop being bridges. */
  bridges: number;
  /** Groups that would stop being cut vertices. */
  cutVertices: number;
  /** True when the two groups are in parts of the network with no tie between them today. */
  joinsParts: boolean;
}

export interface TieExplanation extends TieEffect {
  bridgeTies: Tie[];
  cutVertexIds: string[];
  /** Sizes of the two parts joined, when `joinsParts`. */
  partSizes: [number, number] | null;
}

export interface NetworkStructure {
  cutVertices: ReadonlySet<string>;
  /** Each bridge once, its two group ids sorted. */
  bridges: readonly Tie[];
  isBridge(a: string, b: string): boolean;
  /** How many groups are in each connected part, by group id. */
  partSize(id: string): number;
  effectOfTie(a: string, b: string): TieEffect;
  /**
   * The node of the block–cut tree a group sits in (its block, or itself for a cut vertex).
   * Two groups on the same node are in one block: a tie between them changes nothing.
   */
  treeNode(id: string): number;
  explainTie(a: string, b: string): TieExplanation;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * Biconnected blocks, cut vertices and bridges in one depth-first search (Hopcroft–Tarjan),
 * linear in groups + ties. No kept graph library fits: graphology has no biconnected
 * search, and Cytoscape's (the first version of this) took 10–20 s at 2,000 groups under
 * load, building a collection per step. This one visits groups and ties in the same order
 * as Cytoscape's, so it finds the same blocks in the same order; the tests check it against
 * Cytoscape and against removing each group and tie in turn.
 */
export function biconnectedBlocks(groupIds: readonly string[], ties: readonly Tie[]): { blocks: string[][]; cutVertices: Set<string>; bridges: Tie[] } {
  const indexOf = new Map<string, number>();
  for (const id of groupIds) if (!indexOf.has(id)) indexOf.set(id, indexOf.size);
  const ids = [...indexOf.keys()];
  const n = ids.length;
  // Each distinct tie once, in the order given; a group's ties in the order they were given.
  const tieEnds: number[] = [];
  const incident: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<number>();
  for (const [a, b] of ties) {
    const p = indexOf.get(a);
    const q = indexOf.get(b);
    if (p === undefined || q === undefined || p === q) continue;
    const key = p < q ? p * n + q : q * n + p;
    if (seen.has(key)) continue;
    seen.add(key);
    const tie = tieEnds.length / 2;
    tieEnds.push(p, q);
    incident[p].push(tie);
    incident[q].push(tie);
  }

  const order = new Int32Array(n).fill(-1); // discovery number
  const low = new Int32Array(n);
  const isCut = new Uint8Array(n);
  const discovered: number[] = [];
  const tieVisited = new Uint8Array(tieEnds.length / 2);
  const tieStack: number[] = []; // ties pushed as (tie, from) pairs
  const blocks: string[][] = [];
  const bridges: Tie[] = [];

  /** Pop the ties down to and including from→to: one block. */
  const buildBlock = (from: number, to: number): void => {
    const members: number[] = [];
    const inBlock = new Set<number>();
    let tieCount = 0;
    for (;;) {
      const tieFrom = tieStack.pop() as number;
      const tie = tieStack.pop() as number;
      tieCount += 1;
      for (let side = 0; side < 2; side++) {
        const end = tieEnds[2 * tie + side];
        if (!inBlock.has(end)) { inBlock.add(end); members.push(end); }
      }
      const tieTo = tieEnds[2 * tie] === tieFrom ? tieEnds[2 * tie + 1] : tieEnds[2 * tie];
      if (tieFrom === from && tieTo === to) break;
    }
    blocks.push(members.map((k) => ids[k]));
    if (tieCount === 1) {
      const [p, q] = [ids[members[0]], ids[members[1]]];
      bridges.push(p < q ? [p, q] : [q, p]);
    }
  };

  // The depth-first search, with an explicit stack of (group, parent, next tie) frames.
  const frameNode: number[] = [];
  const frameParent: number[] = [];
  const frameNext: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    let rootChildren = 0;
    const enter = (node: number, parent: number): void => {
      if (parent === root) rootChildren += 1;
      order[node] = low[node] = counter++;
      discovered.push(node);
      if (incident[node].length === 0) blocks.push([ids[node]]);
      frameNode.push(node);
      frameParent.push(parent);
      frameNext.push(0);
    };
    enter(root, -1);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const node = frameNode[top];
      const parent = frameParent[top];
      const position = frameNext[top];
      if (position === incident[node].length) {
        frameNode.pop();
        frameParent.pop();
        frameNext.pop();
        if (parent !== -1) {
          low[parent] = Math.min(low[parent], low[node]);
          if (order[parent] <= low[node]) {
            isCut[parent] = 1;
            buildBlock(parent, node);
          }
        }
        continue;
      }
      frameNext[top] = position + 1;
      const tie = incident[node][position];
      const other = tieEnds[2 * tie] === node ? tieEnds[2 * tie + 1] : tieEnds[2 * tie];
      if (other === parent) continue;
      if (!tieVisited[tie]) {
        tieVisited[tie] = 1;
        tieStack.push(tie, node);
      }
      if (order[other] === -1) enter(other, node);
      else low[node] = Math.min(low[node], order[other]);
    }
    isCut[root] = rootChildren > 1 ? 1 : 0;
  }
  const cutVertices = new Set(discovered.filter((k) => isCut[k]).map((k) => ids[k]));
  return { blocks, cutVertices, bridges };
}

/** Analyse the network once; answer tie queries in O(log n) each. */
export function analyseNetwork(groupIds: readonly string[], ties: readonly Tie[]): NetworkStructure {
  const { blocks, cutVertices, bridges } = biconnectedBlocks(groupIds, ties);
  const bridgeKeys = new Set(bridges.map(([a, b]) => pairKey(a, b)));
  const tieKeys = new Set(ties.map(([a, b]) => pairKey(a, b)));

  // Block–cut tree: blocks first, then one node per cut vertex.
  const cutList = [...cutVertices];
  const cutIndex = new Map(cutList.map((id, index) => [id, blocks.length + index]));
  const size = blocks.length + cutList.length;
  const adjacency: number[][] = Array.from({ length: size }, () => []);
  const treeNodeOf = new Map<string, number>();
  const isBridgeBlock = new Uint8Array(size);
  blocks.forEach((members, block) => {
    if (members.length === 2 && bridgeKeys.has(pairKey(members[0], members[1]))) isBridgeBlock[block] = 1;
    for (const id of members) {
      const cut = cutIndex.get(id);
      if (cut !== undefined) {
        adjacency[block].push(cut);
        adjacency[cut].push(block);
      } else {
        treeNodeOf.set(id, block);
      }
    }
  });
  for (const [id, index] of cutIndex) treeNodeOf.set(id, index);
  const relievable = new Uint8Array(size);
  for (const index of cutIndex.values()) if (adjacency[index].length === 2) relievable[index] = 1;

  // Root every tree; depth, parent, part, and counts from the root.
  const depth = new Int32Array(size).fill(-1);
  const parent = new Int32Array(size).fill(-1);
  const part = new Int32Array(size).fill(-1);
  const bridgesFromRoot = new Int32Array(size);
  const cutsFromRoot = new Int32Array(size);
  const partGroupCount: number[] = [];
  for (let root = 0; root < size; root++) {
    if (depth[root] !== -1) continue;
    const partId = partGroupCount.length;
    partGroupCount.push(0);
    depth[root] = 0;
    part[root] = partId;
    bridgesFromRoot[root] = isBridgeBlock[root];
    cutsFromRoot[root] = relievable[root];
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const next of adjacency[node]) {
        if (depth[next] !== -1) continue;
        depth[next] = depth[node] + 1;
        parent[next] = node;
        part[next] = partId;
        bridgesFromRoot[next] = bridgesFromRoot[node] + isBridgeBlock[next];
        cutsFromRoot[next] = cutsFromRoot[node] + relievable[next];
        queue.push(next);
      }
    }
  }
  for (const id of groupIds) {
    const node = treeNodeOf.get(id);
    if (node !== undefined) partGroupCount[part[node]] += 1;
  }

  // Binary lifting for lowest common ancestors.
  const levels = Math.max(1, Math.ceil(Math.log2(size + 1)));
  const up: Int32Array[] = [Int32Array.from(parent, (p, index) => (p === -1 ? index : p))];
  for (let level = 1; level < levels; level++) {
    const previous = up[level - 1];
    up.push(Int32Array.from(previous, (ancestor) => previous[ancestor]));
  }
  const lowestCommonAncestor = (x: number, y: number): number => {
    if (depth[x] < depth[y]) [x, y] = [y, x];
    let lift = depth[x] - depth[y];
    for (let level = 0; lift > 0; level++, lift >>= 1) if (lift & 1) x = up[level][x];
    if (x === y) return x;
    for (let level = levels - 1; level >= 0; level--) {
      if (up[level][x] !== up[level][y]) {
        x = up[level][x];
        y = up[level][y];
      }
    }
    return parent[x];
  };

  const nodeOf = (id: string): number => {
    const node = treeNodeOf.get(id);
    if (node === undefined) throw new Error(`group ${id} is not in the network`);
    return node;
  };

  const effectOfTie = (a: string, b: string): TieEffect => {
    const x = nodeOf(a);
    const y = nodeOf(b);
    if (part[x] !== part[y]) return { bridges: 0, cutVertices: 0, joinsParts: true };
    // Two groups already tied gain no new path by a second link between them.
    if (x === y || tieKeys.has(pairKey(a, b))) return { bridges: 0, cutVertices: 0, joinsParts: false };
    const meet = lowestCommonAncestor(x, y);
    const bridgesOnPath = bridgesFromRoot[x] + bridgesFromRoot[y] - 2 * bridgesFromRoot[meet] + isBridgeBlock[meet];
    // The two ends stay cut vertices (their other blocks stay apart); only those inside the path are relieved.
    const cutsOnPath = cutsFromRoot[x] + cutsFromRoot[y] - 2 * cutsFromRoot[meet] + relievable[meet] - relievable[x] - relievable[y];
    return { bridges: bridgesOnPath, cutVertices: cutsOnPath, joinsParts: false };
  };

  const blockAsTie = (block: number): Tie => {
    const [p, q] = blocks[block];
    return p < q ? [p, q] : [q, p];
  };

  const explainTie = (a: string, b: string): TieExplanation => {
    const effect = effectOfTie(a, b);
    const x = nodeOf(a);
    const y = nodeOf(b);
    if (effect.joinsParts) {
      return { ...effect, bridgeTies: [], cutVertexIds: [], partSizes: [partGroupCount[part[x]], partGroupCount[part[y]]] };
    }
    if (effect.bridges === 0 && effect.cutVertices === 0) return { ...effect, bridgeTies: [], cutVertexIds: [], partSizes: null };
    const meet = lowestCommonAncestor(x, y);
    const path: number[] = [];
    for (let node = x; node !== meet; node = parent[node]) path.push(node);
    path.push(meet);
    for (let node = y; node !== meet; node = parent[node]) path.push(node);
    const ends = new Set([x, y]);
    const bridgeTies = path.filter((node) => isBridgeBlock[node]).map(blockAsTie);
    const cutVertexIds = path.filter((node) => relievable[node] && !ends.has(node)).map((node) => cutList[node - blocks.length]);
    return { ...effect, bridgeTies, cutVertexIds, partSizes: null };
  };

  return {
    cutVertices,
    bridges,
    isBridge: (a, b) => bridgeKeys.has(pairKey(a, b)),
    partSize: (id) => partGroupCount[part[nodeOf(id)]],
    effectOfTie,
    explainTie,
    treeNode: nodeOf,
  };
}
