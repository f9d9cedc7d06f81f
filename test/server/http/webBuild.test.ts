/**
 * The server serves the web app as built on disk now: a build made while it runs is served
 * at once, its page and the new asset names it refers to, never the old page naming files
 * that are gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../server/http/app';
import { createServices } from '../../../server/services';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { listen, stop } from '../../api/httpHelpers';

/** A tiny build: a page naming its script, and the script. */
function writeBuild(root: string, script: string, when: Date): void {
  writeFileSync(join(root, script), `console.log(${JSON.stringify(script)});`);
  writeFileSync(join(root, 'index.html'), `<!doctype html><script type="module" src="/${script}"></script>`);
  utimesSync(join(root, 'index.html'), when, when);
}

describe('the web app as built', () => {
  let database: TestDatabase;
  let server: Server;
  let base: string;
  let root: string;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    root = mkdtempSync(join(tmpdir(), 'kudzu-web-'));
    writeBuild(root, 'app-old.js', new Date('2026-11-01T00:00:00Z'));
    server = createApp({ services: createServices(database.db), basemap: { kind: 'plain' }, webRoot: root });
    base = await listen(server);
  });
  afterAll(async () => {
    await stop(server);
    await database.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('is served as it was built when the server started', async () => {
    expect(await (await fetch(`${base}/`)).text()).toContain('/app-old.js');
    expect((await fetch(`${base}/app-old.js`)).status).toBe(200);
  });

  it('after a new build while the server runs, the page names the new script and the script is served', async () => {
    rmSync(join(root, 'app-old.js'));
    writeBuild(root, 'app-new.js', new Date('2026-11-02T00:00:00Z'));
    expect(await (await fetch(`${base}/audits`)).text()).toContain('/app-new.js');
    const script = await fetch(`${base}/app-new.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });
});
