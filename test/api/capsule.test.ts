/**
 * GET /api/capsule over real HTTP and `kudzu capsule` on the command line: a published audit
 * as one HTML file, drafts and unknown audits refused with one clear sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capsuleCommand } from '../../server/cli/capsuleCommand';
import { openTestDatabase, type TestDatabase } from '../helpers/databases';
import { serveSeededAudits, stop, type ServedAudits } from './httpHelpers';

describe('time capsules over HTTP and on the command line', () => {
  let database: TestDatabase;
  let served: ServedAudits;
  let directory: string;
  let file: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'kudzu-capsule-api-'));
    file = join(directory, 'capsule.sqlite');
    database = await openTestDatabase('sqlite', { file });
    served = await serveSeededAudits(database.db);
  }, 120_000);
  afterAll(async () => {
    await stop(served?.server);
    await database?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

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
    const out = join(directory, '2026-q3.html');
    const lines: string[] = [];
    await capsuleCommand(['--db', file, '--latest', '--out', out], { log: (line) => lines.push(line) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^kudzu: wrote the time capsule of audit ${served.publishedId} \\(\\d+ KB\\) to ${out}$`));
    expect(readFileSync(out, 'utf8')).toContain('families housed without landlords');
    const refused = join(directory, 'draft.html');
    await expect(capsuleCommand(['--db', file, '--audit', served.draftId, '--out', refused], { log: () => {} })).rejects.toThrow(`audit ${served.draftId} is not published; only a published audit can go in a time capsule`);
    await expect(capsuleCommand(['--db', file, '--audit', 'nope', '--out', refused], { log: () => {} })).rejects.toThrow('no audit with id nope');
    await expect(capsuleCommand(['--db', file, '--out', refused], { log: () => {} })).rejects.toThrow('capsule needs --audit <id> or --latest');
    expect(existsSync(refused)).toBe(false);
  });
});
