/**
 * The ImportDialog driven as a steward would: CSV, GeoJSON, KML and Open Referral files, its
 * column pickers, type map, the count of every row by outcome, and its refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, waitForMap, type BrowserSession } from './helpers/browser';
import { REPO_ROOT, startServer, type RunningServer } from './helpers/server';
import { dataFile, skipRealData } from '../helpers/sharedData';

const PITTSBURGH = dataFile('pittsburgh', 'food-sites-2022-08-28.csv');
const SF_POIS = dataFile('sf', 'osm-pois.geojson');
const HSDS_SERVICE = dataFile('hsds', 'openreferral-specification-3.x', 'examples', 'service_full.json');
const KML = join(REPO_ROOT, 'test', 'fixtures', 'import', 'gardens.kml');

async function openImport(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /Import sites/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Import sites' });
  await dialog.waitFor();
  return dialog;
}

async function chooseFile(dialog: Locator, path: string): Promise<Locator> {
  await dialog.getByLabel('File', { exact: true }).setInputFiles(path);
  const summary = dialog.locator('.summary');
  await summary.waitFor({ timeout: 30_000 });
  return summary;
}

/**
 * The demo lies in the middle of the Atlantic: every real city's rows are far outside its
 * area, named and held back until the importer confirms them.
 */
async function confirmFarRows(dialog: Locator, count: RegExp): Promise<void> {
  const far = dialog.getByRole('group', { name: 'Far from the network’s area' });
  await expect(far.textContent()).resolves.toMatch(count);
  await far.getByLabel('They are right: import them where they are').check();
  await expect.poll(() => dialog.getByRole('group', { name: 'Far from the network’s area' }).getByRole('checkbox').isChecked()).toBe(true);
}

/** The dialog's width fits the window, and nothing inside it scrolls sideways but its tables. */
/** Write the ready rows with the dialog's import button, wait for its word that they are in, and close it. */
async function importAndClose(dialog: Locator, sites: number): Promise<void> {
  await dialog.getByRole('button', { name: `Import ${sites} sites` }).click();
  await dialog.getByText(`Imported ${sites} sites.`).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
}

async function overflow(dialog: Locator): Promise<number> {
  return dialog.evaluate((element) => element.scrollWidth - element.clientWidth);
}

