import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outputFolderPerFile, runAccess } from './accessCli';
import { KudzuError } from '../../../shared/errors';
import { skipRealData } from '../../helpers/sharedData';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/access/', import.meta.url));

const { out: inOutput } = outputFolderPerFile('kudzu-access-');

describe('kudzu access: bad input', () => {
  it('refuses a threshold without a unit, naming the option', async () => {
    await expect(runAccess(['--population', `${FIXTURES}midtown-area.geojson`, '--sources', `${FIXTURES}midtown-sources.geojson`, '--threshold', '800', '--out', inOutput('x.csv')]))
      .rejects.toThrow(/--threshold: "800" has no unit/);
  });

  it('refuses a population file where no polygon has a population, naming the file and field', async () => {
    const error = await runAccess(['--population', `${FIXTURES}no-population.geojson`, '--sources', `${FIXTURES}midtown-sources.geojson`, '--out', inOutput('x.csv')]).catch((caught) => caught);
    expect(error).toBeInstanceOf(KudzuError);
    expect(error.message).toMatch(/no-population\.geojson: no feature has a value in "pop2010"/);
  });

  it('names the row of a source without coordinates', async () => {
    const error = await runAccess(['--population', `${FIXTURES}midtown-area.geojson`, '--sources', `${FIXTURES}sources-missing-coordinates.csv`, '--out', inOutput('x.csv')]).catch((caught) => caught);
    expect(error).toBeInstanceOf(KudzuError);
    expect(error.message).toMatch(/sources-missing-coordinates\.csv: row 2 \("Mission Fridge"\) has no coordinates \(latitude is ""\)/);
    expect(error.details).toMatchObject({ row: 2, field: 'latitude' });
  });

  it('refuses an empty source list after filtering', async () => {
    await expect(runAccess(['--population', `${FIXTURES}midtown-area.geojson`, '--sources', `${FIXTURES}midtown-sources.geojson`, '--source-filter', 'kind=supermarket', '--out', inOutput('x.csv')]))
      .rejects.toThrow(/no sources to measure distances to \(no row has kind=supermarket\)/);
  });

  it('refuses a network file that is neither OSM nor PMTiles', async () => {
    await expect(runAccess(['--population', `${FIXTURES}midtown-area.geojson`, '--sources', `${FIXTURES}midtown-sources.geojson`, '--mode', 'walk', '--network', `${FIXTURES}midtown-area.geojson`, '--out', inOutput('x.csv')]))
      .rejects.toThrow(/midtown-area\.geojson: the network must be an OpenStreetMap \.osm\.pbf extract or a PMTiles basemap/);
  });

  it('refuses an output that is neither CSV nor GeoJSON', async () => {
    await expect(runAccess(['--population', `${FIXTURES}midtown-area.geojson`, '--sources', `${FIXTURES}midtown-sources.geojson`, '--out', inOutput('x.txt')]))
      .rejects.toThrow(/--out .*x\.txt: write to a \.csv or a \.geojson file/);
  });
});

describe('kudzu access: results', () => {
  it('writes one row per area with population, beyond, share, low_access and lila', async () => {
    const out = inOutput('midtown.csv');
    const log = await runAccess(['--population', `${FIXTURES}midtown-area.geojson`, '--sources', `${FIXTURES}midtown-sources.geojson`, '--threshold', '400m', '--cell', '50m', '--out', out]);
    expect(log.join('\n')).toMatch(/id "name", population "population", low income "low_income"/);
    const [header, ...rows] = (await readFile(out, 'utf8')).trim().split('\n');
    expect(header).toBe('name,population,beyond,share,low_access,lila');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Chelsea-ish,12000,/);
  });

  it.skipIf(skipRealData)('writes the USDA columns for San Francisco tracts, and logs the repaired tracts', async () => {
    const out = inOutput('sf-usda.csv');
    const log = await runAccess(['--population', `${DATA}sf/tracts-2010.geojson`, '--sources', `${DATA}sf/osm-pois.geojson`, '--source-filter', 'kind=supermarket', '--mode', 'usda', '--out', out]);
    expect(log.join('\n')).toMatch(/repaired 8 self-intersecting areas/);
    const [header, ...rows] = (await readFile(out, 'utf8')).trim().split('\n');
    expect(header.split(',')).toEqual([
      'GEOID10', 'population',
      'beyond_0.5mi', 'share_0.5mi', 'low_access_0.5mi', 'beyond_1mi', 'share_1mi', 'low_access_1mi',
      'beyond_10mi', 'share_10mi', 'low_access_10mi', 'beyond_20mi', 'share_20mi', 'low_access_20mi',
      'lila_0.5mi_10mi', 'lila_1mi_10mi', 'lila_1mi_20mi',
    ]);
    expect(rows).toHaveLength(195);
  });

  it.skipIf(skipRealData)('weights the USDA grid by the basemap\'s building footprints instead of ignoring --buildings', async () => {
    const even = inOutput('sf-usda-even.csv');
    const weighted = inOutput('sf-usda-buildings.csv');
    const common = ['--population', `${DATA}sf/tracts-2010.geojson`, '--sources', `${DATA}sf/osm-pois.geojson`, '--source-filter', 'kind=supermarket', '--mode', 'usda'];
    await runAccess([...common, '--out', even]);
    const log = await runAccess([...common, '--buildings', `${DATA}sf/basemap.pmtiles`, '--out', weighted]);
    expect(log.join('\n')).toMatch(/buildings: \d+ footprints from .*basemap\.pmtiles weight the population grid/);
    const [evenText, weightedText] = [await readFile(even, 'utf8'), await readFile(weighted, 'utf8')];
    expect(weightedText.split('\n')[0]).toBe(evenText.split('\n')[0]);
    expect(weightedText).not.toBe(evenText);
  }, 60_000);

  it.skipIf(skipRealData)("lists Allegheny's empty tracts in the log and leaves their cells empty in the GeoJSON", async () => {
    const out = inOutput('allegheny.geojson');
    const log = await runAccess(['--population', `${DATA}pittsburgh/tracts-2010.geojson`, '--sources', `${DATA}pittsburgh/food-sites-2022-08-28.csv`, '--source-filter', 'type=supermarket', '--threshold', '1mi', '--out', out]);
    expect(log.join('\n')).toMatch(/2 areas have no population and are reported empty: 42003980800, 42003981200/);
    expect(log.join('\n')).toMatch(/coordinates from "latitude", "longitude"/);
    const collection = JSON.parse(await readFile(out, 'utf8'));
    expect(collection.features).toHaveLength(402);
    const empty = collection.features.find((feature: { properties: { GEOID10: string } }) => feature.properties.GEOID10 === '42003980800');
    expect(empty.properties).toMatchObject({ population: null, beyond: null, share: null, low_access: null });
    expect(empty.geometry.type).toMatch(/Polygon/);
  });
});
