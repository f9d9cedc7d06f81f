import { describe, expect, it } from 'vitest';
import { analyseNetwork, type Tie } from '../../../shared/federation/networkStructure';
import { naiveTieEffect } from '../../helpers/naiveResilience';

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
});
