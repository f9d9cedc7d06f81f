import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessCommand } from '../../../server/cli/accessCommand';
import { skipRealData } from '../../helpers/sharedData';

const SF = fileURLToPath(new URL('../../../../shared/data/sf/', import.meta.url));

let outDir = '';
beforeAll(async () => { outDir = await mkdtemp(join(tmpdir(), 'kudzu-access-areas-')); });
afterAll(async () => { await rm(outDir, { recursive: true, force: true }); });

async function run(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await accessCommand(argv, { log: (line) => lines.push(line) });
  return lines;
}

describe.skipIf(skipRealData)('kudzu access --areas: results per neighbourhood', () => {
  it('writes one row per San Francisco neighbourhood, keyed by its name, with the people of the tracts inside it', async () => {
    const out = join(outDir, 'neighbourhoods.csv');
    const log = await run(['--population', `${SF}tracts-2010.geojson`, '--sources', `${SF}osm-pois.geojson`, '--source-filter', 'kind=supermarket', '--areas', `${SF}neighborhoods.geojson`, '--out', out]);
    expect(log.some((line) => /^areas: 41 areas from .*neighborhoods\.geojson; id "nhood"/.test(line))).toBe(true);
    const [header, ...rows] = (await readFile(out, 'utf8')).trim().split('\n');
    expect(header).toBe('nhood,population,beyond,share,low_access');
    expect(rows).toHaveLength(41);
    const bayview = rows.find((row) => row.startsWith('Bayview Hunters Point,'))!.split(',');
    expect(Number(bayview[1])).toBeGreaterThan(30_000);
    expect(bayview[4]).toBe('1');
  });

  it('refuses --areas in USDA mode, naming the option', async () => {
    await expect(run(['--population', `${SF}tracts-2010.geojson`, '--sources', `${SF}osm-pois.geojson`, '--mode', 'usda', '--areas', `${SF}neighborhoods.geojson`, '--out', join(outDir, 'x.csv')]))
      .rejects.toThrow(/^--areas: USDA mode classifies the population polygons/);
  });
});
