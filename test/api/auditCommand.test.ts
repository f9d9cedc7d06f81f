import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededFilePerFile } from '../helpers/perFile';
import { publishedAndDraftAudits } from './httpHelpers';
import { auditCommand } from '../../server/cli/auditCommand';
import { freshArea } from './auditFixtures';

describe('the audit command line', () => {
  const lines: string[] = [];
  const io = { log: (line: string) => lines.push(line) };
  const cli = seededFilePerFile('kudzu-audit-cli-', async (seeded) => ({
    auditId: (await publishedAndDraftAudits(seeded.services)).publishedId,
    quietAreaId: await freshArea(seeded.services, 'Bernal Flats'),
  }));

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

  it('audit start refuses a second audit for an area that has one in progress, naming both, and writes nothing', async () => {
    const before = join(cli.directory, 'before.json');
    await auditCommand(['list', '--db', cli.file, '--out', before], io);
    const audits: { id: string; areaId: string; areaName: string; status: string; period: { label: string } }[] = JSON.parse(readFileSync(before, 'utf8')).audits;
    const draft = audits.find((audit) => audit.status === 'draft')!;
    const start = (areaId: string) => auditCommand(['start', '--db', cli.file, '--area', areaId, '--label', '2027 Q1', '--from', '2027-01-01', '--to', '2027-03-31', '--next', '2027-06-30'], io);
    await expect(start(draft.areaId)).rejects.toThrow(`areaId: ${draft.areaName} already has an audit in progress, “${draft.period.label}” (draft)`);
    const after = join(cli.directory, 'after.json');
    await auditCommand(['list', '--db', cli.file, '--out', after], io);
    expect(JSON.parse(readFileSync(after, 'utf8')).audits).toHaveLength(audits.length);
  });

  it('audit start starts a draft for an area with no audit in progress, and refuses a period that ends before it starts', async () => {
    await auditCommand(['start', '--db', cli.file, '--area', cli.quietAreaId, '--label', '2027 Q2', '--from', '2027-04-01', '--to', '2027-06-30', '--next', '2027-09-30'], io);
    expect(lines.at(-1)).toMatch(/^kudzu: started the draft audit “2027 Q2” \(.+\); open it in the app/);
    await expect(auditCommand(['start', '--db', cli.file, '--area', cli.quietAreaId, '--label', '2027 Q3', '--from', '2027-07-01', '--to', '2027-06-30', '--next', '2027-09-30'], io)).rejects.toThrow(/period\.end must be on or after period\.start/);
  });

  it('refuses a report with neither an id nor --latest, and a bad audience', async () => {
    await expect(auditCommand(['report', '--db', cli.file, '--as', 'public', '--format', 'json', '--out', join(cli.directory, 'x.json')], io)).rejects.toThrow(/an audit id or --latest/);
    await expect(auditCommand(['report', '--latest', '--db', cli.file, '--as', 'steward', '--format', 'json', '--out', join(cli.directory, 'x.json')], io)).rejects.toThrow(/--as must be public or member/);
  });
});
