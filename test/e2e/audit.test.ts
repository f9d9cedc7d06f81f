import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn, waitForIdle, waitForMap, type BrowserSession } from './helpers/browser';
import { startServer, type RunningServer } from './helpers/server';

type MapHandle = { queryRenderedFeatures: (options: { layers: string[] }) => { properties: Record<string, unknown> }[]; getLayer: (id: string) => unknown };

describe('the audit screens of the demo neighbourhood', () => {
  let server: RunningServer;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startServer();
    session = await openBrowser();
    await session.page.goto(server.url);
    await waitForMap(session.page);
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('a visitor finds the published audits, and no draft', async () => {
    const page = session.page;
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Audits' }).click();
    await page.getByText('2026 Q3').first().waitFor();
    const text = await page.getByRole('region', { name: 'Audit screens' }).textContent();
    expect(text).toContain('2026 Q2');
    expect(text).not.toContain('2026 Q4');
  });

  it('the published report leads with the headline, the red challenge, tallies, domains, the chart and the diff', async () => {
    const page = session.page;
    await page.getByRole('link', { name: 'Report' }).first().click();
    const report = page.getByTestId('audit-report');
    await report.waitFor();
    await expect(report.getByRole('heading', { level: 2 }).textContent()).resolves.toMatch(/We govern \d+ of \d+ domains/);
    await expect(page.getByTestId('headline-challenge').isVisible()).resolves.toBe(true);
    const red = await page.getByTestId('headline-challenge').locator('h3').evaluate((element) => getComputedStyle(element).color);
    expect(red).toBe('rgb(196, 0, 26)');
    await expect(report.getByText('families housed without landlords', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(report.getByText('73', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('img', { name: /score at every published audit/ }).locator('path').count()).resolves.toBeGreaterThan(3);
    await expect(page.getByTestId('audit-diff').textContent()).resolves.toMatch(/Since 2026 Q2/);
    await screenshot(page, 'audit-report.png');
    await page.getByRole('img', { name: /score at every published audit/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'audit-report-chart.png');
  });

  it('the challenges board draws the challenges and the audit\'s sites, the headline in red, and moves through time', async () => {
    const page = session.page;
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Challenges' }).click();
    await page.getByTestId('headline-card').waitFor();
    await page.waitForFunction(() => {
      const map = (window as unknown as { __map?: { getLayer: (id: string) => unknown; loaded: () => boolean } }).__map;
      return !!map && !!map.getLayer('challenge-points') && map.loaded();
    }, undefined, { timeout: 60_000 });
    await waitForIdle(page);
    const counts = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapHandle }).__map;
      return {
        challenges: map.queryRenderedFeatures({ layers: ['challenge-points'] }).length,
        headlines: map.queryRenderedFeatures({ layers: ['challenge-points'] }).filter((feature) => feature.properties.headline === 1).length,
        sites: map.queryRenderedFeatures({ layers: ['audit-site-points'] }).length,
        opened: map.queryRenderedFeatures({ layers: ['audit-site-points'] }).filter((feature) => feature.properties.change === 'opened').length,
      };
    });
    expect(counts.challenges).toBeGreaterThan(0);
    expect(counts.headlines).toBe(1);
    expect(counts.sites).toBeGreaterThan(20);
    expect(counts.opened).toBeGreaterThan(0);
    const q3Headline = await page.getByTestId('headline-card').textContent();
    await screenshot(page, 'challenges-board.png');

    await page.getByText('2026 Q2', { exact: true }).click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="headline-card"]')?.textContent !== before, q3Headline, { timeout: 20_000 });
    await expect(page.getByTestId('headline-card').textContent()).resolves.not.toBe(q3Headline);
  });

  it('an auditor fills the workspace grid from the keyboard, and progress follows', async () => {
    const page = session.page;
    await page.getByRole('link', { name: '← Back to the map' }).click();
    await signIn(page, 'auditor@kudzu.example');
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Audits' }).click();
    await page.getByRole('link', { name: 'Open the workspace' }).first().click();
    const grid = page.getByRole('grid', { name: "Every group's checks" });
    await grid.waitFor();
    const progress = page.getByTestId('audit-progress');
    await expect(progress.textContent()).resolves.toMatch(/^0 of \d+ checks answered/);
    await grid.focus();
    for (const key of ['p', 'p', 'a', 'f', 'p', '1', '2', 'p', 'p', 'u', 'p', 'p']) {
      const before = await progress.textContent();
      await page.keyboard.press(key);
      if (key !== 'u') await page.waitForFunction((text) => document.querySelector('[data-testid="audit-progress"]')?.textContent !== text, before);
      else await page.getByRole('status').filter({ hasText: 'unknown' }).waitFor();
    }
    await expect(progress.textContent()).resolves.toMatch(/^11 of \d+ checks answered/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByLabel('Evidence note').fill('Constitution pinned by the door; read it aloud.');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'constitution' }).waitFor();
    await expect(grid.getByRole('gridcell').first().textContent()).resolves.toBe('✓');
    await screenshot(page, 'audit-workspace.png');
    expect(session.errors.filter((error) => !/favicon/.test(error))).toEqual([]);
  });
});
