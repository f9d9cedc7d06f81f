/**
 * GET /api/capsule over real HTTP and `kudzu capsule` on the command line: a published audit
 * as one HTML file, drafts and unknown audits refused with one clear sentence.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capsuleCommand } from '../../server/cli/capsuleCommand';
import { servedAuditsPerFile } from '../helpers/perFile';

describe('time capsules over HTTP and on the command line', () => {
  const served = servedAuditsPerFile('sqlite', 'kudzu-capsule-api-');

  it('gives anyone the published audit as an HTML download with its tally and challenge and no hidden name', async () => {
    const response = await fetch(`${served.base}/api/capsule?audit=${served.publishedId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="mission-flats-.*-time-capsule\.html"/);
    const html = await response.text();
    expect(html).toContain('<span class="count">73</span> families housed without landlords');
    expect(html).toContain('Open a second pantry');
    expect(html).not.toContain('Members Fridge');
    expect(html).not.toContain('Safe House');
    expect(html).not.toContain('Quiet Tenants');
  });

  it('refuses the public a draft as if it did not exist, and an unknown or missing audit', async () => {
    const draft = await fetch(`${served.base}/api/capsule?audit=${served.draftId}`);
    expect(draft.status).toBe(404);
    expect((await draft.json()).error.message).toBe(`no audit with id ${served.draftId}`);
    const unknown = await fetch(`${served.base}/api/capsule?audit=nope`);
    expect(unknown.status).toBe(404);
    const missing = await fetch(`${served.base}/api/capsule`);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toContain('name the audit for the time capsule');
  });

  it('writes the latest published audit with `kudzu capsule`, and refuses a draft or an unknown audit in one line, writing nothing', async () => {
    const out = join(served.directory, '2026-q3.html');
    const lines: string[] = [];
    await capsuleCommand(['--db', served.file!, '--latest', '--out', out], { log: (line) => lines.push(line) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^kudzu: wrote the time capsule of audit ${served.publishedId} \\(\\d+ KB\\) to ${out}$`));
    expect(readFileSync(out, 'utf8')).toContain('families housed without landlords');
    const refused = join(served.directory, 'draft.html');
    await expect(capsuleCommand(['--db', served.file!, '--audit', served.draftId, '--out', refused], { log: () => {} })).rejects.toThrow(`audit ${served.draftId} is not published; only a published audit can go in a time capsule`);
    await expect(capsuleCommand(['--db', served.file!, '--audit', 'nope', '--out', refused], { log: () => {} })).rejects.toThrow('no audit with id nope');
    await expect(capsuleCommand(['--db', served.file!, '--out', refused], { log: () => {} })).rejects.toThrow('capsule needs --audit <id> or --latest');
    expect(existsSync(refused)).toBe(false);
  });
});
