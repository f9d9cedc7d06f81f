import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededFilePerFile } from '../helpers/perFile';
import { publishedAndDraftAudits } from './httpHelpers';
import { auditCommand } from '../../server/cli/auditCommand';

describe('the audit command line', () => {
  const lines: string[] = [];
  const io = { log: (line: string) => lines.push(line) };
  const cli = seededFilePerFile('kudzu-audit-cli-', async (seeded) => ({ auditId: (await publishedAndDraftAudits(seeded.services)).publishedId }));

  it('audit list writes the audits the audience may see', async () => {
    const out = join(cli.directory, 'list.json');
    await auditCommand(['list', '--db', cli.file, '--as', 'public', '--out', out], io);
    const list = JSON.parse(readFileSync(out, 'utf8'));
    expect(list.audits.map((audit: { id: string }) => audit.id)).toEqual([cli.auditId]);
  });

  it('audit report --latest --format json holds the headline, domains with reasons, tallies, the headline challenge and the diff', async () => {
    const out = join(cli.directory, 'report.json');
    await auditCommand(['report', '--latest', '--db', cli.file, '--as', 'public', '--format', 'json', '--out', out], io);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.auditId).toBe(cli.auditId);
    expect(report.headline).toMatchObject({ governed: expect.any(Number), total: expect.any(Number) });
    expect(report.domains[0]).toMatchObject({ domain: 'food', coverage: expect.any(Number), score: expect.any(Number), governed: false, reasons: expect.arrayContaining([expect.stringMatching(/^Food: coverage/)]) });
    expect(report.tallies).toMatchObject([{ name: 'families housed without landlords', count: 73 }]);
    expect(report.headlineChallenge.title).toMatch(/Open a second pantry/);
    expect(report).toHaveProperty('diff', null);
    expect(JSON.stringify(report)).not.toContain('Members Fridge');
  });

  it('audit report --format md reads as a page for the assembly', async () => {
    const out = join(cli.directory, 'report.md');
    await auditCommand(['report', cli.auditId, '--db', cli.file, '--as', 'member', '--format', 'md', '--out', out], io);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Mission Flats — audit Staged \d+/);
    expect(text).toMatch(/## We govern \d+ of \d+ assessed domains/);
    expect(text).toContain('- **73** families housed without landlords');
    expect(text).toContain('## The headline challenge');
  });

  it('refuses a report with neither an id nor --latest, and a bad audience', async () => {
    await expect(auditCommand(['report', '--db', cli.file, '--as', 'public', '--format', 'json', '--out', join(cli.directory, 'x.json')], io)).rejects.toThrow(/an audit id or --latest/);
    await expect(auditCommand(['report', '--latest', '--db', cli.file, '--as', 'steward', '--format', 'json', '--out', join(cli.directory, 'x.json')], io)).rejects.toThrow(/--as must be public or member/);
  });
});
