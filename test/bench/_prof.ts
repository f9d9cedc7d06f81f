import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
function request(url: string, agent: Agent, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (response) => { response.on('data', () => undefined); response.on('end', () => resolve()); }).on('error', reject);
  });
}
async function load(url: string, clients = 300, rounds = 4) {
  const t = performance.now(); const lat: number[] = [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let r = 0; r < rounds; r++) { const s = performance.now(); await request(url, agent, { 'X-Forwarded-For': `10.${Math.floor(c / 250)}.${c % 250}.1`, 'Accept-Encoding': 'gzip' }); lat.push(performance.now() - s); }
    agent.destroy();
  }));
  lat.sort((a, b) => a - b);
  return `${url.slice(22, 50)} p50 ${lat[Math.floor(lat.length / 2)].toFixed(0)} p99 ${lat[Math.floor(lat.length * 0.99)].toFixed(0)} ${(clients * rounds / ((performance.now() - t) / 1000)).toFixed(0)}/s`;
}
const kind = process.argv[2];
const child = fork(new URL('./readsServer.ts', import.meta.url).pathname, [kind], { execArgv: ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/readsprof'] });
child.once('message', async (m: any) => {
  const report = `/trpc/audits.report?input=${encodeURIComponent(JSON.stringify({ auditId: m.latestAuditId }))}`;
  await fetch(m.cached + report); await fetch(m.cached + '/trpc/challenges.list');
  for (let i = 0; i < 2; i++) {
    console.log(await load(m.cached + '/api/config'));
    console.log(await load(m.cached + report));
    console.log(await load(m.cached + '/trpc/challenges.list'));
  }
  child.send('stop');
});
