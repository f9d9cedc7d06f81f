/**
 * The site panel's context (its open challenges and its group's answers), a point added far from
 * the network's area through the SiteForm's confirmation, and the members' change log.
 */
// Drives SitePanel.svelte (web/src/components: its open challenges and its group's checks) and
// ChangeLog.svelte (web/src/screens/changes), signed in as a member, at 1440×900 and 390×844.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn, waitForMap, type BrowserSession } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { openMapPage } from './helpers/mapPage';
import { inspectLayout } from './helpers/layoutChecks';

/** A demo site with an open challenge placed at it and a group scored at the latest audit, found through the API. */
async function siteWithChallenge(page: Page): Promise<{ name: string; challenge: string; groupName: string }> {
  return page.evaluate(async () => {
    const get = async (path: string, input: unknown) => (await (await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)).json()).result.data;
    const challenges = await get('challenges.list', {}) as { title: string; status: string; location: { kind: string; siteId?: string } }[];
    for (const challenge of challenges) {
      if (challenge.location.kind !== 'site' || challenge.status === 'solved') continue;
      const site = await get('sites.get', { id: challenge.location.siteId }) as { name: string; groupId: string | null; groupName: string | null };
      if (site.groupId && site.groupName) return { name: site.name, challenge: challenge.title, groupName: site.groupName };
    }
    throw new Error('the demo has no open challenge at a site run by a group');
  });
}

