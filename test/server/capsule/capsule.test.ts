import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases';
import { demoNetworkPerFile } from '../../helpers/perFile';
import { secretsOf, svgPositions } from '../../helpers/redaction';
import type { Actor } from '../../../server/services/context';
import type { Role } from '../../../shared/privacy/roles';
import { pageSize } from '../../../shared/zine/paper';
import { projectMap } from '../../../shared/zine/projectMap';
import { zineMapPage } from '../../../shared/zine/zinePages';
import type { MapElement } from '../../../shared/zine/pageModel';
import { escapeXml } from '../../../shared/zine/renderSvg';
import { CAPSULE_CSP } from '../../../shared/capsule/capsuleHtml';

const NOW = new Date('2026-11-21T00:00:00Z');
const actor = (role: Role): Actor => ({ viewer: { userId: null, displayName: null, role }, now: NOW });
const kinds = await databaseKinds();

describe.each(kinds)('the time capsule on %s', (kind) => {
  const demo = demoNetworkPerFile(kind, NOW, async ({ database, services }) => ({
    secrets: await secretsOf(database),
    auditId: await services.audits.latestPublishedId(actor('public')),
    draftId: (await database.db.selectFrom('audits').select('id').where('status', '!=', 'published').executeTakeFirstOrThrow()).id,
  }));

  it('is one HTML page with the headline, tallies, domains, testimonies, the challenge in red and when it was made', async () => {
    const { html } = await demo.services.capsules.render(actor('public'), demo.auditId);
    const { report } = await demo.services.audits.publicEdition(actor('public'), demo.auditId);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(escapeXml(report.headline.text));
    expect(report.tallies.length).toBeGreaterThan(0);
    for (const tally of report.tallies) expect(html).toContain(`<span class="count">${tally.count.toLocaleString('en')}</span> ${escapeXml(tally.name)}`);
    for (const domain of report.domains) expect(html).toContain(escapeXml(domain.label));
    expect(report.testimonies.length).toBeGreaterThan(0);
    for (const testimony of report.testimonies) expect(html).toContain(escapeXml(testimony.text));
    if (!report.headlineChallenge) throw new Error('the demo audit has no headline challenge');
    const challenge = html.slice(html.indexOf('<section class="challenge"'), html.indexOf('</section>', html.indexOf('<section class="challenge"')));
    expect(challenge).toContain(escapeXml(report.headlineChallenge.title));
    expect(html).toMatch(/\.challenge \{[^}]*color: #e4002b/);
    expect(html).toContain(`Published ${report.publishedAt?.slice(0, 10)}`);
    expect(html).toContain('made 2026-11-21 00:00 UTC');
    expect(html).toMatch(/<section class="map" data-part="map"><svg viewBox="[^"]+" role="img"/);
    expect(html).toContain(">The map</tspan>");
  });

  it('loads nothing: a strict CSP, no script, no address of anything outside the file', async () => {
    const { html } = await demo.services.capsules.render(actor('public'), demo.auditId);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeXml(CAPSULE_CSP)}">`);
    expect(CAPSULE_CSP).toMatch(/^default-src 'none'/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\b(?:src|href|xlink:href|srcset|action)=/i);
    expect(html).not.toMatch(/@import|url\((?!#)/i);
    expect(html).not.toMatch(/<(?:link|iframe|object|embed|img|image|use)\b/i);
  });

  it.each(['public', 'member', 'steward'] as const)('asked by a %s, holds no hidden name and no real place of a degraded site', async (role) => {
    const { html } = await demo.services.capsules.render(actor(role), demo.auditId);
    expect(demo.secrets.names.length).toBeGreaterThan(10);
    expect(demo.secrets.exactPositions.length).toBeGreaterThan(5);
    for (const name of demo.secrets.names) expect(html, name).not.toContain(escapeXml(name));
    for (const [lon, lat] of demo.secrets.exactPositions) {
      expect(html).not.toContain(String(lon).slice(0, 9));
      expect(html).not.toContain(String(lat).slice(0, 8));
    }
    const content = await demo.services.zines.content(actor('public'), demo.auditId, '');
    const map = zineMapPage(content, { size: pageSize('a4', 'pages'), red: true, qr: [] }).elements.find((element): element is MapElement => element.kind === 'map');
    if (!map) throw new Error('the map page has no map');
    const projection = projectMap(map, map.extent);
    const drawn = svgPositions(html.slice(html.indexOf('<svg'), html.indexOf('</svg>')));
    expect(drawn.length).toBeGreaterThan(100);
    for (const exact of demo.secrets.exactPositions) {
      const [x, y] = projection.project(exact);
      expect(drawn.some(([px, py]) => Math.abs(px - x) < 0.02 && Math.abs(py - y) < 0.02), `drawn at the real place of ${exact}`).toBe(false);
    }
  });

  it('refuses a draft audit as unpublished, and an unknown audit as not found', async () => {
    await expect(demo.services.capsules.render(actor('member'), demo.draftId)).rejects.toThrow(`audit ${demo.draftId} is not published; only a published audit can go in a time capsule`);
    await expect(demo.services.capsules.render(actor('public'), demo.draftId)).rejects.toThrow(`no audit with id ${demo.draftId}`);
    await expect(demo.services.capsules.render(actor('member'), 'no-such-audit')).rejects.toThrow('no audit with id no-such-audit');
  });
});
