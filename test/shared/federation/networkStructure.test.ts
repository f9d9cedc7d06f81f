import { describe, expect, it } from 'vitest';
import { analyseNetwork, biconnectedBlocks, type Tie } from '../../../shared/federation/networkStructure';
import { bruteForceSinglePoints, libraryBiconnectedBlocks, naiveTieEffect } from '../../helpers/naiveResilience';

/** A seeded random network: a sparse tree-ish backbone, some extra ties, a few loose groups. */
function randomNetwork(seed: number, size: number, extra: number): { nodes: string[]; ties: Tie[] } {
  let state = seed;
  const random = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
  const nodes = Array.from({ length: size }, (_, index) => `g${index}`);
  const ties: Tie[] = [];
  for (let index = 1; index < size; index++) if (random() < 0.85) ties.push([nodes[Math.floor(random() * index)], nodes[index]]);
  for (let k = 0; k < extra; k++) ties.push([nodes[Math.floor(random() * size)], nodes[Math.floor(random() * size)]]);
  return { nodes, ties };
}

/** Two triangles joined through a path a3–m–b1: m is a cut vertex, both path ties are bridges. */
const ids = ['a1', 'a2', 'a3', 'm', 'b1', 'b2', 'b3', 'lone'];
const ties: Tie[] = [['a1', 'a2'], ['a2', 'a3'], ['a3', 'a1'], ['a3', 'm'], ['m', 'b1'], ['b1', 'b2'], ['b2', 'b3'], ['b3', 'b1']];

describe('the single points of failure of a network', () => {
  const structure = analyseNetwork(ids, ties);

  it('marks the groups whose loss would split the network as cut vertices', () => {
    expect([...structure.cutVertices].sort()).toEqual(['a3', 'b1', 'm']);
  });

  it('marks the ties that are the only connection between two parts as bridges', () => {
    expect(structure.bridges.map((tie) => tie.join('–')).sort()).toEqual(['a3–m', 'b1–m']);
    expect(structure.isBridge('m', 'a3')).toBe(true);
    expect(structure.isBridge('a1', 'a2')).toBe(false);
  });

  it('says a tie across the path closes both bridges and relieves the middle group', () => {
    const explained = structure.explainTie('a1', 'b2');
    expect(explained).toMatchObject({ bridges: 2, cutVertices: 3, joinsParts: false });
    expect(explained.cutVertexIds.sort()).toEqual(['a3', 'b1', 'm']);
  });

  it('says a tie to a group with no ties joins two parts', () => {
    expect(structure.explainTie('lone', 'a1')).toMatchObject({ joinsParts: true, partSizes: [1, 7] });
  });

  it('agrees with recomputing the whole network for every possible new tie', () => {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        expect(structure.effectOfTie(ids[i], ids[j]), `${ids[i]}–${ids[j]}`).toEqual(naiveTieEffect(ids, ties, ids[i], ids[j]));
      }
    }
  }, 60_000);

  it('agrees with recomputing on a random sparse network', () => {
    let seed = 7;
    const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const nodes = Array.from({ length: 40 }, (_, index) => `g${index}`);
    const randomTies: Tie[] = [];
    for (let index = 1; index < nodes.length; index++) if (random() < 0.9) randomTies.push([nodes[Math.floor(random() * index)], nodes[index]]);
    for (let extra = 0; extra < 12; extra++) randomTies.push([nodes[Math.floor(random() * 40)], nodes[Math.floor(random() * 40)]]);
    const clean = randomTies.filter(([p, q]) => p !== q);
    const sparse = analyseNetwork(nodes, clean);
    for (let trial = 0; trial < 25; trial++) {
      const p = nodes[Math.floor(random() * 40)];
      const q = nodes[Math.floor(random() * 40)];
      if (p === q) continue;
      expect(sparse.effectOfTie(p, q), `${p}–${q}`).toEqual(naiveTieEffect(nodes, clean, p, q));
    }
  }, 60_000);

  it('finds exactly the cut vertices and bridges that removing each group and each tie in turn finds', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { nodes, ties: random } = randomNetwork(seed, 14 + seed, seed % 7);
      const fast = biconnectedBlocks(nodes, random);
      const truth = bruteForceSinglePoints(nodes, random);
      expect([...fast.cutVertices].sort(), `seed ${seed}`).toEqual(truth.cutVertices);
      expect(fast.bridges.map((tie) => tie.join('–')).sort(), `seed ${seed}`).toEqual(truth.bridges);
    }
  });

  it('finds the same blocks, cut vertices and bridges as Cytoscape’s search, in the same order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { nodes, ties: random } = randomNetwork(seed * 31, 60, seed * 3);
      const fast = biconnectedBlocks(nodes, [...random, random[0], [nodes[5], nodes[5]]]);
      const library = libraryBiconnectedBlocks(nodes, [...random, random[0], [nodes[5], nodes[5]]]);
      expect(fast.blocks.map((block) => [...block].sort()), `seed ${seed}`).toEqual(library.blocks.map((block) => [...block].sort()));
      expect([...fast.cutVertices], `seed ${seed}`).toEqual([...library.cutVertices]);
      expect(fast.bridges, `seed ${seed}`).toEqual(library.bridges);
    }
  });

  it('searches a long chain of groups without running out of stack', () => {
    const nodes = Array.from({ length: 50_000 }, (_, index) => `c${index}`);
    const chain: Tie[] = nodes.slice(1).map((id, index) => [nodes[index], id]);
    const found = biconnectedBlocks(nodes, chain);
    expect(found.bridges).toHaveLength(49_999);
    expect(found.cutVertices.size).toBe(49_998);
  });
});
