import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser, screenshot } from './helpers/browser';
import { mapPagePerFile } from './helpers/mapPage';
import { temporaryFolderPerFile } from '../helpers/perFile';

describe('the time capsule of the published audit', () => {
  const app = mapPagePerFile();
  const folder = temporaryFolderPerFile('kudzu-capsule-e2e-');
  let capsulePath: string;

  it('a visitor saves the time capsule from the published report as one HTML file', async () => {
    const page = app.session.page;
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Audits' }).click();
    await page.getByRole('link', { name: 'Report' }).first().click();
    await page.getByTestId('audit-report').waitFor();
    const headline = (await page.locator('.headline').first().innerText()).replace(/\s+/g, ' ').trim();
    const link = page.getByRole('link', { name: 'Save a time capsule' });
    await screenshot(page, 'capsule-report-button.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(link.isVisible()).resolves.toBe(true);
    await screenshot(page, 'capsule-report-button-phone.png');
    await page.setViewportSize({ width: 1440, height: 900 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/-time-capsule\.html$/);
    capsulePath = join(folder.directory, download.suggestedFilename());
    await download.saveAs(capsulePath);
    const html = readFileSync(capsulePath, 'utf8');
    expect(html.replace(/\s+/g, ' ')).toContain(headline.replace(/^We govern (\d+) of (\d+) domains$/, 'We govern $1 of $2'));
  });

  it.each([
    [{ width: 1440, height: 900 }, 'capsule-offline.png'],
    [{ width: 390, height: 844 }, 'capsule-offline-phone.png'],
  ])('opens from file:// at %o with every network request blocked, none asked for, showing the headline and the map', async (viewport, name) => {
    const offline = await openBrowser(viewport);
    try {
      const requests: string[] = [];
      await offline.context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort('blockedbyclient');
      });
      await offline.context.setOffline(true);
      const page = offline.page;
      page.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
      await page.goto(pathToFileURL(capsulePath).href);
      await page.waitForLoadState('load');
      await expect(page.locator('[data-part="headline"]').innerText()).resolves.toMatch(/^We govern \d+ of \d+/);
      const map = page.locator('[data-part="map"] > svg');
      const box = await map.boundingBox();
      expect(box?.width).toBeGreaterThan(Math.min(viewport.width - 60, 800));
      expect(box?.height).toBeGreaterThan(200);
      expect(await map.locator('path').count()).toBeGreaterThan(50);
      await expect(page.locator('[data-part="challenge"]').evaluate((element) => getComputedStyle(element).color)).resolves.toBe('rgb(228, 0, 43)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, name);
      await page.locator('[data-part="map"]').scrollIntoViewIfNeeded();
      await screenshot(page, name.replace('.png', '-map.png'));
      await page.screenshot({ path: (await screenshot(page, name.replace('.png', '-whole.png'))), fullPage: true });
      expect(requests).toEqual([]);
      expect(offline.errors).toEqual([]);
    } finally {
      await offline.close();
    }
  });
});
