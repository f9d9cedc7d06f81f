import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededFilePerFile } from '../helpers/perFile';
import { callerAs } from './fixtures';
import { federationCommand } from '../../server/cli/federationCommand';

describe('the federation command line', () => {
  const lines: string[] = [];
  const io = { log: (line: string) => lines.push(line) };
  const cli = seededFilePerFile('kudzu-federation-cli-', async (seeded) => {
    const steward = callerAs(seeded.services, 'steward');
    const kitchen = await steward.groups.create({ name: 'Community Kitchen', domains: ['food'], produces: ['food'] });
    const coop = await steward.groups.create({ name: 'Food Co-op', domains: ['food'], imports: [{ flow: 'food', from: 'shops' }] });
    await steward.links.create({ fromGroupId: kitchen.id, toGroupId: seeded.commons.id, kind: 'shared_members' });
    return { coopId: coop.id, appAnswer: await callerAs(seeded.services, 'member').federation.recommend({ groupId: coop.id, top: 3 }) as unknown };
  });

  it('writes the same recommendations the app gives, as JSON', async () => {
    const out = join(cli.directory, 'recommend.json');
    await federationCommand(['recommend', '--db', cli.file, '--group', cli.coopId, '--top', '3', '--as', 'member', '--format', 'json', '--out', out], io);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(cli.appAnswer);
    expect(lines.at(-1)).toMatch(/^kudzu: wrote \d recommendations? for the member audience to /);
  });

  it('writes Markdown with every part of every score', async () => {
    const out = join(cli.directory, 'recommend.md');
    await federationCommand(['recommend', '--db', cli.file, '--top', '5', '--as', 'public', '--format', 'md', '--out', out], io);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# Which pact to make next');
    expect(text).toMatch(/\| Imports replaced \| 0\.5 × 2 \| 1 \| Community Kitchen produces food that Food Co-op now gets from shops/);
    expect(text).not.toContain('Quiet Tenants');
  });

  it('refuses an unknown group, naming the field', async () => {
    await expect(federationCommand(['recommend', '--db', cli.file, '--group', 'nobody', '--as', 'member', '--format', 'json', '--out', join(cli.directory, 'x.json')], io))
      .rejects.toThrow('groupId: no group with id nobody');
  });

  it('refuses an audience it does not know', async () => {
    await expect(federationCommand(['recommend', '--db', cli.file, '--as', 'auditor-ish', '--format', 'json', '--out', join(cli.directory, 'x.json')], io))
      .rejects.toThrow('--as must be public, member or steward');
  });
});