describe.skipIf(skipRealData)('importing files through the app’s import dialog', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    session = await openBrowser();
    page = session.page;
    await page.goto(server.url);
    await waitForMap(page);
    await signIn(page, 'steward@kudzu.example');
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('fills the column pickers from the Pittsburgh CSV and counts every row by outcome', async () => {
    const dialog = await openImport(page);
    const summary = await chooseFile(dialog, PITTSBURGH);
    await expect(summary.textContent()).resolves.toMatch(/1,327 rows in the file \(CSV\): 0 ready, 650 left out, 677 with problems/);
    await expect(dialog.getByRole('table', { name: /^Problems/ }).textContent()).resolves.toMatch(/location“.*” is [\d,.]+ km outside the network’s area \(Kudzu Flats \(fictional demo neighbourhood\)\)/);
    await screenshot(page, 'import-dialog-far-1440.png');
    await confirmFarRows(dialog, /295 rows lie more than 3 km outside the network’s area/);
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toMatch(/1,327 rows in the file \(CSV\): 295 ready, 650 left out, 382 with problems/);
    const latitude = dialog.getByLabel('Latitude column');
    await expect(latitude.inputValue()).resolves.toBe('latitude');
    const offered = await latitude.locator('option').allTextContents();
    expect(offered).toEqual(expect.arrayContaining(['latitude', 'longitude', 'name', 'type', 'zip_code']));
    await expect(dialog.getByLabel('Type column').inputValue()).resolves.toBe('type');
    // The reasons rows are left out, and the problems by row and field.
    await expect(dialog.getByRole('table', { name: 'Left out, and why' }).textContent()).resolves.toMatch(/465.*“convenience store” is not a reclaimed function/);
    await expect(dialog.getByRole('table', { name: /^Problems/ }).textContent()).resolves.toMatch(/\d+ rows: 131, 133, .*typeno function type/);
    // Types by their names, coordinates rounded.
    const preview = await dialog.getByRole('table', { name: 'The first sites it would create' }).textContent();
    expect(preview).toContain('Community garden');
    expect(preview).toContain('40.40604');
    expect(preview).not.toContain('40.406040000000004');
    expect(preview).not.toContain('community_garden');
    await expect(dialog.getByRole('button', { name: /^Import/ }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'import-dialog-csv-1440.png');
  });

  it('shows each type in the file with what it becomes, and suggests an existing function type', async () => {
    const dialog = page.getByRole('dialog', { name: 'Import sites' });
    const kinds = dialog.getByRole('table').filter({ hasText: 'In the file' });
    const garden = kinds.getByLabel('Function type for “Grow PGH Garden”');
    await expect(garden.locator('option:checked').textContent()).resolves.toBe('Community garden (Kudzu’s choice)');
    const summerMeals = kinds.getByLabel('Function type for “Summer Meal Site”');
    await expect(summerMeals.locator('option:checked').textContent()).resolves.toBe('Community kitchen (Kudzu’s choice)');
    // Leave the convenience stores' choice alone; map the summer meal sites to leave them out.
    await summerMeals.selectOption('skip');
    await expect.poll(() => dialog.locator('.summary').textContent(), { timeout: 20_000 }).toMatch(/273 ready, 672 left out, 382 with problems/);
  });

  it('leaves rows with no type out when asked, then writes every ready row at once', async () => {
    const dialog = page.getByRole('dialog', { name: 'Import sites' });
    await dialog.getByLabel(/Leave out rows whose type maps to nothing/).check();
    await expect.poll(() => dialog.locator('.summary').textContent(), { timeout: 20_000 }).toMatch(/273 ready, 1,054 left out, 0 with problems/);
    await importAndClose(dialog, 273);
  });

  it('explains the 251 SF points a GeoJSON import leaves out, and maps one more type on request', async () => {
    const dialog = await openImport(page);
    const summary = await chooseFile(dialog, SF_POIS);
    await confirmFarRows(dialog, /24 rows lie more than 3 km outside/);
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toMatch(/275 rows in the file \(GeoJSON\): 24 ready, 251 left out, 0 with problems/);
    const reasons = await dialog.getByRole('table', { name: 'Left out, and why' }).textContent();
    expect(reasons).toMatch(/109.*“supermarket” is not a reclaimed function/);
    expect(reasons).toMatch(/28.*not named as a community garden/);
    // No latitude picker for GeoJSON: its points carry their own place.
    await expect(dialog.getByLabel('Latitude column').count()).resolves.toBe(0);
    const social = dialog.getByLabel('Function type for “social_facility”');
    await expect(social.locator('option:checked').textContent()).resolves.toBe('Left out (Kudzu’s choice)');
    await expect(social.locator('option').allTextContents()).resolves.toContain('Suggested: Social centre');
    await social.selectOption('community_kitchen');
    await expect.poll(() => dialog.locator('.summary').textContent(), { timeout: 20_000 }).toMatch(/55 ready, 220 left out, 0 with problems/);
    await screenshot(page, 'import-dialog-geojson-1440.png');
    await importAndClose(dialog, 55);
  });

  it('reads a KML file’s placemarks and ExtendedData', async () => {
    const dialog = await openImport(page);
    const summary = await chooseFile(dialog, KML);
    await confirmFarRows(dialog, /3 rows lie more than 3 km outside/);
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toMatch(/3 ready/);
    await expect(summary.textContent()).resolves.toMatch(/3 rows in the file \(KML\): 3 ready, 0 left out, 0 with problems/);
    await expect(dialog.getByLabel('Type column').inputValue()).resolves.toBe('type');
    await expect(dialog.getByRole('table', { name: 'The first sites it would create' }).textContent()).resolves.toContain('Hillside Community Garden');
    await screenshot(page, 'import-dialog-kml-1440.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('refuses the Open Referral example whose latitude is 100, naming the record and field', async () => {
    const dialog = await openImport(page);
    const summary = await chooseFile(dialog, HSDS_SERVICE);
    await expect(summary.textContent()).resolves.toMatch(/1 row in the file \(Open Referral HSDS 3\): 0 ready, 0 left out, 1 with a problem/);
    await expect(dialog.getByRole('table', { name: /^Problems/ }).textContent()).resolves.toMatch(/service_at_locations\[0\]\.location\.latitude.*latitude 100 is outside -90\.\.90/);
    await screenshot(page, 'import-dialog-hsds-1440.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('takes Open Referral CSV tables chosen together, and refuses their location with latitude 100 naming the table row', async () => {
    const dialog = await openImport(page);
    const folder = dataFile('hsds', 'openreferral-specification-3.x', 'examples', 'csv');
    await dialog.getByLabel('File', { exact: true }).setInputFiles(readdirSync(folder).map((name) => join(folder, name)));
    const summary = dialog.locator('.summary');
    await summary.waitFor({ timeout: 30_000 });
    await expect(summary.textContent()).resolves.toMatch(/\(Open Referral HSDS 3\): 0 ready, 0 left out, 1 with a problem/);
    await expect(dialog.getByRole('table', { name: /^Problems/ }).textContent()).resolves.toMatch(/locations\.csv row 1\.latitude.*latitude 100 is outside -90\.\.90/);
    await screenshot(page, 'import-dialog-hsds-csv-1440.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('raised no page errors', () => {
    expect(session.errors).toEqual([]);
  });
});

describe.skipIf(skipRealData)('the import dialog on a phone', () => {
  let server: RunningServer;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startServer();
    session = await openBrowser({ width: 390, height: 844 });
    await session.page.goto(server.url);
    await waitForMap(session.page);
    await signIn(session.page, 'member@kudzu.example');
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('fits the width with the Pittsburgh CSV’s report and the SF GeoJSON’s', async () => {
    const page = session.page;
    const dialog = await openImport(page);
    const summary = await chooseFile(dialog, PITTSBURGH);
    await expect(overflow(dialog)).resolves.toBeLessThanOrEqual(0);
    await dialog.getByRole('group', { name: 'Far from the network’s area' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'import-dialog-far-390.png');
    await confirmFarRows(dialog, /295 rows lie more than 3 km outside/);
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toMatch(/295 ready, 650 left out, 382 with problems/);
    await expect(overflow(dialog)).resolves.toBeLessThanOrEqual(0);
    await screenshot(page, 'import-dialog-csv-390.png');
    await dialog.locator('.report').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-dialog-csv-report-390.png');
    await chooseFile(dialog, SF_POIS);
    await confirmFarRows(dialog, /24 rows lie more than 3 km outside/);
    await expect.poll(() => dialog.locator('.summary').textContent()).toMatch(/24 ready, 251 left out/);
    await expect(overflow(dialog)).resolves.toBeLessThanOrEqual(0);
    await screenshot(page, 'import-dialog-geojson-390.png');
    expect(session.errors).toEqual([]);
  });
});
