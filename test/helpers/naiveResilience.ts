import cytoscape from 'cytoscape';
import { biconnectedBlocks, pairKey, type Tie, type TieEffect } from '../../shared/federation/networkStructure';

/**
 * The naive way to learn what a new tie would change: run the library's biconnected
 * search on the whole network again with the tie added, and compare. Used as the truth in
 * tests and as the baseline in the benchmark.
 */
export function naiveTieEffect(groupIds: readonly string[], ties: readonly Tie[], a: string, b: string): TieEffect {
  const before = biconnectedBlocks(groupIds, ties);
  const after = biconnectedBlocks(groupIds, [...ties, [a, b]]);
  const afterBridges = new Set(after.bridges.map(([p, q]) => pairKey(p, q)));
  const bridges = before.bridges.filter(([p, q]) => !afterBridges.has(pairKey(p, q))).length;
  const cutVertices = [...before.cutVertices].filter((id) => !after.cutVertices.has(id)).length;
  return { bridges, cutVertices, joinsParts: !connected(groupIds, ties, a, b) };
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
