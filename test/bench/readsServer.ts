/**
 * The server side of `npm run bench -- reads`, in a process of its own so the 300 clients
 * (in the parent) and the server do not share one event loop. Started by reads.ts with the
 * database kind; loads the demo into a throwaway database, listens, and says where over IPC:
 * - `cached`: the app as it runs (presented once per audience and privacy generation);
 * - `uncached`: the same app with the presentation and body caches off (the report rebuilt
 *   from every published snapshot on each request, challenges.list computed on each request);
 * - `oldList`: challenges.list as it was computed before summaries (every published audit
 *   read whole, snapshot and all).
 * Answers `cpu` with its CPU time so far; stops, closing the servers and dropping the
 * database, when the parent says `stop`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/http/app';
import { parseBasemap } from '../../server/http/basemap';
import { createServices } from '../../server/services';
import { repositories } from '../../server/repositories';
import { audienceFor } from '../../server/privacy/audience';
import { presentChallenge, type ChallengeView } from '../../server/privacy/auditPresenter';
import { challengeRecordOf } from '../../server/services/auditRows';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../helpers/databases';

const NOW = new Date('2026-11-21T12:00:00Z');

export interface ReadsServerReady {
  cached: string;
  uncached: string;
  oldList: string;
  latestAuditId: string;
}

async function listening(server: Server): Promise<string> {
  // The uncached baseline blocks the event loop for seconds at a time; with Node's 5 s
  // keep-alive timer a client's next request can race the socket's closing (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  // A backlog as large as the load, so 300 connections opening at once are all queued.
  await new Promise<void>((done) => server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}

/** challenges.list for the public as it was computed before: every published audit read whole. */
async function challengesTheOldWay(database: TestDatabase): Promise<ChallengeView[]> {
  const repos = repositories(database.db);
  const audience = audienceFor('public');
  const published = new Set((await repos.audits.list({ statuses: ['published'] })).map((audit) => audit.id));
  const rows = (await repos.challenges.list({ tiers: audience.tiers })).filter((row) => published.has(row.challenge.auditId));
  const visibleGroups = new Set((await repos.groups.list(audience)).map((group) => group.id));
  return rows.map((row) => presentChallenge(challengeRecordOf(row), audience, visibleGroups)).filter((view): view is ChallengeView => view !== null);
}

async function main(kind: DatabaseKind): Promise<void> {
  const database = await openTestDatabase(kind);
  await createServices(database.db).demo.load(NOW);
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
  const servers = [cached, uncached, oldList];
  const ready: ReadsServerReady = { cached: await listening(cached), uncached: await listening(uncached), oldList: await listening(oldList), latestAuditId: latest.id };
  process.on('message', (message) => {
    // The server's CPU time so far (user + system, µs): per request, a figure the machine's load barely moves.
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpu: user + system });
      return;
    }
    if (message !== 'stop') return;
    Promise.all(servers.map(closed)).then(() => database.dispose()).then(() => process.exit(0), (error: unknown) => {
      console.error(`bench server: ${String(error)}`);
      process.exit(1);
    });
  });
  process.send?.(ready);
}

main(process.argv[2] as DatabaseKind).catch((error: unknown) => {
  console.error(`bench server: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
