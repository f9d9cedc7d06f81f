import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessCommand } from '../../../server/cli/accessCommand';
import { commitImport } from '../../../server/import/importSites';
import { createServices, type Services } from '../../../server/services';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { dataFile, sharedDataSkipReason, skipRealData } from '../../helpers/sharedData';
import { actorAs, steward } from '../import/support';

const kinds = await databaseKinds();

function realFile(...parts: string[]) {
  const path = dataFile(...parts);
  return { name: basename(path), bytes: readFileSync(path) };
}

/** The same San Francisco tracts and OSM supermarkets, read from files by `kudzu access` and from the database by the app. */
describe.skipIf(skipRealData).each(kinds)(`one food-access pipeline for the command line and the app, on %s${sharedDataSkipReason ? ` (skipped: ${sharedDataSkipReason})` : ''}`, (kind) => {
  let database: TestDatabase;
  let services: Services;
  let outDir = '';

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    outDir = await mkdtemp(join(tmpdir(), 'kudzu-cli-app-'));
    for (const [file, layer] of [['tracts-2010.geojson', 'sf-tracts'], ['osm-pois.geojson', 'osm-pois']]) {
      const imported = await commitImport(database.db, steward, realFile('sf', file), { layer });
      expect(imported.written).toBeGreaterThan(0);
    }
    services = createServices(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
    await rm(outDir, { recursive: true, force: true });
  });

  async function commandLine(format: 'csv' | 'geojson', extra: string[]): Promise<string> {
    const out = join(outDir, `cli-${extra.join('-')}.${format}`);
    await accessCommand([
      '--population', dataFile('sf', 'tracts-2010.geojson'), '--sources', dataFile('sf', 'osm-pois.geojson'), '--source-filter', 'kind=supermarket',
      ...extra, '--out', out,
    ], { log: () => {} });
    return readFile(out, 'utf8');
  }

  async function app(format: 'csv' | 'geojson', params: { mode: 'line' | 'usda'; cellSize: string; threshold?: string }): Promise<string> {
    const file = await services.access.download(actorAs('public'), {
      population: { kind: 'layer', layer: 'sf-tracts' },
      sources: { kind: 'layer', layer: 'osm-pois', property: 'kind', values: ['supermarket'] },
      what: 'table', format, ...params,
    });
    return file.text;
  }

  it('gives the same straight-line table, byte for byte, with the low-income flag both read', async () => {
    const cli = await commandLine('csv', ['--mode', 'line', '--cell', '100m', '--threshold', '0.5mi']);
    const fromApp = await app('csv', { mode: 'line', cellSize: '100m', threshold: '0.5mi' });
    expect(cli.split('\n')[0]).toBe('GEOID10,population,beyond,share,low_access,lila');
    expect(cli.split('\n').length).toBe(197);
    expect(fromApp).toBe(cli);
  }, 120_000);

  it('gives the same USDA table, byte for byte, with the Atlas columns', async () => {
    const cli = await commandLine('csv', ['--mode', 'usda']);
    const fromApp = await app('csv', { mode: 'usda', cellSize: '500m' });
    expect(cli.split('\n')[0]).toMatch(/^GEOID10,population,beyond_0\.5mi,.*,lila_1mi_20mi$/);
    expect(fromApp).toBe(cli);
  }, 120_000);

  it('gives the same GeoJSON: the tract polygons with the table row as properties', async () => {
    const cli = JSON.parse(await commandLine('geojson', ['--mode', 'line', '--cell', '200m']));
    const fromApp = JSON.parse(await app('geojson', { mode: 'line', cellSize: '200m' }));
    expect(fromApp.features).toHaveLength(195);
    expect(fromApp.features.map((feature: { properties: unknown }) => feature.properties)).toEqual(cli.features.map((feature: { properties: unknown }) => feature.properties));
    expect(fromApp.features[0].geometry).toEqual(cli.features[0].geometry);
  }, 120_000);
});
