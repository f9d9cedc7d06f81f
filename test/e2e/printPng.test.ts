// Drives PrintPngButton.svelte (web/src/components): the map view downloaded as a PNG at 300 dpi.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, screenshot } from './helpers/browser';
import { mapPagePerFile, mapTools } from './helpers/mapPage';

/** A PNG's width and height from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the current map view as a PNG at print resolution', () => {
  const app = mapPagePerFile();

  it.each([
    [{ width: 1440, height: 900 }, 'letter', { width: 3300, height: 2550 }, 'print-png.png'],
    [{ width: 390, height: 844 }, 'a4', { width: 2480, height: 3508 }, 'print-png-phone.png'],
  ] as const)('at %o, downloads the view on %s paper at 300 dpi as %o pixels', async (viewport, paper, pixels, name) => {
    const page = app.session.page;
    await page.setViewportSize(viewport);
    const control = (await mapTools(page)).getByTestId('print-png');
    await control.getByTestId('print-paper').selectOption(paper);
    await screenshot(page, name);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      control.getByRole('button', { name: 'PNG for print' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`kudzu-map-${paper}-300dpi.png`);
    const path = join(ARTIFACTS, `print-png-${paper}-download.png`);
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(pngSize(bytes)).toEqual(pixels);
    // A blank page of this size compresses to a few kilobytes; the drawn map does not.
    expect(bytes.length).toBeGreaterThan(300_000);
    expect(app.session.errors).toEqual([]);
  }, 180_000);
});
