/**
 * A member editing the map in the browser: the LoginDialog, the SearchBox that finds a site, the
 * EditToolbar, the SiteForm with a FieldError under the field the server refused, the SketchLayer
 * that draws a parcel corner by corner, and the MoveHandle that moves a site.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, waitForIdle } from './helpers/browser';
import { mapPagePerFile, signedInAs } from './helpers/mapPage';

/** The page position of a map coordinate, offset from the map's centre by (dx, dy) pixels. */
async function mapPoint(page: Page, dx: number, dy: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([dx, dy]) => {
    const map = (window as unknown as { __map: { getCanvas: () => HTMLCanvasElement } }).__map;
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + box.width / 2 + dx, y: box.top + box.height / 2 + dy };
  }, [dx, dy]);
}

async function siteCoordinates(page: Page, name: string): Promise<number[] | null> {
  return page.evaluate(async (name) => {
    const response = await fetch(`/trpc/sites.list?input=${encodeURIComponent(JSON.stringify({ text: name, status: 'all' }))}`);
    const body = await response.json() as { result: { data: { name: string; geometry: { coordinates: number[] } | null }[] } };
    return body.result.data.find((s) => s.name === name)?.geometry?.coordinates ?? null;
  }, name);
}

/** Type `search` in the search box, pick the site named `name` and open its details; the details panel. */
async function openSite(page: Page, search: string, name: string) {
  await page.getByRole('button', { name: 'Hide site details' }).click();
  await page.getByRole('combobox', { name: /search sites/i }).fill(search);
  await page.getByRole('option', { name: new RegExp(name) }).click();
  const panel = page.getByRole('complementary', { name: 'Site details' });
  await panel.getByRole('heading', { name }).waitFor();
  return panel;
}

