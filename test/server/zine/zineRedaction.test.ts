import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../helpers/databases';
import { demoNetworkPerFile } from '../../helpers/perFile';
import { secretsOf, svgPositions } from '../../helpers/redaction';
import type { Actor } from '../../../server/services/context';
import type { Role } from '../../../shared/privacy/roles';
import type { MapElement, PageModel } from '../../../shared/zine/pageModel';
import { projectMap } from '../../../shared/zine/projectMap';
import { escapeXml, renderSvg } from '../../../shared/zine/renderSvg';

const NOW = new Date('2026-11-21T00:00:00Z');
const actor = (role: Role): Actor => ({ viewer: { userId: null, displayName: null, role }, now: NOW });
const LIVE_MAP = 'http://kudzu.example/';
const kinds = await databaseKinds();

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

describe.each(kinds)('the demo zine on %s carries only public data at public precision', (kind) => {
  const demo = demoNetworkPerFile(kind, NOW, async ({ database, services }) => ({
    secrets: await secretsOf(database),
    auditId: await services.audits.latestPublishedId(actor('public')),
  }));
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'kudzu-zine-'));
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('has demo.secrets to look for: members-only and stewards-only names and degraded sites', () => {
    expect(demo.secrets.names.length).toBeGreaterThan(10);
    expect(demo.secrets.exactPositions.length).toBeGreaterThan(5);
  });

  it.each(['public', 'member', 'steward'] as const)('asked by a %s, no hidden name is in any page’s text and no real place of a degraded site is in any coordinate', async (role) => {
    const { pages } = await demo.services.zines.pages(actor(role), { auditId: demo.auditId, format: 'svg', layout: 'pages', paper: 'a4' }, LIVE_MAP);
    const svg = pages.map(renderSvg).join('\n');
    for (const name of demo.secrets.names) {
      expect(svg, name).not.toContain(escapeXml(name));
      expect(JSON.stringify(pages), name).not.toContain(JSON.stringify(name).slice(1, -1));
    }
    const positions = modelPositions(pages);
    expect(positions.length).toBeGreaterThan(100);
    for (const [lon, lat] of demo.secrets.exactPositions) {
      expect(positions.some(([x, y]) => Math.abs(x - lon) < 1e-5 && Math.abs(y - lat) < 1e-5), `${lon},${lat}`).toBe(false);
      expect(svg).not.toContain(String(lon).slice(0, 9));
      expect(svg).not.toContain(String(lat).slice(0, 8));
    }
    const map = pages[1].elements.find((element): element is MapElement => element.kind === 'map');
    if (!map) throw new Error('the map page has no map');
    const projection = projectMap(map, map.extent);
    const drawn = svgPositions(renderSvg(pages[1]));
    for (const exact of demo.secrets.exactPositions) {
      const [x, y] = projection.project(exact);
      expect(drawn.some(([px, py]) => Math.abs(px - x) < 0.02 && Math.abs(py - y) < 0.02), `drawn at the real place of ${exact}`).toBe(false);
    }
  });

  it('the PDF’s extracted text holds none of the hidden names either', async () => {
    const file = await demo.services.zines.render(actor('member'), { auditId: demo.auditId, format: 'pdf', layout: 'booklet', paper: 'letter' }, LIVE_MAP);
    const path = join(directory, 'zine.pdf');
    writeFileSync(path, file.bytes);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Find us, join us');
    for (const name of demo.secrets.names) expect(text, name).not.toContain(name.replace(/\s+/g, ' '));
  });
});
