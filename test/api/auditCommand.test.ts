import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs, seedNetwork } from './fixtures';
import { stageAudit } from './auditFixtures';
import { auditCommand } from '../../server/cli/auditCommand';

describe('the audit command line', () => {
  let directory: string;
  let file: string;
  let database: TestDatabase;
  let auditId: string;
  const lines: string[] = [];
  const io = { log: (line: string) => lines.push(line) };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'kudzu-audit-cli-'));
    file = join(directory, 'kudzu.sqlite');
    database = await openTestDatabase('sqlite', { file });
    const seeded = await seedNetwork(database.db);
    const { audit } = await stageAudit(seeded.services, 'open');
    await callerAs(seeded.services, 'auditor').audits.addTally({ auditId: audit.id, name: 'families housed without landlords', count: 73, unit: 'families' });
    const [challenge] = await callerAs(seeded.services, 'steward').challenges.list({ auditId: audit.id });
    await callerAs(seeded.services, 'steward').challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
    auditId = (await callerAs(seeded.services, 'auditor').audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true })).id;
    await stageAudit(seeded.services, 'draft');
    await database.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('audit list writes the audits the audience may see', async () => {
    const out = join(directory, 'list.json');
    await auditCommand(['list', '--db', file, '--as', 'public', '--out', out], io);
    const list = JSON.parse(readFileSync(out, 'utf8'));
    expect(list.audits.map((audit: { id: string }) => audit.id)).toEqual([auditId]);
  });

  it('audit report --latest --format json holds the headline, domains with reasons, tallies, the headline challenge and the diff', async () => {
    const out = join(directory, 'report.json');
    await auditCommand(['report', '--latest', '--db', file, '--as', 'public', '--format', 'json', '--out', out], io);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.auditId).toBe(auditId);
    expect(report.headline).toMatchObject({ governed: expect.any(Number), total: expect.any(Number) });
    expect(report.domains[0]).toMatchObject({ domain: 'food', coverage: expect.any(Number), score: expect.any(Number), governed: false, reasons: expect.arrayContaining([expect.stringMatching(/^Food: coverage/)]) });
    expect(report.tallies).toMatchObject([{ name: 'families housed without landlords', count: 73 }]);
    expect(report.headlineChallenge.title).toMatch(/Open a second pantry/);
    expect(report).toHaveProperty('diff', null);
    expect(JSON.stringify(report)).not.toContain('Members Fridge');
  });

  it('audit report --format md reads as a page for the assembly', async () => {
    const out = join(directory, 'report.md');
    await auditCommand(['report', auditId, '--db', file, '--as', 'member', '--format', 'md', '--out', out], io);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Mission Flats — audit Staged \d+/);
    expect(text).toMatch(/## We govern \d+ of \d+ assessed domains/);
    expect(text).toContain('- **73** families housed without landlords');
    expect(text).toContain('## The headline challenge');
  });

  it('refuses a report with neither an id nor --latest, and a bad audience', async () => {
    await expect(auditCommand(['report', '--db', file, '--as', 'public', '--format', 'json', '--out', join(directory, 'x.json')], io)).rejects.toThrow(/an audit id or --latest/);
    await expect(auditCommand(['report', '--latest', '--db', file, '--as', 'steward', '--format', 'json', '--out', join(directory, 'x.json')], io)).rejects.toThrow(/--as must be public or member/);
  });
});
