import TinyQueue from 'tinyqueue';
import { whatIfSite, type WhatIfContext } from './whatIfSite';

export interface Candidates {
  /** Candidate locations on the analysis plane, metres. */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export interface NextSite {
  /** Index into the candidates. */
  readonly candidate: number;
  readonly x: number;
  readonly y: number;
  /** People this site brings within the threshold, beyond those the sites before it reach. */
  readonly peopleReached: number;
  readonly cells: Int32Array;
}

/**
 * The k candidate sites that together bring the most people within the threshold, chosen
 * greedily (each pick reaches the most people not yet reached), which is within 1 − 1/e of
 * the best possible set. Gains only shrink as sites are added, so a pick is re-evaluated
 * lazily only when it reaches the top of the queue. Ties go to the lower candidate index.
 */
export function bestNextSites(context: WhatIfContext, candidates: Candidates, count: number): NextSite[] {
  const working: WhatIfContext = { ...context, distance: Float64Array.from(context.distance) };
  type Entry = { candidate: number; gain: number; round: number };
  const queue = new TinyQueue<Entry>([], (a, b) => b.gain - a.gain || a.candidate - b.candidate);
  for (let candidate = 0; candidate < candidates.x.length; candidate++) {
    const gain = whatIfSite(working, candidates.x[candidate], candidates.y[candidate]).peopleReached;
    if (gain > 0) queue.push({ candidate, gain, round: 0 });
  }
  const picks: NextSite[] = [];
  while (picks.length < count && queue.length > 0) {
    const top = queue.pop()!;
    const x = candidates.x[top.candidate], y = candidates.y[top.candidate];
    if (top.round < picks.length) {
      const gain = whatIfSite(working, x, y).peopleReached;
      if (gain > 0) queue.push({ candidate: top.candidate, gain, round: picks.length });
      continue;
    }
    const outcome = whatIfSite(working, x, y);
    outcome.cells.forEach((cell, i) => { working.distance[cell] = outcome.distance[i]; });
    picks.push({ candidate: top.candidate, x, y, peopleReached: outcome.peopleReached, cells: outcome.cells });
  }
  return picks;
}

/**
 * Candidate sites from the grid: the centre of each block of `spacing` metres that holds at
 * least one cell beyond the threshold (the populated cell nearest the block's centre).
 */
export function underservedCellCandidates(context: WhatIfContext, spacing: number): Candidates {
  const best = new Map<number, { cell: number; squared: number }>();
  const { cellX, cellY, distance, population, threshold } = context;
  for (let cell = 0; cell < cellX.length; cell++) {
    if (distance[cell] <= threshold || population[cell] <= 0) continue;
    const column = Math.floor(cellX[cell] / spacing), row = Math.floor(cellY[cell] / spacing);
    const key = column * 1_048_576 + row;
    const dx = cellX[cell] - (column + 0.5) * spacing, dy = cellY[cell] - (row + 0.5) * spacing;
    const squared = dx * dx + dy * dy;
    const held = best.get(key);
    if (!held || squared < held.squared || (squared === held.squared && cell < held.cell)) best.set(key, { cell, squared });
  }
  const chosen = [...best.values()].map(({ cell }) => cell).sort((a, b) => a - b);
  return { x: Float64Array.from(chosen, (cell) => cellX[cell]), y: Float64Array.from(chosen, (cell) => cellY[cell]) };
}
