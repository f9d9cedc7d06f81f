/**
 * A whole quarter of a real network, from an empty database, in the browser: `kudzu invite`
 * for the first steward; the steward joins from the link, sets the area from the San Francisco
 * neighbourhoods file (after a bad file is refused with its reasons), imports the tracts as the
 * population layer and the OpenStreetMap points as sites, and invites an auditor; the auditor
 * joins, starts the audit, records a tally and raises the headline challenge; a neighbour tells a
 * testimony from a phone; the auditor approves it; the steward publishes; the public map and
 * report show it; the next quarter starts from it. Every new screen is photographed at 1440×900
 * and 390×844 into /tmp/shots/onboarding (and test/artifacts) and checked for sideways scrolling
 * and covered controls.
 *
 * Screens it drives (each laid out by NetworkPage where it is a network page): JoinScreen, SetupScreen with its AreaStep
 * and PopulationStep, PeopleScreen, ChecklistScreen (with the network's thresholds), MethodScreen, StartAudit (on the
 * audit list) and DrawnAreaForm (the second area, drawn on
 * the map).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, waitForMap, type BrowserSession } from './helpers/browser';
import { inspectLayout } from './helpers/layoutChecks';
import { runKudzu, startServer, type RunningServer } from './helpers/server';
import { dataFile, skipRealData } from '../helpers/sharedData';

const SHOTS = '/tmp/shots/onboarding';
const NEIGHBOURHOODS = dataFile('sf', 'neighborhoods.geojson');
const TRACTS = dataFile('sf', 'tracts-2010.geojson');
const POIS = dataFile('sf', 'osm-pois.geojson');
const BASEMAP = dataFile('sf', 'basemap.pmtiles');
const PASSWORD = 'a long password for the quarter';

/** Photograph the page at the desktop size and at a phone's, checking the phone layout, then go back to the desktop. */
async function both(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // A passing message is not part of the screen being photographed.
  const dismiss = page.getByRole('button', { name: 'Dismiss the message' });
  // (It may go by itself between the look and the click.)
  if (await dismiss.isVisible()) await dismiss.click({ timeout: 2000 }).catch(() => undefined);
  const desktop = page.viewportSize() ?? { width: 1440, height: 900 };
  copyFileSync(await screenshot(page, `${name}-1440.png`), join(SHOTS, `${name}-1440.png`));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const layout = await inspectLayout(page, { within: '.screen', minimumTarget: 0 });
  expect(layout.overflow, `${name} scrolls sideways on a phone`).toBe(0);
  expect(layout.covered, `${name}: covered controls on a phone`).toEqual([]);
  await page.evaluate(() => document.querySelector('.screen-body')?.scrollTo(0, 0));
  copyFileSync(await screenshot(page, `${name}-390.png`), join(SHOTS, `${name}-390.png`));
  await page.setViewportSize(desktop);
  await page.waitForTimeout(200);
}

async function joinFrom(page: Page, link: string, name: string, email: string): Promise<void> {
  await page.goto(link);
  const screen = page.getByRole('region', { name: 'Join the network' });
  await screen.getByLabel(/^Your name/).fill(name);
  await screen.getByLabel(/^Email/).fill(email);
  await screen.getByLabel(/^Password/).fill(PASSWORD);
  await screen.getByLabel('The same password again').fill(PASSWORD);
  await screen.getByRole('button', { name: 'Make my account' }).click();
}

