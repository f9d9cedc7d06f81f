/**
 * `npm run bench`: every benchmark, each figure beside its baseline from the same run; the
 * ratio after a baseline says how many times better the figure is (below 1: worse).
 * `npm run bench -- api` runs one group (api, access, map, tiles, reads, zine, federation, archive, night).
 */
import type { BenchRow } from './types';

const groups: Record<string, () => Promise<BenchRow[]>> = {
  api: async () => (await import('./api')).apiBenchmarks(),
  access: async () => (await import('./access')).accessBenchmarks(),
  map: async () => (await import('./mapRender')).mapRenderBenchmarks(),
  tiles: async () => (await import('./api')).tileBenchmarks(),
  reads: async () => (await import('./reads')).readBenchmarks(),
  zine: async () => (await import('./zine')).zineBenchmarks(),
  federation: async () => (await import('./federation')).federationBenchmarks(),
  archive: async () => (await import('./archive')).archiveBenchmarks(),
  night: async () => (await import('./night')).nightBenchmarks(),
};

function format(value: number, unit: string): string {
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ${unit}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(groups);
  for (const name of names) {
    const group = groups[name];
    if (!group) throw new Error(`no benchmark group “${name}” (groups: ${Object.keys(groups).join(', ')})`);
    console.log(`\n## ${name}`);
    const rows = await group();
    for (const row of rows) {
      const ratio = row.baseline ? (row.higherIsBetter ? row.value / row.baseline.value : row.baseline.value / row.value) : 0;
      const baseline = row.baseline ? ` | baseline ${row.baseline.name}: ${format(row.baseline.value, row.unit)} (${ratio.toFixed(ratio < 10 ? 2 : 0)}×)` : '';
      console.log(`- ${row.name}: ${format(row.value, row.unit)}${row.budget ? ` [budget ${row.budget}]` : ''}${baseline}`);
    }
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