describe.each([
  { name: 'desktop', viewport: { width: 1440, height: 900 }, phone: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, phone: true },
])('a site’s challenges and checks, and the change log ($name)', ({ name, viewport, phone }) => {
  let server: RunningServer;
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    ({ server, session } = await openMapPage());
    page = session.page;
    await page.setViewportSize(viewport);
    await signIn(page, 'member@kudzu.example');
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('the site panel lists the challenge placed at the site and how its group answered each check', async () => {
    const target = await siteWithChallenge(page);
    const search = page.getByRole('combobox', { name: 'Search sites by name' });
    await search.fill(target.name);
    // The matches arrive from the server; choose the site from them.
    await page.getByRole('listbox', { name: 'Matching sites' }).getByRole('option').filter({ hasText: target.name }).first().click();
    const panel = page.getByRole('complementary', { name: 'Site details' });
    await panel.getByRole('heading', { name: target.name }).waitFor();
    const challenges = panel.getByTestId('site-challenges');
    await challenges.getByRole('link', { name: target.challenge }).waitFor();
    await expect(challenges.textContent()).resolves.toContain('at this site');
    const checks = panel.getByTestId('site-checks');
    await expect(checks.getByRole('heading').textContent()).resolves.toBe(`How ${target.groupName} governs itself`);
    await expect(checks.textContent()).resolves.toMatch(/At the 2026 Q3 audit: \d+ %, (above|below) the 60 % that counts a group as autonomous/);
    expect(await checks.locator('li.check').count()).toBeGreaterThan(5);
    await expect(checks.locator('li.check .answer').first().textContent()).resolves.toMatch(/^(Yes|Partly|No|Unknown|Does not apply)$/);
    const findings = await inspectLayout(page, { within: '[aria-label="Site details"]', minimumTarget: phone ? 44 : 0 });
    expect(findings.overflow).toBe(0);
    expect(findings.covered).toEqual([]);
    await checks.scrollIntoViewIfNeeded();
    await screenshot(page, `site-context-${name}.png`);
    await challenges.getByRole('link', { name: target.challenge }).click();
    await page.getByRole('region', { name: 'Audit screens' }).waitFor();
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#\/challenges\//);
  });

  it('a point added 5 km outside the network’s area asks first, then saves where it was put', async () => {
    // A fresh page: window.__map is the main map again (the challenges board had its own).
    await page.goto(server.url);
    await waitForMap(page);
    // The demo's district spans about 2.5 km; 0.05° north of its middle is well outside it.
    await page.evaluate(() => (window as unknown as { __map: { jumpTo: (o: object) => void } }).__map.jumpTo({ center: [-35, 42.06], zoom: 16 }));
    await page.getByRole('button', { name: /add a point/i }).click();
    const canvas = await page.locator('.maplibregl-canvas').boundingBox();
    await page.mouse.click(canvas!.x + canvas!.width / 2, canvas!.y + canvas!.height / 3);
    const form = page.getByRole('form', { name: /new site/i });
    // Saved empty: each field's problem under that field, in words, and nothing else.
    await form.getByRole('button', { name: 'Save site' }).click();
    await expect.poll(() => form.getByRole('alert').allTextContents()).toEqual(['A name is required.', 'A function type is required.']);
    await expect(form.getByLabel(/^Function type/).getAttribute('aria-invalid')).resolves.toBe('true');
    await form.getByLabel(/^Name/).fill(`Hilltop Fridge ${name}`);
    await form.getByLabel(/^Function type/).selectOption('community_fridge');
    await form.getByRole('button', { name: 'Save site' }).click();
    const confirm = form.getByTestId('confirm-far');
    await expect(confirm.getByRole('alert').textContent()).resolves.toMatch(new RegExp(`^“Hilltop Fridge ${name}” would be \\d+(\\.\\d)? km outside the network’s area \\(Kudzu Flats \\(fictional demo neighbourhood\\)\\)\\. Check the place on the map, or confirm that it belongs there\\.$`));
    await expect(form.getByRole('alert').count()).resolves.toBe(1);
    await confirm.scrollIntoViewIfNeeded();
    await screenshot(page, `site-far-confirm-${name}.png`);
    await confirm.getByLabel('Yes, it belongs there: save it at this place').check();
    await form.getByRole('button', { name: 'Save site' }).click();
    const panel = page.getByRole('complementary', { name: 'Site details' });
    await panel.getByRole('heading', { name: `Hilltop Fridge ${name}` }).waitFor();
    // Moving it, still far outside, asks again.
    await panel.getByRole('button', { name: 'Move' }).click();
    await page.mouse.click(canvas!.x + canvas!.width / 2 + 40, canvas!.y + canvas!.height / 4);
    await panel.getByRole('button', { name: 'Save new position' }).click();
    const again = panel.getByTestId('confirm-far-move');
    await expect(again.getByRole('alert').textContent()).resolves.toMatch(/would be \d+(\.\d)? km outside the network’s area/);
    await screenshot(page, `site-far-move-${name}.png`);
    await again.getByRole('button', { name: 'Yes, move it there' }).click();
    await page.getByRole('status').filter({ hasText: `“Hilltop Fridge ${name}” has moved.` }).waitFor();
  });

  it('the change log lists who changed what, by day, and filters by kind', async () => {
    await page.evaluate(() => { window.location.hash = '#/changes'; });
    const log = page.getByTestId('change-log');
    await log.getByRole('heading', { name: 'What changed in the network' }).waitFor();
    await log.locator('ul.entries li').first().waitFor();
    expect(await log.locator('ul.entries li').count()).toBe(100);
    await expect(log.textContent()).resolves.toMatch(/published the audit “2026 Q3”/);
    await expect(log.textContent()).resolves.toContain(`Demo member added community fridge “Hilltop Fridge ${name}”`);
    await log.getByLabel('Which changes to show').selectOption('audit');
    await expect(log.locator('ul.entries li').allTextContents()).resolves.toSatisfy((lines: string[]) => lines.length > 0 && lines.every((line) => / the audit “/.test(line)));
    await log.getByLabel('Which changes to show').selectOption('all');
    await log.getByRole('button', { name: 'Older changes' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="change-log"] ul.entries li').length > 100);
    // Paging back reaches the start of the log, however long it is (the API test pages past any limit).
    while (!(await log.getByTestId('log-start').isVisible())) {
      const older = log.getByRole('button', { name: 'Older changes' });
      if (await older.isEnabled()) await older.click();
      await page.waitForTimeout(100);
    }
    const whole = Number(/see: ([\d,]+) changes/.exec((await log.getByTestId('log-start').textContent()) ?? '')?.[1].replace(/,/g, ''));
    expect(whole).toBeGreaterThan(100);
    expect(await log.locator('ul.entries li').count()).toBe(whole);
    await log.getByTestId('log-start').scrollIntoViewIfNeeded();
    await screenshot(page, `change-log-end-${name}.png`);
    const findings = await inspectLayout(page, { within: '[data-testid="change-log"]', minimumTarget: phone ? 44 : 0 });
    expect(findings.overflow).toBe(0);
    expect(findings.covered).toEqual([]);
    expect(findings.small).toEqual([]);
    await page.evaluate(() => document.querySelector('[data-testid="change-log"]')?.closest('.screen-body')?.scrollTo(0, 0));
    await screenshot(page, `change-log-${name}.png`);
    expect(session.errors.filter((error) => error.startsWith('page error'))).toEqual([]);
  });
});