describe('a member editing the map', () => {
  const app = mapPagePerFile({}, signedInAs('member@kudzu.example'));
  let page: Page;

  beforeAll(async () => {
    page = app.session.page;
    // Zoom in on the middle of the neighbourhood so clicks land on open ground.
    await page.evaluate(() => (window as unknown as { __map: { jumpTo: (o: object) => void } }).__map.jumpTo({ zoom: 17 }));
    await waitForIdle(page);
  });

  it('shows the editing tools once signed in', async () => {
    const toolbar = page.getByRole('toolbar', { name: 'Editing tools' });
    await expect(toolbar.getByRole('button', { name: /add a point/i }).isVisible()).resolves.toBe(true);
    await expect(toolbar.getByRole('button', { name: /draw a parcel/i }).isVisible()).resolves.toBe(true);
  });

  it('adds a point where the map is clicked', async () => {
    await page.getByRole('button', { name: /add a point/i }).click();
    const spot = await mapPoint(page, -160, 90);
    await page.mouse.click(spot.x, spot.y);
    const form = page.getByRole('form', { name: /new site/i });
    await form.getByLabel(/^Name/).fill('Flats Corner Fridge');
    await form.getByLabel(/^Function type/).selectOption('community_fridge');
    await form.getByLabel(/^Opening hours/).fill('Mo-Su 08:00-20:00');
    await form.getByRole('button', { name: 'Save site' }).click();
    const panel = page.getByRole('complementary', { name: 'Site details' });
    await panel.getByRole('heading', { name: 'Flats Corner Fridge' }).waitFor();
    await expect(siteCoordinates(page, 'Flats Corner Fridge')).resolves.toHaveLength(2);
  });

  it('shows the field at fault when the server refuses a new site', async () => {
    await page.getByRole('button', { name: 'Hide site details' }).click();
    await page.getByRole('button', { name: /add a point/i }).click();
    await page.getByRole('button', { name: 'Use the map centre' }).click();
    const form = page.getByRole('form', { name: /new site/i });
    await form.getByLabel(/^Function type/).selectOption('food_pantry');
    await form.getByRole('button', { name: 'Save site' }).click();
    await expect(form.getByRole('alert').first().textContent()).resolves.toMatch(/name/i);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('draws a parcel corner by corner and finishes it with Enter', async () => {
    await page.getByRole('button', { name: /draw a parcel/i }).click();
    for (const [dx, dy] of [[60, -150], [220, -150], [240, -40], [70, -30]]) {
      const corner = await mapPoint(page, dx, dy);
      await page.mouse.click(corner.x, corner.y);
    }
    await expect(page.getByText('4 corners placed.').isVisible()).resolves.toBe(true);
    await waitForIdle(page);
    await screenshot(page, 'member-drawing.png');
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: /new parcel/i });
    await form.getByLabel(/^Name/).fill('Marram Community Garden');
    await form.getByLabel(/^Function type/).selectOption('community_garden');
    await form.getByLabel(/^Capacity/).fill('30');
    await form.getByRole('button', { name: 'Save site' }).click();
    await page.getByRole('complementary', { name: 'Site details' }).getByRole('heading', { name: 'Marram Community Garden' }).waitFor();
    // The parcel comes back in the site tiles' parcels layer, drawn by the server from the saved site.
    const drawn = await page.waitForFunction(() => (window as unknown as { __map: { querySourceFeatures: (s: string, o: object) => { properties: { name?: string } }[] } }).__map
      .querySourceFeatures('sites', { sourceLayer: 'parcels' }).some((feature) => feature.properties.name === 'Marram Community Garden'), undefined, { timeout: 20_000 });
    expect(await drawn.jsonValue()).toBe(true);
  });

  it('moves a site to a new spot picked on the map', async () => {
    const panel = await openSite(page, 'Flats Corner', 'Flats Corner Fridge');
    const before = await siteCoordinates(page, 'Flats Corner Fridge');
    await waitForIdle(page);
    await panel.getByRole('button', { name: 'Move' }).click();
    const spot = await mapPoint(page, -60, 140);
    await page.mouse.click(spot.x, spot.y);
    await panel.getByRole('button', { name: 'Save new position' }).click();
    await page.getByText('has moved').waitFor();
    const after = await siteCoordinates(page, 'Flats Corner Fridge');
    expect(after).not.toEqual(before);
  });

  it('closes a site with a date and a reason', async () => {
    const panel = page.getByRole('complementary', { name: 'Site details' });
    await panel.getByRole('button', { name: 'Close site…' }).click();
    await panel.getByLabel('Closed on').fill('2026-03-01');
    await panel.getByLabel('Why did it close?').fill('The landlord took the corner shop back.');
    await panel.getByRole('button', { name: 'Mark as closed' }).click();
    await page.getByText(/marked closed from 2026-03-01/).waitFor();
  });

  it('explains a conflict when someone else changed the site first', async () => {
    const panel = await openSite(page, 'Marram Community', 'Marram Community Garden');
    // Another member edits the garden behind this page's back.
    const status = await page.evaluate(async () => {
      const list = await (await fetch(`/trpc/sites.list?input=${encodeURIComponent(JSON.stringify({ text: 'Marram Community Garden' }))}`)).json() as { result: { data: { id: string; version: number }[] } };
      const site = list.result.data[0];
      const response = await fetch('/trpc/sites.update', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: site.id, version: site.version, changes: { description: 'Edited elsewhere' } }) });
      return response.status;
    });
    expect(status).toBe(200);
    await panel.getByRole('button', { name: 'Close site…' }).click();
    await panel.getByRole('button', { name: 'Mark as closed' }).click();
    await panel.getByText(/someone else changed this site/i).waitFor({ timeout: 10_000 });
    await panel.getByRole('button', { name: 'Reload this site' }).click();
    await panel.getByText('Edited elsewhere').waitFor();
    await waitForIdle(page);
    await screenshot(page, 'member-editing.png');
  });

  it('hides the tools again after signing out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('toolbar', { name: 'Editing tools' }).count()).resolves.toBe(0);
  });

  it('runs with no errors in the page', () => {
    expect(app.session.errors.filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
  });
});
