/**
 * One truth in every figure: the demo's audits give the same counts on the web report (the
 * API the page reads), in `kudzu audit report` (JSON and Markdown), in the zine and in the
 * time capsule, for every audience — and the same way of writing them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs } from './fixtures';
import { createServices, type Services } from '../../server/services';
import { auditCommand } from '../../server/cli/auditCommand';
import { amount, tallyChange, unknownSentence } from '../../shared/audit/words';
import type { Role } from '../../shared/privacy/roles';

const NOW = new Date('2026-11-21T12:00:00Z');
type Audience = Extract<Role, 'public' | 'member'>;

describe('the demo audits give the same figures everywhere', () => {
  let directory: string;
  let file: string;
  let database: TestDatabase;
  let services: Services;
  let audits: { id: string; status: string; label: string }[];
  const io = { log: () => undefined };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'kudzu-figures-'));
    file = join(directory, 'demo.sqlite');
    database = await openTestDatabase('sqlite', { file });
    await createServices(database.db).demo.load(NOW);
    services = createServices(database.db);
    audits = (await callerAs(services, 'member').audits.list({})).map((audit) => ({ id: audit.id, status: audit.status, label: audit.period.label }));
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  async function cli(auditId: string, as: Audience, format: 'json' | 'md'): Promise<string> {
    const out = join(directory, `${auditId}-${as}.${format}`);
    await auditCommand(['report', auditId, '--db', file, '--as', as, '--format', format, '--out', out], io);
    return readFileSync(out, 'utf8');
  }

  it('the demo has two published audits and one open for its audit night to compare', () => {
    expect(audits.map((audit) => audit.status).sort()).toEqual(['open', 'published', 'published']);
  });

  for (const as of ['public', 'member'] as const) {
    it(`for the ${as} audience, the web report and the command line report agree on the headline, every domain, the unknown answers and the tallies`, async () => {
      for (const audit of audits.filter((entry) => as === 'member' || entry.status === 'published')) {
        const web = await callerAs(services, as).audits.report({ auditId: audit.id });
        const json = JSON.parse(await cli(audit.id, as, 'json'));
        const markdown = await cli(audit.id, as, 'md');
        expect(json.headline).toEqual(web.headline);
        expect(json.domains.map((domain: { score: number | null; coverage: number | null }) => [domain.score, domain.coverage]))
          .toEqual(web.domains.map((domain) => [domain.score, domain.coverage]));
        expect(json.unknowns).toEqual(web.unknowns);
        expect(markdown).toContain(`## ${web.headline.text}`);
        if (web.unknowns.count > 0) {
          expect(markdown).toContain(unknownSentence({ ...web.unknowns, preview: web.preview }));
          // The reasons were written when the audit was scored: the count beside them is the same number.
          expect(web.reasons).toContain(`${web.unknowns.count} answers unknown; unknown counts as 0, never as a pass.`);
        }
        for (const tally of web.tallies) expect(markdown).toContain(`- **${amount(tally.count)}** ${tally.name}`);
        for (const tally of [...web.diff?.talliesUp ?? [], ...web.diff?.talliesDown ?? []]) expect(markdown).toContain(tallyChange(tally));
      }
    }, 120_000);
  }

  it('the public and the members are told the same number of unknown answers (the public sees fewer of them by name)', async () => {
    for (const audit of audits.filter((entry) => entry.status === 'published')) {
      const publicReport = await callerAs(services, 'public').audits.report({ auditId: audit.id });
      const memberReport = await callerAs(services, 'member').audits.report({ auditId: audit.id });
      expect(publicReport.unknowns.count).toBe(memberReport.unknowns.count);
      expect(publicReport.unknowns.items.length + publicReport.unknowns.notShown).toBe(memberReport.unknowns.count);
      expect(memberReport.unknowns.notShown).toBe(0);
      expect(publicReport.headline).toEqual(memberReport.headline);
    }
  }, 120_000);

  it('the zine and the time capsule carry the public report\'s headline, domains and tallies, written the same way', async () => {
    const actor = { viewer: { userId: null, displayName: null, role: 'public' as const }, now: NOW };
    for (const audit of audits.filter((entry) => entry.status === 'published')) {
      const web = await callerAs(services, 'public').audits.report({ auditId: audit.id });
      const zine = await services.zines.content(actor, audit.id, 'http://kudzu.example/');
      expect([zine.governed, zine.total, zine.headline]).toEqual([web.headline.governed, web.headline.total, web.headline.text]);
      expect(zine.domains.map((domain) => [domain.id, domain.governed])).toEqual(web.domains.map((domain) => [domain.domain, domain.governed]));
      expect(zine.tallies.map((tally) => tally.count)).toEqual(web.tallies.map((tally) => tally.count));
      const capsule = (await services.capsules.render(actor, audit.id)).html;
      expect(capsule).toContain(`<p class="headline" data-part="headline">${web.headline.text}</p>`);
      for (const tally of web.tallies) expect(capsule).toContain(`<span class="count">${amount(tally.count)}</span>`);
      for (const line of zine.changes?.lines.filter((entry) => entry.includes('→')) ?? []) {
        expect([...web.diff?.talliesUp ?? [], ...web.diff?.talliesDown ?? []].map(tallyChange)).toContain(line);
      }
    }
  }, 120_000);

  it('a tally above a thousand reads with a thousands separator in every place', () => {
    expect(amount(1130)).toBe('1,130');
    expect(tallyChange({ name: 'meals shared', previous: 860, current: 1130 })).toBe('meals shared: 860 → 1,130');
  });
});
