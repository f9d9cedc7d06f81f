import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outputFolderPerFile, runAccess } from './accessCli';
import { skipRealData } from '../../helpers/sharedData';

const SF = fileURLToPath(new URL('../../../../shared/data/sf/', import.meta.url));

const { out: inOutput } = outputFolderPerFile('kudzu-access-areas-');

describe.skipIf(skipRealData)('kudzu access --areas: results per neighbourhood', () => {
  it('writes one row per San Francisco neighbourhood, keyed by its name, with the people of the tracts inside it', async () => {
    const out = inOutput('neighbourhoods.csv');
    const log = await runAccess(['--population', `${SF}tracts-2010.geojson`, '--sources', `${SF}osm-pois.geojson`, '--source-filter', 'kind=supermarket', '--areas', `${SF}neighborhoods.geojson`, '--out', out]);
    expect(log.some((line) => /^areas: 41 areas from .*neighborhoods\.geojson; id "nhood"/.test(line))).toBe(true);
    const [header, ...rows] = (await readFile(out, 'utf8')).trim().split('\n');
    expect(header).toBe('nhood,population,beyond,share,low_access');
    expect(rows).toHaveLength(41);
    const bayview = rows.find((row) => row.startsWith('Bayview Hunters Point,'))!.split(',');
    expect(Number(bayview[1])).toBeGreaterThan(30_000);
    expect(bayview[4]).toBe('1');
  });

  it('refuses --areas in USDA mode, naming the option', async () => {
    await expect(runAccess(['--population', `${SF}tracts-2010.geojson`, '--sources', `${SF}osm-pois.geojson`, '--mode', 'usda', '--areas', `${SF}neighborhoods.geojson`, '--out', inOutput('x.csv')]))
      .rejects.toThrow(/^--areas: USDA mode classifies the population polygons/);
  });
});
