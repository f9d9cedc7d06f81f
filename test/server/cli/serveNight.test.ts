/** `kudzu serve --host 0.0.0.0` prints where phones on the local network join each open audit night. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lanOrigins } from '../../../server/cli/serveCommand';
import { openDatabase, migrateToLatest } from '../../../server/db/database';
import { repositories } from '../../../server/repositories';
import { seedNetwork } from '../../api/fixtures';
import { stageAudit } from '../../api/auditFixtures';
import { repoRoot } from '../../helpers/sharedData';

const interfaces = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  wlan0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }, { address: 'fe80::1', family: 'IPv6', internal: false }],
  eth0: [{ address: '10.0.0.5', family: 'IPv4', internal: false }],
} as unknown as Parameters<typeof lanOrigins>[2];

describe('the addresses phones join at', () => {
  it('are every non-loopback IPv4 address for 0.0.0.0', () => {
    expect(lanOrigins('0.0.0.0', 8787, interfaces)).toEqual(['http://192.168.1.20:8787', 'http://10.0.0.5:8787']);
  });

  it('are the one address given, and none on loopback', () => {
    expect(lanOrigins('192.168.1.20', 9000, interfaces)).toEqual(['http://192.168.1.20:9000']);
    expect(lanOrigins('127.0.0.1', 8787, interfaces)).toEqual([]);
  });
});

describe('kudzu serve --host 0.0.0.0 with an open audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kudzu-serve-night-'));
  const file = join(dir, 'kudzu.sqlite');
  let output = '';

  beforeAll(async () => {
    const database = openDatabase(file);
    await migrateToLatest(database.db);
    await repositories(database.db).taxonomy.seed();
    const { services } = await seedNetwork(database.db);
    await stageAudit(services);
    await database.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve', '--db', file, '--port', '0', '--host', '0.0.0.0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', PORT: '' } });
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const started = Date.now();
    while (!/phones join at/.test(output) && Date.now() - started < 60_000 && child.exitCode === null) await new Promise((done) => setTimeout(done, 100));
    child.kill('SIGTERM');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints each LAN address and the open audit night’s join link', () => {
    const lan = lanOrigins('0.0.0.0', 1);
    if (lan.length === 0) {
      expect(output).toMatch(/audit night “Staged \d+”: phones join at http:\/\/localhost:\d+\/n\/[a-z0-9]{6} {2}\(this machine only/);
      return;
    }
    const host = new URL(lan[0]).hostname;
    expect(output).toContain(`kudzu: on the local network: http://${host}:`);
    expect(output).toMatch(new RegExp(`audit night “Staged \\d+”: phones join at http://${host.replace(/\./g, '\\.')}:\\d+/n/[a-z0-9]{6}\\n`));
  });
});
