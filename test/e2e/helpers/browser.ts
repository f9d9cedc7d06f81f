/** Headless Chromium from Debian, with the flags that make software WebGL work here. */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './server';

export const ARTIFACTS = join(REPO_ROOT, 'test', 'artifacts');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and failed page scripts, to assert none happened. */
  errors: string[];
  close: () => Promise<void>;
}

export async function openBrowser(viewport = { width: 1440, height: 900 }): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kudzu-chromium-'));
  // A fresh profile per run: nothing cached or remembered from an earlier run.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return {
    context, page, errors,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Wait until the map has loaded, has sites (or clusters) drawn, and is idle. */
export async function waitForMap(page: Page, minimumRenders = 1): Promise<void> {
  await page.waitForFunction((n) => {
    const w = window as unknown as { __map?: { loaded: () => boolean }; __kudzuRenders?: unknown[] };
    return !!w.__map && (w.__kudzuRenders?.length ?? 0) >= n;
  }, minimumRenders, { timeout: 60_000 });
  await waitForIdle(page);
}

/** Wait for the map to finish drawing what it has (tiles, labels, fades). */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => {
    const map = (window as unknown as { __map: { once: (e: string, f: () => void) => void; triggerRepaint: () => void } }).__map;
    map.once('idle', () => done());
    map.triggerRepaint();
  }));
  // Symbol fade-in after placement.
  await page.waitForTimeout(400);
}

/** Wait until the map has a layer of this id and has loaded what it draws, then for it to be idle. */
export async function waitForLayer(page: Page, layer: string): Promise<void> {
  await page.waitForFunction((id) => {
    const map = (window as unknown as { __map?: { getLayer: (id: string) => unknown; loaded: () => boolean } }).__map;
    return !!map && !!map.getLayer(id) && map.loaded();
  }, layer, { timeout: 60_000 });
  await waitForIdle(page);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path });
  return path;
}

/** Sign in through the login dialog, as a person would. */
export async function signIn(page: Page, email: string, password = 'kudzu-demo-password'): Promise<void> {
  // On a phone the header keeps Sign in behind its menu.
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible() && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Sign in' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  // Signed in: Sign out is in the bar, or on a phone in the menu (opened to look, then closed).
  const phone = await menu.isVisible();
  if (phone && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
  if (phone) await menu.click();
}
