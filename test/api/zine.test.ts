/**
 * GET /api/zine over real HTTP and `kudzu zine` on the command line: who may print which
 * audit, the draft watermark, the preview pages, bad requests, and a PDF that is all vector
 * with its fonts embedded — on SQLite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zineCommand } from '../../server/cli/zineCommand';
import { databaseKinds, openTestDatabase } from '../helpers/databases';
import { seedNetwork } from './fixtures';
import { signIn } from './httpHelpers';
import { servedAuditsPerFile } from '../helpers/perFile';
import { stageAudit } from './auditFixtures';

const kinds = await databaseKinds();
const NOW = new Date('2026-11-21T12:00:00Z');

describe.each(kinds)('zines over HTTP on %s', (kind) => {
  const served = servedAuditsPerFile(kind, 'kudzu-zine-api-');
  let memberCookie: string;

  beforeAll(async () => {
    await served.services.auth.createUser('member@kudzu.example', 'Mo Member', 'a long member password', 'member', NOW);
    memberCookie = await signIn(served.base, 'member@kudzu.example', 'a long member password');
  });

  it('gives anyone the published audit’s zine as an all-vector PDF with its fonts embedded', async () => {
    const response = await fetch(`${served.base}/api/zine?audit=${served.publishedId}&format=pdf&layout=mini&paper=letter`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/mission-flats-.*-zine-mini-letter\.pdf/);
    const path = join(served.directory, 'mini.pdf');
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n');
    expect(images).toHaveLength(2); // the header and its rule: no image at all
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSans-Bold .* yes yes/);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
  });

  it('refuses the public a draft as if it did not exist, and gives a member the draft marked DRAFT', async () => {
    const refused = await fetch(`${served.base}/api/zine?audit=${served.draftId}&format=pdf`);
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.message).toContain(`no audit with id ${served.draftId}`);
    const preview = await fetch(`${served.base}/api/zine?audit=${served.draftId}&page=1`, { headers: { Cookie: memberCookie } });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('>DRAFT<');
  });

  it('previews one page as SVG with the published audit’s words and no hidden name', async () => {
    const response = await fetch(`${served.base}/api/zine?audit=${served.publishedId}&page=7&layout=booklet`);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await response.text();
    expect(svg).toContain('Open a second pantry');
    expect(svg).not.toContain('DRAFT');
    const all = await (await fetch(`${served.base}/api/zine?audit=${served.publishedId}&format=svg`)).text();
    expect(all).not.toContain('Members Fridge');
    expect(all).not.toContain('Safe House');
    expect(all).not.toContain('Quiet Tenants');
  });

  it('prints the live map’s address as the reader reached this server, not an internal name', async () => {
    const all = await (await fetch(`${served.base}/api/zine?audit=${served.publishedId}&format=svg`)).text();
    expect(all).toContain(`${served.base}/`);
    expect(all).not.toContain('kudzu.local');
  });

  it.each([
    ['paper=a3', 400, 'paper must be a4 or letter, not “a3”'],
    ['layout=poster', 400, 'layout must be pages, booklet or mini, not “poster”'],
    ['format=png', 400, 'format must be pdf or svg, not “png”'],
    ['page=9', 400, 'page must be a whole number from 1 to 8'],
  ])('answers %s with %i and says what is wrong', async (query, status, message) => {
    const response = await fetch(`${served.base}/api/zine?audit=${served.publishedId}&${query}`);
    expect(response.status).toBe(status);
    expect((await response.json()).error.message).toContain(message);
  });

});

describe('kudzu zine on the command line', () => {
  it('writes the latest published audit’s zine, and refuses an unknown layout or a missing audit', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'kudzu-zine-cli-'));
    const out = join(directory, 'cli.svg');
    const file = join(directory, 'cli.sqlite');
    const cli = await openTestDatabase('sqlite', { file });
    const seeded = await seedNetwork(cli.db);
    await stageAudit(seeded.services, 'published');
    await cli.dispose();
    const lines: string[] = [];
    await zineCommand(['--db', file, '--latest', '--format', 'svg', '--layout', 'booklet', '--paper', 'a4', '--no-red', '--out', out], { log: (line) => lines.push(line) });
    expect(lines[0]).toMatch(/^kudzu: wrote a 8-page zine on 4 sheet sides/);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('Mission Flats');
    expect(svg).not.toContain('#e4002b');
    await expect(zineCommand(['--db', file, '--latest', '--format', 'pdf', '--layout', 'poster', '--out', out], { log: () => {} })).rejects.toThrow('layout must be pages, booklet or mini, not “poster”');
    await expect(zineCommand(['--db', file, '--format', 'pdf', '--out', out], { log: () => {} })).rejects.toThrow('zine needs --audit <id> or --latest');
    rmSync(directory, { recursive: true, force: true });
  }, 60_000);
});
