/**
 * The server serves the web app as built on disk now: a build made while it runs is served
 * at once, its page and the new asset names it refers to, never the old page naming files
 * that are gone.
 */
import { describe, expect, it } from 'vitest';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../../server/services';
import { servedPerFile, temporaryFolderPerFile } from '../../helpers/perFile';

/** A tiny build: a page naming its script, and the script. */
function writeBuild(root: string, script: string, when: Date): void {
  writeFileSync(join(root, script), `console.log(${JSON.stringify(script)});`);
  writeFileSync(join(root, 'index.html'), `<!doctype html><script type="module" src="/${script}"></script>`);
  utimesSync(join(root, 'index.html'), when, when);
}

describe('the web app as built', () => {
  const build = temporaryFolderPerFile('kudzu-web-');
  const served = servedPerFile('sqlite', async (database) => {
    writeBuild(build.directory, 'app-old.js', new Date('2026-11-01T00:00:00Z'));
    return { services: createServices(database.db) };
  }, () => ({ webRoot: build.directory }));

  it('is served as it was built when the server started', async () => {
    expect(await (await fetch(`${served.base}/`)).text()).toContain('/app-old.js');
    expect((await fetch(`${served.base}/app-old.js`)).status).toBe(200);
  });

  it('after a new build while the server runs, the page names the new script and the script is served', async () => {
    rmSync(join(build.directory, 'app-old.js'));
    writeBuild(build.directory, 'app-new.js', new Date('2026-11-02T00:00:00Z'));
    expect(await (await fetch(`${served.base}/audits`)).text()).toContain('/app-new.js');
    const script = await fetch(`${served.base}/app-new.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });
});
