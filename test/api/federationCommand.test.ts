import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs, seedNetwork } from './fixtures';
import { federationCommand } from '../../server/cli/federationCommand';

describe('the federation command line', () => {
  let directory: string;
  let file: string;
  let database: TestDatabase;
  let coopId: string;
  let appAnswer: unknown;
  const lines: string[] = [];
  const io = { log: (line: string) => lines.push(line) };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'kudzu-federation-cli-'));
    file = join(directory, 'kudzu.sqlite');
    database = await openTestDatabase('sqlite', { file });
    const seeded = await seedNetwork(database.db);
    const steward = callerAs(seeded.services, 'steward');
    const kitchen = await steward.groups.create({ name: 'Community Kitchen', domains: ['food'], produces: ['food'] });
    const coop = await steward.groups.create({ name: 'Food Co-op', domains: ['food'], imports: [{ flow: 'food', from: 'shops' }] });
    coopId = coop.id;
    await steward.links.create({ fromGroupId: kitchen.id, toGroupId: seeded.commons.id, kind: 'shared_members' });
    appAnswer = await callerAs(seeded.services, 'member').federation.recommend({ groupId: coop.id, top: 3 });
    await database.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes the same recommendations the app gives, as JSON', async () => {
    const out = join(directory, 'recommend.json');
    await federationCommand(['recommend', '--db', file, '--group', coopId, '--top', '3', '--as', 'member', '--format', 'json', '--out', out], io);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(appAnswer);
    expect(lines.at(-1)).toMatch(/^kudzu: wrote \d recommendations? for the member audience to /);
  });

  it('writes Markdown with every part of every score', async () => {
    const out = join(directory, 'recommend.md');
    await federationCommand(['recommend', '--db', file, '--top', '5', '--as', 'public', '--format', 'md', '--out', out], io);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# Which pact to make next');
    expect(text).toMatch(/\| Imports replaced \| 0\.5 × 2 \| 1 \| Community Kitchen produces food that Food Co-op now gets from shops/);
    expect(text).not.toContain('Quiet Tenants');
  });

  it('refuses an unknown group, naming the field', async () => {
    await expect(federationCommand(['recommend', '--db', file, '--group', 'nobody', '--as', 'member', '--format', 'json', '--out', join(directory, 'x.json')], io))
      .rejects.toThrow('groupId: no group with id nobody');
  });

  it('refuses an audience it does not know', async () => {
    await expect(federationCommand(['recommend', '--db', file, '--as', 'auditor-ish', '--format', 'json', '--out', join(directory, 'x.json')], io))
      .rejects.toThrow('--as must be public, member or steward');
  });
});
