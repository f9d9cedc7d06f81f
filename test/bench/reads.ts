/**
 * Expensive public reads under load: 300 concurrent clients (each its own address, through
 * a trusted proxy) ask a real server for `audits.report` of the demo's latest published
 * audit and for `challenges.list`. Each figure is printed beside today's way of computing it,
 * measured in the same run on the same database:
 * - `audits.report`, presented once per audience and privacy generation, beside the same
 *   server with that cache off (the report rebuilt from every published snapshot each time);
 * - `challenges.list`, reading audit summaries, beside the same list computed as before
 *   (every published audit's row read whole, snapshot and all), served over HTTP alike.
 */
import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { createApp } from '../../server/http/app';
import { parseBasemap } from '../../server/http/basemap';
import { createServices } from '../../server/services';
import { repositories } from '../../server/repositories';
import { loadDemo } from '../../server/demo/loadDemo';
import { loadDemoAudits } from '../../server/demo/demoAudits';
import { audienceFor } from '../../server/privacy/audience';
import { presentChallenge, type ChallengeView } from '../../server/privacy/auditPresenter';
import { challengeRecordOf } from '../../server/services/auditRows';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { percentile, type BenchRow } from './types';

const CLIENTS = 300;
const ROUNDS = 2;
const NOW = new Date('2026-11-21T12:00:00Z');

async function listening(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}

/** One GET over a client's own kept-alive connection; resolves when the whole body has arrived. */
function request(url: string, agent: Agent, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** CLIENTS clients at once, each on its own connection, asking ROUNDS times in a row; every latency in ms. */
async function underLoad(url: string): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { 'X-Forwarded-For': `10.${Math.floor(client / 250)}.${client % 250}.1` };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const start = performance.now();
        await request(url, agent, headers);
        latencies.push(performance.now() - start);
      }
    } finally {
      agent.destroy();
    }
  }));
  return { latencies, perSecond: (CLIENTS * ROUNDS) / ((performance.now() - started) / 1000) };
}

/** challenges.list for the public as it was computed before: every published audit read whole. */
async function challengesTheOldWay(database: TestDatabase): Promise<ChallengeView[]> {
  const repos = repositories(database.db);
  const audience = audienceFor('public');
  const published = new Set((await repos.audits.list({ statuses: ['published'] })).map((audit) => audit.id));
  const rows = (await repos.challenges.list({ tiers: audience.tiers })).filter((row) => published.has(row.audit_id));
  const visibleGroups = new Set((await repos.groups.list(audience)).map((group) => group.id));
  return rows.map((row) => presentChallenge(challengeRecordOf(row), audience, visibleGroups)).filter((view): view is ChallengeView => view !== null);
}

async function benchDatabase(database: TestDatabase): Promise<BenchRow[]> {
  await loadDemo(database.db, NOW);
  await loadDemoAudits(database.db, NOW);
  const [latest] = await repositories(database.db).audits.summaries({ statuses: ['published'] });
  const basemap = parseBasemap(undefined);
  const cached = createApp({ services: createServices(database.db), basemap, trustedProxies: ['127.0.0.1'] });
  const uncached = createApp({ services: createServices(database.db, { presentationCache: false }), basemap, trustedProxies: ['127.0.0.1'], presentedBodies: false });
  const oldList = createServer((_request, response) => {
    challengesTheOldWay(database).then((data) => {
      const text = JSON.stringify({ result: { data } });
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      response.end(text);
    }, (error: unknown) => { response.writeHead(500); response.end(String(error)); });
  });
  const [cachedBase, uncachedBase, oldListBase] = [await listening(cached), await listening(uncached), await listening(oldList)];
  try {
    const report = `/trpc/audits.report?input=${encodeURIComponent(JSON.stringify({ auditId: latest.id }))}`;
    const list = '/trpc/challenges.list';
    // The same answers both ways, or the comparison means nothing.
    const [newReport, oldReport] = await Promise.all([fetch(cachedBase + report).then((r) => r.json()), fetch(uncachedBase + report).then((r) => r.json())]);
    if (!isDeepStrictEqual(newReport, oldReport)) throw new Error('the kept report differs from the rebuilt one');
    const [newList, oldListAnswer] = await Promise.all([fetch(cachedBase + list).then((r) => r.json()), fetch(oldListBase).then((r) => r.json())]);
    if (!isDeepStrictEqual(newList, oldListAnswer)) throw new Error('challenges.list differs from the list computed the old way');

    const reportOld = await underLoad(uncachedBase + report);
    const reportNew = await underLoad(cachedBase + report);
    const listOld = await underLoad(oldListBase);
    const listNew = await underLoad(cachedBase + list);
    const load = `${CLIENTS} concurrent clients × ${ROUNDS}`;
    return [
      { name: `audits.report p99, ${database.kind}, ${load} (presented once per audience)`, value: percentile(reportNew.latencies, 99), unit: 'ms', budget: '< 200 ms', baseline: { name: 'rebuilt on every request (today), p99', value: percentile(reportOld.latencies, 99) } },
      { name: `audits.report p50, ${database.kind}`, value: percentile(reportNew.latencies, 50), unit: 'ms', baseline: { name: 'rebuilt on every request, p50', value: percentile(reportOld.latencies, 50) } },
      { name: `audits.report throughput, ${database.kind}`, value: reportNew.perSecond, unit: 'req/s', baseline: { name: 'rebuilt on every request', value: reportOld.perSecond } },
      { name: `challenges.list p99, ${database.kind}, ${load} (audit summaries)`, value: percentile(listNew.latencies, 99), unit: 'ms', budget: '< 200 ms', baseline: { name: 'every published audit read whole (today), p99', value: percentile(listOld.latencies, 99) } },
      { name: `challenges.list p50, ${database.kind}`, value: percentile(listNew.latencies, 50), unit: 'ms', baseline: { name: 'every published audit read whole, p50', value: percentile(listOld.latencies, 50) } },
      { name: `challenges.list throughput, ${database.kind}`, value: listNew.perSecond, unit: 'req/s', baseline: { name: 'every published audit read whole', value: listOld.perSecond } },
    ];
  } finally {
    await Promise.all([closed(cached), closed(uncached), closed(oldList)]);
  }
}

export async function readBenchmarks(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const kind of await databaseKinds()) {
    const database = await openTestDatabase(kind);
    try {
      rows.push(...(await benchDatabase(database)));
    } finally {
      await database.dispose();
    }
  }
  return rows;
}
