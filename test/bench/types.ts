import type { ChildProcess } from 'node:child_process';
/** One measured figure, printed beside the baseline measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** The budget from PRODUCT.md, in words ("< 30 ms"). */
  budget?: string;
  /** Throughputs: the ratio beside the baseline is then value ÷ baseline (how many times more). */
  higherIsBetter?: boolean;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A deterministic PRNG (mulberry32), so every run measures the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bench server's CPU time so far, in seconds, asked over its IPC channel (it answers `{ cpu }` in ms). */
export function serverCpuSeconds(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const answer = (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('cpu' in message)) return;
      child.off('message', answer);
      resolve((message as { cpu: number }).cpu / 1000);
    };
    child.on('message', answer);
    child.send('cpu');
  });
}
