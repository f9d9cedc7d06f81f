// Drives ZineDialog.svelte (web/src/screens/audit): the "Make a zine" dialog on a published report.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './helpers/browser';
import { mapPagePerFile } from './helpers/mapPage';
import { temporaryFolderPerFile } from '../helpers/perFile';

/** Wait until every preview image in the dialog has loaded and has a size. */
async function previewsLoaded(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll<HTMLImageElement>('[data-testid="zine-dialog"] img')];
    images.forEach((image) => { image.loading = 'eager'; });
    return images.length === 8 && images.every((image) => image.complete && image.naturalWidth > 0);
  }, undefined, { timeout: 60_000 });
  return page.evaluate(() => document.querySelectorAll('[data-testid="zine-dialog"] img').length);
}

describe('making a zine from the published audit', () => {
  const app = mapPagePerFile();
  const folder = temporaryFolderPerFile('kudzu-zine-e2e-');

  it('a visitor opens “Make a zine” on the report, sees a preview of every page and downloads an all-vector PDF', async () => {
    const page = app.session.page;
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Audits' }).click();
    await page.getByRole('link', { name: 'Report' }).first().click();
    await page.getByTestId('audit-report').waitFor();
    await page.getByTestId('make-zine').click();
    const dialog = page.getByRole('dialog', { name: 'Make a zine' });
    await dialog.waitFor();
    expect(await previewsLoaded(page)).toBe(8);
    await expect(dialog.getByRole('img', { name: 'Page 2: Map' }).isVisible()).resolves.toBe(true);
    // Opened at this computer's own address, the dialog says the QR code leads nowhere else.
    await expect(dialog.getByTestId('zine-local-address').textContent()).resolves.toMatch(/point at 127\.0\.0\.1:\d+, an address only this computer can open/);
    await screenshot(page, 'zine-dialog.png');

    await dialog.getByTestId('zine-layout').selectOption('booklet');
    await dialog.getByTestId('zine-paper').selectOption('letter');
    await dialog.getByTestId('zine-red').uncheck();
    expect(await previewsLoaded(page)).toBe(8);
    const href = await dialog.getByTestId('zine-download-pdf').getAttribute('href');
    expect(href).toMatch(/layout=booklet&paper=letter&red=0&format=pdf$/);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('zine-download-pdf').click()]);
    const path = join(folder.directory, download.suggestedFilename());
    await download.saveAs(path);
    expect(download.suggestedFilename()).toMatch(/zine-booklet-letter-mono\.pdf$/);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+4\n/);
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog.isVisible()).resolves.toBe(false);
  });

  it('fits a phone: the previews in two columns, nothing scrolling sideways', async () => {
    const page = app.session.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('make-zine').click();
    const dialog = page.getByRole('dialog', { name: 'Make a zine' });
    await dialog.waitFor();
    expect(await previewsLoaded(page)).toBe(8);
    const overflow = await page.evaluate(() => {
      const element = document.querySelector('[data-testid="zine-dialog"]') as HTMLElement;
      return element.scrollWidth - element.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'zine-dialog-phone.png');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
    writeFileSync(join(folder.directory, 'done'), '');
  });
});
