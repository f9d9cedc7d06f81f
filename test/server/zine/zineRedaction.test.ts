import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { loadDemo } from '../../../server/demo/loadDemo';
import { loadDemoAudits } from '../../../server/demo/demoAudits';
import { createServices, type Services } from '../../../server/services';
import type { Actor } from '../../../server/services/context';
import type { Role } from '../../../shared/privacy/roles';
import type { MapElement, PageModel } from '../../../shared/zine/pageModel';
import { projectMap } from '../../../shared/zine/projectMap';
import { escapeXml, renderSvg } from '../../../shared/zine/renderSvg';

const NOW = new Date('2026-11-21T00:00:00Z');
const actor = (role: Role): Actor => ({ viewer: { userId: null, displayName: null, role }, now: NOW });
const LIVE_MAP = 'http://kudzu.example/';
const kinds = await databaseKinds();

interface Secrets { names: string[]; exactPositions: [number, number][] }

/** Everything above the public's tier, and the real places of sites the public sees degraded. */
async function secretsOf(database: TestDatabase): Promise<Secrets> {
  const db = database.db;
  const sites = await db.selectFrom('sites').select(['name', 'visibility', 'precision', 'lon', 'lat', 'shown_lon', 'shown_lat']).execute();
  const groups = await db.selectFrom('groups').select(['name', 'visibility']).execute();
  const testimonies = await db.selectFrom('audit_testimonies').select(['text', 'pseudonym', 'visibility', 'moderation', 'consent']).execute();
  const challenges = await db.selectFrom('challenges').select(['title', 'visibility']).execute();
  const publicNames = new Set([...sites.filter((site) => site.visibility === 'public').map((site) => site.name), ...groups.filter((group) => group.visibility === 'public').map((group) => group.name)]);
  const names = [
    ...sites.filter((site) => site.visibility !== 'public').map((site) => site.name),
    ...groups.filter((group) => group.visibility !== 'public').map((group) => group.name),
    ...testimonies.filter((testimony) => testimony.visibility !== 'public' || testimony.moderation !== 'approved' || !testimony.consent).map((testimony) => testimony.text),
    ...challenges.filter((challenge) => challenge.visibility !== 'public').map((challenge) => challenge.title),
  ].filter((name) => !publicNames.has(name));
  const exactPositions = sites
    .filter((site) => site.precision !== 'exact' && (site.shown_lon !== site.lon || site.shown_lat !== site.lat))
    .map((site): [number, number] => [site.lon, site.lat]);
  return { names: [...new Set(names)], exactPositions };
}

/** Every number pair the page model holds, as longitude/latitude. */
function modelPositions(pages: readonly PageModel[]): [number, number][] {
  const found: [number, number][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      if (node.length === 2 && typeof node[0] === 'number' && typeof node[1] === 'number') found.push([node[0], node[1]]);
      else node.forEach(walk);
    } else if (node !== null && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(pages.flatMap((page) => page.elements.filter((element) => element.kind === 'map')));
  return found;
}

/** Every coordinate pair written in the SVG (path data, x/y, cx/cy), in page points. */
function svgPositions(svg: string): [number, number][] {
  const pairs: [number, number][] = [];
  for (const match of svg.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)) pairs.push([Number(match[1]), Number(match[2])]);
  for (const match of svg.matchAll(/\b(?:c?x)="(-?[\d.]+)"[^>]*?\b(?:c?y)="(-?[\d.]+)"/g)) pairs.push([Number(match[1]), Number(match[2])]);
  return pairs;
}

describe.each(kinds)('the demo zine on %s carries only public data at public precision', (kind) => {
  let database: TestDatabase;
  let services: Services;
  let secrets: Secrets;
  let auditId: string;
  let directory: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database.db, NOW);
    await loadDemoAudits(database.db, NOW);
    services = createServices(database.db);
    secrets = await secretsOf(database);
    auditId = await services.audits.latestPublishedId(actor('public'));
    directory = mkdtempSync(join(tmpdir(), 'kudzu-zine-'));
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('has secrets to look for: members-only and stewards-only names and degraded sites', () => {
    expect(secrets.names.length).toBeGreaterThan(10);
    expect(secrets.exactPositions.length).toBeGreaterThan(5);
  });

  it.each(['public', 'member', 'steward'] as const)('asked by a %s, no hidden name is in any page’s text and no real place of a degraded site is in any coordinate', async (role) => {
    const { pages } = await services.zines.pages(actor(role), { auditId, format: 'svg', layout: 'pages', paper: 'a4' }, LIVE_MAP);
    const svg = pages.map(renderSvg).join('\n');
    for (const name of secrets.names) {
      expect(svg, name).not.toContain(escapeXml(name));
      expect(JSON.stringify(pages), name).not.toContain(JSON.stringify(name).slice(1, -1));
    }
    const positions = modelPositions(pages);
    expect(positions.length).toBeGreaterThan(100);
    for (const [lon, lat] of secrets.exactPositions) {
      expect(positions.some(([x, y]) => Math.abs(x - lon) < 1e-5 && Math.abs(y - lat) < 1e-5), `${lon},${lat}`).toBe(false);
      expect(svg).not.toContain(String(lon).slice(0, 9));
      expect(svg).not.toContain(String(lat).slice(0, 8));
    }
    const map = pages[1].elements.find((element): element is MapElement => element.kind === 'map');
    if (!map) throw new Error('the map page has no map');
    const projection = projectMap(map, map.extent);
    const drawn = svgPositions(renderSvg(pages[1]));
    for (const exact of secrets.exactPositions) {
      const [x, y] = projection.project(exact);
      expect(drawn.some(([px, py]) => Math.abs(px - x) < 0.02 && Math.abs(py - y) < 0.02), `drawn at the real place of ${exact}`).toBe(false);
    }
  });

  it('the PDF’s extracted text holds none of the hidden names either', async () => {
    const file = await services.zines.render(actor('member'), { auditId, format: 'pdf', layout: 'booklet', paper: 'letter' }, LIVE_MAP);
    const path = join(directory, 'zine.pdf');
    writeFileSync(path, file.bytes);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Find us, join us');
    for (const name of secrets.names) expect(text, name).not.toContain(name.replace(/\s+/g, ' '));
  });
});
