/**
 * A Murmurations profile names a group without a website, and every site, by a page under
 * the instance: `/murmurations/groups/<id>` and `/murmurations/sites/<id>`. Each such URL in
 * an export resolves — to the map opened on the group's sites or on the site — for whoever
 * may see it, and a group or site the asker may not see is "not here", worded exactly as an
 * id that never existed. SQLite and PostgreSQL, over real HTTP.
 */
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { servedPerFile } from '../helpers/perFile';
import { createServices } from '../../server/services';
import { signIn } from './httpHelpers';
import { DEMO_PASSWORD } from '../../server/demo/generateDemo';

const kinds = await databaseKinds();
const NOW = new Date('2026-11-29T09:00:00Z');

interface Profile { name: string; primary_url: string; unique_id?: string; geolocation?: unknown }

/** The page URLs of a Murmurations export under `base`, with the id and kind each names. */
async function pagesIn(base: string, as: 'public' | 'steward', cookie?: string): Promise<{ url: string; kind: 'groups' | 'sites'; id: string }[]> {
  const response = await fetch(`${base}/api/export?format=murmurations&as=${as}`, { headers: cookie ? { Cookie: cookie } : {} });
  expect(response.status).toBe(200);
  const profiles = await response.json() as Profile[];
  return profiles.filter((profile) => profile.primary_url.startsWith(`${base}/murmurations/`)).map((profile) => {
    const [, kind, id] = /\/murmurations\/(groups|sites)\/([^/]+)$/.exec(profile.primary_url)!;
    expect(decodeURIComponent(id)).toBe(profile.unique_id);
    return { url: profile.primary_url, kind: kind as 'groups' | 'sites', id: decodeURIComponent(id) };
  });
}

const ask = (url: string, cookie?: string) => fetch(url, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });

describe.each(kinds)('the pages Murmurations profiles are named by, on %s', (kind) => {
  const served = servedPerFile(kind, async (database) => {
    const services = createServices(database.db);
    await services.demo.load(NOW);
    return { services };
  });

  it('every page a public export names opens the map on its group or site', async () => {
    const pages = await pagesIn(served.base, 'public');
    expect(pages.filter((page) => page.kind === 'groups').length).toBeGreaterThan(10);
    expect(pages.filter((page) => page.kind === 'sites').length).toBeGreaterThan(100);
    for (const page of pages) {
      const response = await ask(page.url);
      expect(response.status, page.url).toBe(302);
      expect(response.headers.get('location')).toBe(`/?${page.kind === 'groups' ? 'group' : 'site'}=${encodeURIComponent(page.id)}`);
    }
  });

  it('a hidden group’s or site’s page is not there for the public, worded as an id that never existed; its steward is sent to it', async () => {
    const steward = await signIn(served.base, 'steward@kudzu.example', DEMO_PASSWORD);
    const publicUrls = new Set((await pagesIn(served.base, 'public')).map((page) => page.url));
    const hidden = (await pagesIn(served.base, 'steward', steward)).filter((page) => !publicUrls.has(page.url));
    expect(hidden.filter((page) => page.kind === 'sites').length).toBeGreaterThan(5);
    expect(hidden.filter((page) => page.kind === 'groups').length).toBeGreaterThan(0);
    for (const page of hidden) {
      const response = await ask(page.url);
      expect(response.status, page.url).toBe(404);
      const text = await response.text();
      expect(text).toBe(`No ${page.kind === 'groups' ? 'group' : 'site'} with id ${page.id} is on this map.\n`);
      expect(text).not.toMatch(/hidden|steward|member/i);
      expect((await ask(page.url, steward)).status).toBe(302);
    }
    const never = await ask(`${served.base}/murmurations/sites/no-such-site`);
    expect([never.status, await never.text()]).toEqual([404, 'No site with id no-such-site is on this map.\n']);
  });

  it('a page asked for with a malformed id is simply not there', async () => {
    for (const path of ['/murmurations/groups/%00', '/murmurations/sites/%E0%A4%A', '/murmurations/groups/' + 'x'.repeat(300)]) {
      const response = await ask(served.base + path);
      expect(response.status, path).toBe(404);
    }
  });
});
