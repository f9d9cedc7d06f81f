import { afterAll, beforeAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, signIn, waitForMap, type BrowserSession } from './browser';
import { startServer, type RunningServer, type ServerOptions } from './server';

/**
 * A running server and a browser page on its map, loaded and idle: where most suites start.
 * `ready` says when the page is ready instead (an empty instance may have no map drawing to wait for).
 */
export async function openMapPage(options: ServerOptions = {}, ready: (page: Page) => Promise<void> = waitForMap): Promise<{ server: RunningServer; session: BrowserSession }> {
  const server = await startServer(options);
  const session = await openBrowser();
  await session.page.goto(server.url);
  await ready(session.page);
  return { server, session };
}

/**
 * Where the map's tools are (Links, Network, PNG for print): along the map's top edge, or on
 * a phone in the filters sheet (opened if it is not).
 */
export async function mapTools(page: Page): Promise<Locator> {
  if ((page.viewportSize()?.width ?? 1440) > 760) return page.locator('.map-tools');
  if (!(await page.locator('[data-sheet="Filters and legend"]').isVisible())) {
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
  }
  return page.getByRole('region', { name: 'On the map' });
}

export interface MapPage { server: RunningServer; session: BrowserSession }

/** For `mapPagePerFile`: ready once the map is drawn and this demo account has signed in. */
export function signedInAs(email: string): (page: Page) => Promise<void> {
  return async (page) => {
    await waitForMap(page);
    await signIn(page, email);
  };
}

/**
 * In the describe block that calls it: `openMapPage` before the block's tests, the browser
 * and the server closed after them. What it returns can be held from the start and read in
 * hooks and tests; reading it before the block's first `beforeAll` has run is an error.
 */
export function mapPagePerFile(options: ServerOptions = {}, ready?: (page: Page) => Promise<void>): MapPage {
  let opened: MapPage | undefined;
  beforeAll(async () => {
    opened = await openMapPage(options, ready);
  });
  afterAll(async () => {
    await opened?.session.close();
    await opened?.server.stop();
  });
  return new Proxy({} as MapPage, {
    get(_, key) {
      if (!opened) throw new Error(`the map page is opened in beforeAll: read ${String(key)} inside a hook or a test`);
      return Reflect.get(opened, key);
    },
  });
}
