/**
 * The single points of failure of a network of groups: cut vertices (groups whose loss
 * would split the network) and bridges (ties that are the only connection between two
 * parts). Cytoscape's Hopcroft–Tarjan biconnected components find them; from its blocks
 * we build the block–cut tree once, so the effect of any new tie a–b (which bridges and cut
 * vertices it takes away, or which separate parts it joins) is a path query on that tree
 * instead of a fresh search of the whole network per candidate.
 */
import cytoscape from 'cytoscape';

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
  explainTie(a: string, b: string): TieExplanation;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Biconnected blocks and cut vertices, straight from the library. */
export function biconnectedBlocks(groupIds: readonly string[], ties: readonly Tie[]): { blocks: string[][]; cutVertices: Set<string>; bridges: Tie[] } {
  const known = new Set(groupIds);
  const seen = new Set<string>();
  const elements: cytoscape.ElementDefinition[] = groupIds.map((id) => ({ group: 'nodes', data: { id: `n:${id}`, groupId: id } }));
  for (const [a, b] of ties) {
    if (a === b || !known.has(a) || !known.has(b)) continue;
    const key = pairKey(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    elements.push({ group: 'edges', data: { id: `e:${seen.size}`, source: `n:${a}`, target: `n:${b}` } });
  }
  const cy = cytoscape({ headless: true, styleEnabled: false, elements });
  const result = cy.elements().hopcroftTarjanBiconnected() as unknown as { cut: cytoscape.NodeCollection; components: cytoscape.Collection[] };
  const cutVertices = new Set(result.cut.map((node) => node.data('groupId') as string));
  const blocks: string[][] = [];
  const bridges: Tie[] = [];
  for (const component of result.components) {
    const members = component.nodes().map((node) => node.data('groupId') as string);
    blocks.push(members);
    if (members.length === 2 && component.edges().length === 1) bridges.push(members[0] < members[1] ? [members[0], members[1]] : [members[1], members[0]]);
  }
  cy.destroy();
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
  };
}