describe.skipIf(skipRealData)('a real network’s first quarter, from an empty database, in the browser', () => {
  let folder: string;
  let server: RunningServer;
  let steward: BrowserSession;
  let auditor: BrowserSession;
  let neighbour: BrowserSession;
  let stewardLink = '';
  let auditorLink = '';
  let auditId = '';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kudzu-quarter-'));
    const db = join(folder, 'kudzu.sqlite');
    const invited = await runKudzu(['invite', '--db', db, '--role', 'steward', '--base-url', 'http://placeholder']);
    expect(invited.code, invited.output).toBe(0);
    stewardLink = /http:\/\/placeholder(\/#\/join\/\S+)/.exec(invited.output)?.[1] ?? '';
    server = await startServer({ db, demo: false, basemap: BASEMAP });
    steward = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await neighbour?.close();
    await auditor?.close();
    await steward?.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('the first steward opens the invitation, makes an account and lands on the set-up', async () => {
    const page = steward.page;
    await page.goto(`${server.url}${stewardLink}`);
    await page.getByText('this account will be the network’s first steward').waitFor();
    await both(page, '01-join');
    // A made-up link is refused in words.
    await page.goto(`${server.url}/#/join/made-up-token-0123456789`);
    await page.getByRole('alert').filter({ hasText: 'This invitation link is not valid' }).waitFor();
    await screenshot(page, '01-join-bad-token-1440.png');
    await joinFrom(page, `${server.url}${stewardLink}`, 'Rosa Steward', 'rosa@bernal.example');
    await page.getByRole('heading', { name: 'Set up the network' }).waitFor({ timeout: 30_000 });
    await page.getByText('No area yet').waitFor();
    await expect(page.getByText('No sites yet — add one on the map').isVisible()).resolves.toBe(true);
    await both(page, '02-setup-empty');
  });

  it('a polygon file that cannot be an area is refused naming each feature, and Bernal Heights becomes the area', async () => {
    const page = steward.page;
    const bad = join(folder, 'bad-area.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'Bow tie' }, geometry: { type: 'Polygon', coordinates: [[[-122.42, 37.76], [-122.41, 37.77], [-122.41, 37.76], [-122.42, 37.77], [-122.42, 37.76]]] } },
      { type: 'Feature', properties: { name: 'Off the map' }, geometry: { type: 'Polygon', coordinates: [[[-122.42, 37.76], [-122.41, 97.5], [-122.41, 37.77], [-122.42, 37.76]]] } },
    ] }));
    const fileInput = page.getByLabel(/^A polygon file with the area’s outline/);
    await fileInput.setInputFiles(bad);
    await page.getByText('bad-area.geojson: 0 outlines to choose from, 2 left out.').waitFor();
    await expect(page.getByText(/feature 1 \(“Bow tie”\): the outline crosses itself/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('feature 2 (“Off the map”): latitude 97.5 is outside -90..90').isVisible()).resolves.toBe(true);
    await screenshot(page, '03-area-bad-file-1440.png');

    await fileInput.setInputFiles(NEIGHBOURHOODS);
    await page.getByText('neighborhoods.geojson: 41 outlines to choose from.').waitFor();
    await page.getByLabel('Outline', { exact: true }).selectOption({ label: 'Bernal Heights' });
    await expect(page.getByLabel('The area’s name').inputValue()).resolves.toBe('Bernal Heights');
    await both(page, '03-area-pick');
    await page.getByRole('button', { name: 'Make “Bernal Heights” the network’s area' }).click();
    await page.getByText('The audit counts what lies inside Bernal Heights.').waitFor();
  });

  it('the census tracts become the population layer', async () => {
    const page = steward.page;
    await page.getByLabel('Import population polygons (GeoJSON or KML)').setInputFiles(TRACTS);
    await page.getByText(/People are counted from the layer tracts 2010 \(195 polygons\)/).waitFor({ timeout: 60_000 });
  });

  it('the steward adds a group, and the OpenStreetMap points come in through the import dialog as its sites', async () => {
    const page = steward.page;
    // The header's Federation button goes back to the map, where its panel opens.
    await page.getByRole('button', { name: 'Federation', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/$/);
    const panel = page.getByRole('complementary', { name: 'Federation planner' });
    await panel.getByRole('tab', { name: 'Groups' }).click();
    await panel.getByRole('button', { name: 'New group' }).click();
    await panel.getByLabel('Name', { exact: true }).fill('Bernal Commons');
    await panel.getByRole('button', { name: 'Add the group' }).click();
    await page.getByText('Added “Bernal Commons”.').waitFor();
    await page.getByRole('button', { name: 'Federation', exact: true }).click();
    await page.getByRole('link', { name: 'Set-up' }).click();

    await page.getByRole('button', { name: 'Import sites from a file' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import sites' });
    await dialog.getByLabel('File', { exact: true }).setInputFiles(POIS);
    // Points across the city lie more than 3 km outside Bernal Heights: named, and held back until confirmed.
    const far = dialog.getByRole('group', { name: 'Far from the network’s area' });
    await far.waitFor({ timeout: 30_000 });
    await expect(far.textContent()).resolves.toMatch(/\d+ rows? lies? more than 3 km outside the network’s area/);
    await far.getByLabel('They are right: import them where they are').check();
    await expect.poll(() => dialog.locator('.summary').textContent(), { timeout: 30_000 }).toMatch(/275 rows in the file \(GeoJSON\): 24 ready, 251 left out/);
    await dialog.getByLabel('Group they belong to').selectOption({ label: 'Bernal Commons' });
    await expect.poll(() => dialog.locator('.summary').textContent(), { timeout: 30_000 }).toMatch(/24 ready/);
    await dialog.getByRole('button', { name: 'Import 24 sites' }).click();
    await dialog.getByText('Imported 24 sites.').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByText('24 sites recorded, open and closed, public or not.', { exact: false }).waitFor();
    await both(page, '04-setup-done');
  });

  it('the steward checks the checklist and invites an auditor from the people page', async () => {
    const page = steward.page;
    await page.getByRole('link', { name: 'The checklist' }).click();
    await page.getByRole('heading', { name: 'The audit’s checklist' }).waitFor();
    const add = page.getByRole('form', { name: 'Add a check' });
    await add.getByLabel(/^Question/).fill('Does the group share its tools with neighbours?');
    await add.getByRole('button', { name: 'Add the check' }).click();
    await page.getByText('Does the group share its tools with neighbours?', { exact: true }).waitFor();
    // The network's thresholds, before any audit: out of range is refused under its field.
    const thresholds = page.getByRole('form', { name: 'The network’s thresholds' });
    const governed = thresholds.getByLabel(/^A domain counts as governed from/);
    await expect(governed.inputValue()).resolves.toBe('50');
    await governed.fill('150');
    await thresholds.getByRole('button', { name: 'Save the thresholds' }).click();
    await thresholds.getByRole('alert').filter({ hasText: 'Between 0 % and 100 %.' }).waitFor();
    await governed.fill('40');
    await thresholds.getByRole('button', { name: 'Save the thresholds' }).click();
    await thresholds.getByText('Saved.').waitFor();
    await both(page, '05-checklist');
    await page.getByRole('link', { name: 'How the audit is scored' }).click();
    await page.getByTestId('method-thresholds').getByText('A domain of life counts as governed when the sites of self-governed groups cover at least 40 % of the need in the area.').waitFor();
    await both(page, '05-method');

    await page.goto(`${server.url}/#/people`);
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
    await page.getByText('Only you so far').waitFor();
    await page.getByLabel('Role', { exact: true }).selectOption('auditor');
    await page.getByLabel(/^Note for yourself/).fill('Ana, audit night lead');
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    const link = page.getByRole('textbox', { name: 'Invitation link' });
    await link.waitFor();
    auditorLink = await link.inputValue();
    expect(auditorLink).toMatch(/\/#\/join\/[A-Za-z0-9_-]{20,}$/);
    await page.getByText(/waiting, valid until/).waitFor();
    await both(page, '06-people');
  });

  it('the auditor joins and starts the first audit for Bernal Heights', async () => {
    auditor = await openBrowser();
    const page = auditor.page;
    await joinFrom(page, auditorLink, 'Ana Auditor', 'ana@bernal.example');
    await page.getByRole('heading', { name: 'Sovereignty audits' }).waitFor({ timeout: 30_000 });
    await page.getByText('No audit yet — start the first one for your area below.').waitFor();
    const form = page.getByRole('form', { name: 'Start an audit' });
    await expect(form.getByLabel('Area').locator('option:checked').textContent()).resolves.toBe('Bernal Heights');
    await both(page, '07-start-audit');
    await form.getByRole('button', { name: /^Start the audit/ }).click();
    await page.getByRole('grid', { name: "Every group's checks" }).waitFor({ timeout: 30_000 });
    auditId = /#\/audits\/([^/]+)\/workspace/.exec(page.url())?.[1] ?? '';
    expect(auditId).not.toBe('');
    await screenshot(page, '08-workspace-1440.png');
  });

  it('the auditor answers every check for the group, records a tally, opens the audit and raises the headline challenge', async () => {
    const page = auditor.page;
    const grid = page.getByRole('grid', { name: "Every group's checks" });
    await grid.getByRole('rowheader', { name: 'Bernal Commons' }).waitFor();
    const checks = (await grid.getByRole('columnheader').count()) - 1;
    expect(checks).toBe(13);
    await grid.getByRole('gridcell').first().click();
    // Pass, pass, fail, … cell by cell: each answer saves and moves on to the next check.
    for (let i = 0; i < checks; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'f' : 'p');
      await expect.poll(() => grid.getByRole('gridcell', { name: /not answered/ }).count(), { timeout: 20_000 }).toBe(checks - i - 1);
    }
    // The area file gives no population, so the assembly says what the food need is.
    const need = page.getByRole('form', { name: 'Estimate the need of a domain' });
    await need.getByLabel('Domain', { exact: true }).selectOption({ label: 'Food' });
    await need.getByLabel(/^Need/).fill('300');
    await need.getByRole('button', { name: 'Save the estimate' }).click();
    await page.getByRole('status').filter({ hasText: 'Need for Food set to 300.' }).waitFor();
    const tally = page.getByRole('form', { name: 'A new tally' });
    await tally.getByLabel('Count', { exact: true }).fill('38');
    await tally.getByLabel('Unit').fill('families');
    await tally.getByLabel('What was counted').fill('families fed from the community gardens');
    await tally.getByRole('button', { name: 'Add the tally' }).click();
    await page.getByRole('form', { name: 'Tally: families fed from the community gardens' }).waitFor();
    await page.getByRole('button', { name: 'Open for audit night' }).click();
    await page.getByText('The audit is open.').waitFor();

    await page.goto(`${page.url().split('#')[0]}#/challenges/${auditId}`);
    await page.getByText('Raise a challenge').click();
    const create = page.getByRole('form', { name: 'Raise a challenge by hand' });
    await create.getByLabel('Title').fill('A food fridge on 24th Street by spring');
    await create.getByRole('button', { name: 'Raise the challenge' }).click();
    await page.getByRole('button', { name: 'Make it the headline' }).first().click();
    await page.getByText('Headline challenge').first().waitFor();
  });

  it('a neighbour tells a testimony from a phone, and the auditor approves it', async () => {
    neighbour = await openBrowser({ width: 390, height: 844 });
    const page = neighbour.page;
    await page.goto(`${server.url}/#/audits/${auditId}`);
    const form = page.getByTestId('testimony-form');
    await form.getByLabel('Your testimony').fill('The garden on Folsom fed my family all summer.');
    await form.getByLabel(/I agree to this testimony being shown/).check();
    await form.getByRole('button', { name: 'Send for moderation' }).click();
    await form.getByText('Thank you. Your testimony is waiting for moderation').waitFor();
    const layout = await inspectLayout(page, { minimumTarget: 0 });
    expect(layout.overflow).toBe(0);
    copyFileSync(await screenshot(page, '09-testimony-phone-390.png'), join(SHOTS, '09-testimony-phone-390.png'));

    const workspace = auditor.page;
    await workspace.goto(`${server.url}/#/audits/${auditId}/workspace`);
    await workspace.getByRole('link', { name: 'Testimonies (1 waiting)' }).waitFor({ timeout: 30_000 });
    await workspace.getByRole('button', { name: 'Approve' }).click();
    await workspace.getByText('Already moderated (1)').waitFor();
  });

  it('the steward publishes, and the public map and report show it', async () => {
    const page = steward.page;
    await page.goto(`${server.url}/#/audits/${auditId}/workspace`);
    const publish = page.getByTestId('publish-panel');
    await publish.getByText('Headline challenge:').waitFor({ timeout: 30_000 });
    const acknowledge = publish.getByRole('checkbox');
    if (await acknowledge.count()) await acknowledge.check();
    await publish.getByRole('button', { name: 'Publish the audit' }).click();
    await publish.getByText(/^Published/).waitFor({ timeout: 30_000 });

    const visitor = neighbour.page;
    await visitor.setViewportSize({ width: 1440, height: 900 });
    await visitor.goto(`${server.url}/#/`);
    await visitor.reload();
    await waitForMap(visitor);
    await expect.poll(() => visitor.locator('.count').textContent()).toBe('24 sites shown');
    await visitor.goto(`${server.url}/#/audits/${auditId}`);
    const report = visitor.getByRole('region', { name: 'Audit screens' });
    await report.getByText('A food fridge on 24th Street by spring').first().waitFor({ timeout: 30_000 });
    await expect(report.textContent()).resolves.toContain('families fed from the community gardens');
    await expect(report.textContent()).resolves.not.toMatch(/We govern 0 of 0 domains/);
    await expect(report.textContent()).resolves.toContain('The garden on Folsom fed my family all summer.');
    copyFileSync(await screenshot(visitor, '10-public-report-1440.png'), join(SHOTS, '10-public-report-1440.png'));
  });

  it('the next quarter starts from the published one', async () => {
    const page = auditor.page;
    await page.goto(`${server.url}/#/audits`);
    const form = page.getByRole('form', { name: 'Start an audit' });
    await form.getByText('It copies the network’s checklist and thresholds, and the need estimates of the area’s last audit.').waitFor({ timeout: 30_000 });
    const label = await form.getByLabel('Name of the period').inputValue();
    await form.getByRole('button', { name: `Start the audit “${label}”` }).click();
    await page.getByRole('grid', { name: "Every group's checks" }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('columnheader', { name: /share tools with neighbours/ }).count()).resolves.toBe(1);
    expect([...steward.errors, ...auditor.errors, ...neighbour.errors].filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('a steward can also draw an area on the map', async () => {
    const page = steward.page;
    await page.goto(`${server.url}/#/setup`);
    await page.getByRole('button', { name: 'Add another area' }).click();
    await page.getByRole('button', { name: 'Draw it on the map' }).click();
    await page.getByText('Draw the network’s area:').waitFor();
    await waitForMap(page);
    for (const [dx, dy] of [[-120, -100], [120, -100], [140, 90], [-110, 80]]) {
      const corner = await page.evaluate(([dx, dy]) => {
        const box = (window as unknown as { __map: { getCanvas: () => HTMLCanvasElement } }).__map.getCanvas().getBoundingClientRect();
        return { x: box.left + box.width / 2 + dx, y: box.top + box.height / 2 + dy };
      }, [dx, dy]);
      await page.mouse.click(corner.x, corner.y);
    }
    await page.getByText('4 corners placed.').waitFor();
    await page.getByRole('button', { name: 'Finish the area' }).click();
    const form = page.getByRole('complementary', { name: 'New area' });
    await form.getByLabel('The area’s name').fill('Drawn blocks');
    copyFileSync(await screenshot(page, '11-draw-area-1440.png'), join(SHOTS, '11-draw-area-1440.png'));
    await form.getByRole('button', { name: 'Save the area' }).click();
    await page.getByText('The audit counts what lies inside Bernal Heights, Drawn blocks.').waitFor({ timeout: 30_000 });
  });

  it('with Bernal Heights’ next quarter in progress, an audit can still be started for the new area, and then for none', async () => {
    const page = auditor.page;
    await page.goto(`${server.url}/#/audits`);
    const form = page.getByRole('form', { name: 'Start an audit' });
    await form.waitFor({ timeout: 30_000 });
    await expect(form.getByLabel('Area').locator('option').allTextContents()).resolves.toEqual(['Drawn blocks']);
    await expect(form.getByTestId('areas-in-progress').textContent()).resolves.toMatch(/^Not in the list: Bernal Heights, with “2027 Q1” in progress\. An area has one audit/);
    // Drawn blocks has no audit of its own to carry need estimates from.
    await form.getByText('It copies the network’s checklist and thresholds; you answer it for every group with a site in the area.').waitFor();
    await both(page, '12-start-second-area');
    const label = await form.getByLabel('Name of the period').inputValue();
    await form.getByRole('button', { name: `Start the audit “${label}”` }).click();
    await page.waitForURL(/#\/audits\/[^/]+\/workspace/, { timeout: 30_000 });
    await page.goto(`${server.url}/#/audits`);
    await page.getByText('Every area has an audit in progress. Publish it before starting the next one for that area.').waitFor({ timeout: 30_000 });
    await expect(page.getByRole('form', { name: 'Start an audit' }).count()).resolves.toBe(0);
    await expect(page.getByText('Drawn blocks').count()).resolves.toBeGreaterThan(0);
  });
});
