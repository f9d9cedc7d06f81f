import cytoscape from 'cytoscape';
import { pairKey, type Tie, type TieEffect } from '../../shared/federation/networkStructure';

/**
 * Cytoscape's Hopcroft–Tarjan biconnected search (the kept library the planner first used),
 * as the truth the planner's own search is checked against.
 */
export function libraryBiconnectedBlocks(groupIds: readonly string[], ties: readonly Tie[]): { blocks: string[][]; cutVertices: Set<string>; bridges: Tie[] } {
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

/**
 * The naive way to learn what a new tie would change: run the library's biconnected
 * search on the whole network again with the tie added, and compare. Used as the truth in
 * tests and as the baseline in the benchmark.
 */
export function naiveTieEffect(groupIds: readonly string[], ties: readonly Tie[], a: string, b: string): TieEffect {
  const before = libraryBiconnectedBlocks(groupIds, ties);
  const after = libraryBiconnectedBlocks(groupIds, [...ties, [a, b]]);
  const afterBridges = new Set(after.bridges.map(([p, q]) => pairKey(p, q)));
  const bridges = before.bridges.filter(([p, q]) => !afterBridges.has(pairKey(p, q))).length;
  const cutVertices = [...before.cutVertices].filter((id) => !after.cutVertices.has(id)).length;
  return { bridges, cutVertices, joinsParts: !connected(groupIds, ties, a, b) };
}

/**
 * Cut vertices and bridges by brute force: remove each group (or tie) in turn and count the
 * connected parts left. Quadratic; for small networks in tests only.
 */
export function bruteForceSinglePoints(groupIds: readonly string[], ties: readonly Tie[]): { cutVertices: string[]; bridges: string[] } {
  const distinct = [...new Map(ties.filter(([a, b]) => a !== b).map(([a, b]) => [pairKey(a, b), (a < b ? [a, b] : [b, a]) as Tie])).values()];
  const parts = (without: { group?: string; tie?: number }) => {
    const present = groupIds.filter((id) => id !== without.group);
    const parent = new Map(present.map((id) => [id, id]));
    const find = (id: string): string => { let root = id; while (parent.get(root) !== root) root = parent.get(root) as string; return root; };
    distinct.forEach(([a, b], index) => {
      if (index === without.tie || !parent.has(a) || !parent.has(b)) return;
      parent.set(find(a), find(b));
    });
    return new Set(present.map(find)).size;
  };
  const whole = parts({});
  return {
    cutVertices: groupIds.filter((id) => parts({ group: id }) > whole - (distinct.some(([a, b]) => a === id || b === id) ? 0 : 1)).sort(),
    bridges: distinct.filter((_, index) => parts({ tie: index }) > whole).map(([a, b]) => `${a}–${b}`).sort(),
  };
}

function connected(groupIds: readonly string[], ties: readonly Tie[], a: string, b: string): boolean {
  const cy = cytoscape({
    headless: true, styleEnabled: false,
    elements: [
      ...groupIds.map((id) => ({ group: 'nodes' as const, data: { id } })),
      ...ties.map(([p, q], index) => ({ group: 'edges' as const, data: { id: `t${index}`, source: p, target: q } })),
    ],
  });
  const found = cy.elements().components().some((component) => component.getElementById(a).nonempty() && component.getElementById(b).nonempty());
  cy.destroy();
  return found;
}
