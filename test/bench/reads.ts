/**
 * Expensive public reads under load: 300 concurrent clients (each its own address, through
 * a trusted proxy) ask a real server for `audits.report` of the demo's latest published
 * audit and for `challenges.list`. The server runs in a process of its own
 * (readsServer.ts), so the clients here do not take its event loop; on a 2-core machine the
 * two processes still share the cores with everything else running. Each figure is printed
 * beside baselines measured in the same run, against the same server process:
 * - a trivial endpoint (`/api/config`, no database), the floor of this machine and load;
 * - `audits.report`, presented once per audience and privacy generation, beside the same
 *   server with its caches off (the report rebuilt from every published snapshot each time);
 * - `challenges.list`, served from one serialized body per audience and privacy generation,
 *   beside the same list computed on every request and beside the list computed as before
 *   (every published audit's row read whole, snapshot and all).
 *
 * Beside latency and throughput, each run prints the server process's CPU time per request,
 * which the load of a shared machine moves far less than latency.
 *
 * KUDZU_BENCH_PROFILE=<dir> writes a CPU profile of the server process there (node --cpu-prof).
 */
import { Agent, get } from 'node:http';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { databaseKinds, type DatabaseKind } from '../helpers/databases';
import type { ReadsServerReady } from './readsServer';
import { percentile, serverCpuSeconds, type BenchRow } from './types';

const CLIENTS = 300;
const ROUNDS = 2;

/** One GET over a client's own kept-alive connection; resolves when the whole body has arrived. */
function request(url: string, agent: Agent, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
      response.on('error', (error) => reject(new Error(`${url}: ${error.message}`)));
    }).on('error', (error) => reject(new Error(`${url}: ${error.message}`)));
  });
}

interface Load { latencies: number[]; perSecond: number; serverCpuPerRequest: number }

/** CLIENTS clients at once, each on its own connection, asking ROUNDS times in a row; every latency in ms. */
async function underLoad(server: ServerProcess, url: string): Promise<Load> {
  const cpuBefore = await server.cpu();
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // Like a browser, each client accepts gzip; latency is to the last byte, before any inflating.
    const headers = { 'X-Forwarded-For': `10.${Math.floor(client / 250)}.${client % 250}.1`, 'Accept-Encoding': 'gzip' };
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
  const perSecond = (CLIENTS * ROUNDS) / ((performance.now() - started) / 1000);
  return { latencies, perSecond, serverCpuPerRequest: (await server.cpu() - cpuBefore) / (CLIENTS * ROUNDS) };
}

/** The server process for one database kind: where it listens, its CPU time so far (ms), and a way to stop it. */
interface ServerProcess { ready: ReadsServerReady; cpu: () => Promise<number>; stop: () => Promise<void> }

async function startServer(kind: DatabaseKind): Promise<ServerProcess> {
  const profile = process.env.KUDZU_BENCH_PROFILE;
  const child = fork(fileURLToPath(new URL('./readsServer.ts', import.meta.url)), [kind], {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
  });
  const ready = await new Promise<ReadsServerReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ReadsServerReady));
    child.once('exit', (code) => reject(new Error(`the bench server for ${kind} exited (${code}) before it was ready`)));
  });
  return {
    ready,
    cpu: () => serverCpuSeconds(child),
    stop: async () => {
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}

/** p99, p50, throughput and the server's CPU time per request of one endpoint, each beside the same figure of a baseline. */
function rows(name: string, measured: Load, baseline: { name: string; load: Load }, budget?: string): BenchRow[] {
  return [
    { name: `${name}, p99`, value: percentile(measured.latencies, 99), unit: 'ms', budget, baseline: { name: baseline.name, value: percentile(baseline.load.latencies, 99) } },
    { name: `${name}, p50`, value: percentile(measured.latencies, 50), unit: 'ms', baseline: { name: baseline.name, value: percentile(baseline.load.latencies, 50) } },
    { name: `${name}, throughput`, value: measured.perSecond, unit: 'req/s', higherIsBetter: true, baseline: { name: baseline.name, value: baseline.load.perSecond } },
    { name: `${name}, server CPU per request`, value: measured.serverCpuPerRequest, unit: 'ms', baseline: { name: baseline.name, value: baseline.load.serverCpuPerRequest } },
  ];
}

async function benchDatabase(kind: DatabaseKind): Promise<BenchRow[]> {
  const server = await startServer(kind);
  const { ready, stop } = server;
  try {
    const report = `/trpc/audits.report?input=${encodeURIComponent(JSON.stringify({ auditId: ready.latestAuditId }))}`;
    const list = '/trpc/challenges.list';
    // The same answers every way, or the comparison means nothing.
    const [newReport, oldReport] = await Promise.all([fetch(ready.cached + report).then((r) => r.json()), fetch(ready.uncached + report).then((r) => r.json())]);
    if (!isDeepStrictEqual(newReport, oldReport)) throw new Error('the kept report differs from the rebuilt one');
    const lists = await Promise.all([fetch(ready.cached + list), fetch(ready.uncached + list), fetch(ready.oldList)].map((answer) => answer.then((r) => r.json())));
    if (!lists.every((answer) => isDeepStrictEqual(answer, lists[0]))) throw new Error('challenges.list differs between the kept, the recomputed and the old way');

    // The kept answers first, each right after the floor (the load of a shared machine drifts
    // by the minute), then the slow baselines.
    const floorBeforeReport = await underLoad(server, `${ready.cached}/api/config`);
    const reportNew = await underLoad(server, ready.cached + report);
    const floorBeforeList = await underLoad(server, `${ready.cached}/api/config`);
    const listNew = await underLoad(server, ready.cached + list);
    const listUncached = await underLoad(server, ready.uncached + list);
    const listOld = await underLoad(server, ready.oldList);
    const reportOld = await underLoad(server, ready.uncached + report);
    const load = `${kind}, ${CLIENTS} concurrent clients × ${ROUNDS}`;
    const floor = 'the floor: /api/config (no database) on the same server, just before';
    return [
      ...rows(`audits.report, ${load} (presented once per audience and generation)`, reportNew, { name: 'rebuilt on every request (caches off)', load: reportOld }, '< 200 ms'),
      ...rows(`audits.report, ${kind}`, reportNew, { name: floor, load: floorBeforeReport }),
      ...rows(`challenges.list, ${load} (one body per audience and generation)`, listNew, { name: 'every published audit read whole (before)', load: listOld }, '< 200 ms'),
      ...rows(`challenges.list, ${kind}`, listNew, { name: 'computed from summaries on every request (caches off)', load: listUncached }),
      ...rows(`challenges.list, ${kind}`, listNew, { name: floor, load: floorBeforeList }),
    ];
  } finally {
    await stop();
  }
}

export async function readBenchmarks(): Promise<BenchRow[]> {
  const all: BenchRow[] = [];
  for (const kind of await databaseKinds()) all.push(...(await benchDatabase(kind)));
  return all;
}
