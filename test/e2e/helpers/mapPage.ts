import { openBrowser, waitForMap, type BrowserSession } from './browser';
import { startServer, type RunningServer, type ServerOptions } from './server';

/** A running server and a browser page on its map, loaded and idle: where most suites start. */
export async function openMapPage(options: ServerOptions = {}): Promise<{ server: RunningServer; session: BrowserSession }> {
  const server = await startServer(options);
  const session = await openBrowser();
  await session.page.goto(server.url);
  await waitForMap(session.page);
  return { server, session };
}
