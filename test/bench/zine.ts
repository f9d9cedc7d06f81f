/**
 * Zine: the eight-page vector PDF of the demo's latest published audit, and of San Francisco
 * (the SF basemap's roads and water, 275 OpenStreetMap points imported as sites), each timed
 * end to end through the zine service (database, basemap, layout, SVG, PDF) and weighed, with
 * its raster images counted by `pdfimages -list`. Beside each, in the same run, the screenshot
 * way: the same map page as a 300-dpi raster (rasterised with pdftoppm) in a PDF.
 * `KUDZU_BENCH_KEEP=<folder>` keeps the PDFs there, to render and look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { openDatabase, migrateToLatest } from '../../server/db/database';
import { commitImport } from '../../server/import/importSites';
import { repositories } from '../../server/repositories';
import { createServices, type Services } from '../../server/services';
import { systemActor, type Actor } from '../../server/services/context';
import { PAPER_SIZES } from '../../shared/zine/paper';
import { callerAs } from '../api/fixtures';
import { dataFile } from '../helpers/sharedData';
import type { BenchRow } from './types';

const publicActor: Actor = { viewer: { userId: null, displayName: null, role: 'public' }, now: new Date('2026-11-21T00:00:00Z') };
const LIVE_MAP = 'https://kudzu.example/';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function imageCount(path: string): number {
  return execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').length - 2;
}

/** The screenshot way: one page rasterised at 300 dpi and embedded as a PNG in a PDF. */
async function rasterPdf(vectorPdf: string, pageNumber: number, directory: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const prefix = join(directory, `raster-${pageNumber}`);
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', '-f', String(pageNumber), '-l', String(pageNumber), vectorPdf, prefix]);
  const png = readFileSync(`${prefix}.png`);
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const { width, height } = PAPER_SIZES.a4;
  doc.addPage({ size: [width, height], margin: 0 });
  doc.image(png, 0, 0, { width, height });
  doc.end();
  await done;
  const bytes = Buffer.concat(chunks).length;
  return { ms: performance.now() - started, bytes };
}

async function measure(name: string, services: Services, auditId: string, directory: string): Promise<BenchRow[]> {
  const request = { auditId, format: 'pdf' as const, layout: 'pages' as const, paper: 'a4' as const };
  await services.zines.render(publicActor, request, LIVE_MAP); // warm up (module loading, fonts)
  const times: number[] = [];
  let file = await services.zines.render(publicActor, request, LIVE_MAP);
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    file = await services.zines.render(publicActor, request, LIVE_MAP);
    times.push(performance.now() - started);
  }
  const path = join(process.env.KUDZU_BENCH_KEEP ?? directory, `${name.replace(/\W+/g, '-')}.pdf`);
  writeFileSync(path, file.bytes);
  const raster = await rasterPdf(path, 2, directory);
  return [
    { name: `${name}: eight-page vector PDF, end to end (median of 3)`, value: median(times), unit: 'ms', budget: '< 3,000 ms', baseline: { name: 'the map page alone as a 300-dpi raster PDF', value: raster.ms } },
    { name: `${name}: PDF size`, value: file.bytes.length / 1024, unit: 'KB', budget: '< 2,048 KB', baseline: { name: 'the map page alone as a 300-dpi raster PDF', value: raster.bytes / 1024 } },
    { name: `${name}: raster images in the PDF (pdfimages -list)`, value: imageCount(path), unit: 'images', budget: '0' },
  ];
}

async function demoRows(directory: string): Promise<BenchRow[]> {
  const database = openDatabase(join(directory, 'demo.sqlite'));
  try {
    await migrateToLatest(database.db);
    await createServices(database.db).demo.load(new Date('2026-11-21T00:00:00Z'));
    const services = createServices(database.db);
    return await measure('demo (Kudzu Flats, latest audit)', services, await services.audits.latestPublishedId(publicActor), directory);
  } finally {
    await database.close();
  }
}

/** San Francisco: the OSM points imported as sites (a type map for every kind), an area over them, a published audit. */
async function sanFranciscoRows(directory: string): Promise<BenchRow[]> {
  const database = openDatabase(join(directory, 'sf.sqlite'));
  try {
    await migrateToLatest(database.db);
    await repositories(database.db).taxonomy.seed();
    const services = createServices(database.db, { zine: { basemapFile: dataFile('sf', 'basemap.pmtiles') } });
    const steward = systemActor(new Date('2026-11-21T00:00:00Z'));
    const path = dataFile('sf', 'osm-pois.geojson');
    const imported = await commitImport(database.db, steward, { name: 'osm-pois.geojson', bytes: readFileSync(path) }, {
      typeMap: {
        garden: 'community_garden', supermarket: 'food_coop', convenience: 'food_coop', greengrocer: 'food_coop', marketplace: 'food_coop',
        social_facility: 'mutual_aid_fund', community_centre: 'social_centre', social_centre: 'social_centre',
        clinic: 'free_clinic', hospital: 'free_clinic', doctors: 'free_clinic', pharmacy: 'first_aid_collective',
      },
    });
    if (imported.written !== 275) throw new Error(`expected to import 275 San Francisco points, wrote ${imported.written}`);
    const caller = callerAs(services, 'steward');
    const area = await caller.areas.create({ name: 'San Francisco', kind: 'district', population: 805_235, geometry: { type: 'Polygon', coordinates: [[[-122.515, 37.708], [-122.355, 37.708], [-122.355, 37.812], [-122.515, 37.812], [-122.515, 37.708]]] } });
    let audit = await caller.audits.create({ areaId: area.id, period: { label: '2026 Q3', start: '2026-07-01', end: '2026-09-30' }, nextAuditOn: '2026-12-31' });
    audit = await caller.audits.open({ auditId: audit.id, version: audit.version });
    const challenge = await caller.challenges.create({ auditId: audit.id, title: 'A food co-op within walking distance of every block', location: { kind: 'area', areaId: area.id } });
    await caller.challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
    audit = await caller.audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
    return await measure('San Francisco (SF basemap roads and water, 275 OSM points)', services, audit.id, directory);
  } finally {
    await database.close();
  }
}

export async function zineBenchmarks(): Promise<BenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'kudzu-bench-zine-'));
  try {
    return [...await demoRows(directory), ...await sanFranciscoRows(directory)];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
