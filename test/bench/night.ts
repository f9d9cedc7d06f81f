/**
 * `npm run bench -- night`: audit night under load. A real `kudzu serve` process (SQLite) and
 * N simulated phones, each with its own address (through a trusted proxy), its participant
 * cookie and an EventSource-style stream; one action per phone per 20 s (testimonies, and a
 * vote burst when the console opens the vote); a console approving testimonies as they come.
 * Printed for 300 and 1,000 phones, each beside the same load served by phones polling
 * `night.state` every 2 s instead of holding a stream. Then the server is killed (-9) in the
 * middle of a run and restarted: every acknowledged submission must be there and every phone
 * must resume from its last event.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import { openDatabase, migrateToLatest } from '../../server/db/database';
import { repositories } from '../../server/repositories';
import { seedNetwork, callerAs } from '../api/fixtures';
import { stageAudit } from '../api/auditFixtures';
import { parseFrames } from '../helpers/sse';
import { spawnServe } from '../helpers/serveProcess';
import { percentile, seededRandom, type BenchRow } from './types';

const ACTION_EVERY_MS = 20_000;
const RUN_MS = Number(process.env.KUDZU_BENCH_NIGHT_MS ?? 20_000);
const POLL_MS = 2000;

/**
 * Send as a phone's outbox does: the same key until the server answers (a kept-alive
 * connection the server just closed fails at once and is simply tried again).
 */
async function sendOnce(attempt: () => Promise<Answer>): Promise<Answer | null> {
  for (let tries = 0; tries < 4; tries++) {
    const answer = await attempt().catch(() => null);
    if (answer && answer.status < 500) return answer;
    await new Promise((done) => setTimeout(done, 100));
  }
  return null;
}

interface Served { child: ChildProcess; base: string; port: number }

async function serve(db: string, port = 0): Promise<Served> {
  const served = await spawnServe(['--db', db, '--port', String(port), '--no-demo', '--trusted-proxy', '127.0.0.1']);
  return { child: served.child, base: `http://127.0.0.1:${served.port}`, port: served.port };
}

async function stop(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (served.child.exitCode !== null) return;
  const exited = new Promise<void>((done) => served.child.once('exit', () => done()));
  served.child.kill(signal);
  await exited;
}

/** A fresh SQLite database with a small network, an open audit, two challenges and an auditor. */
async function prepare(): Promise<{ file: string; auditId: string; challengeIds: string[]; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'kudzu-bench-night-'));
  const file = join(dir, 'night.sqlite');
  const database = openDatabase(file);
  await migrateToLatest(database.db);
  await repositories(database.db).taxonomy.seed();
  const { services } = await seedNetwork(database.db);
  const staged = await stageAudit(services);
  const second = await callerAs(services, 'steward').challenges.create({ auditId: staged.audit.id, title: 'Open a tool library', location: { kind: 'area', areaId: staged.areaId } });
  await services.auth.createUser('auditor@bench.example', 'Bench Auditor', 'a long auditor password', 'auditor', new Date());
  await database.close();
  return { file, auditId: staged.audit.id, challengeIds: [staged.challengeId!, second.id], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface Answer { status: number; body: string; headers: IncomingMessage['headers'] }

function call(base: string, agent: Agent, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(`${base}${path}`, { method, agent, headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {}) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, headers: response.headers }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

interface Phone {
  index: number;
  address: string;
  cookie: string;
  agent: Agent;
  /** Arrival time of each approved testimony, by id. */
  seen: Map<string, number>;
  lastSeq: number;
  connected: boolean;
  reconnects: number;
  stream: { destroy: () => void } | null;
  voteOpenedAt: number | null;
}

interface RunFigures {
  /** Testimonies, told at one per phone per 20 s. */
  submitP50: number; submitP99: number;
  /** Votes, in the burst when the vote opens. */
  voteP50: number; voteP99: number;
  deliveryP50: number; deliveryP99: number;
  everyPhoneP50: number; everyPhoneP99: number;
  acknowledged: number; stored: number; pushed: number;
  votesAcknowledged: number; ballotsStored: number;
  errors: number;
  /** The load generator's own event-loop delay (p99, ms): when high, it inflates every figure. */
  generatorLagP99: number;
}

function openStream(base: string, phone: Phone, auditId: string, onEvent: (event: string, data: unknown, at: number) => void): void {
  const headers: Record<string, string> = { cookie: phone.cookie, 'X-Forwarded-For': phone.address, Accept: 'text/event-stream' };
  if (phone.lastSeq > 0) headers['Last-Event-ID'] = String(phone.lastSeq);
  const req = httpRequest(`${base}/api/night/events?audit=${auditId}`, { headers, agent: false }, (response) => {
    if (response.statusCode !== 200) {
      response.resume();
      retry();
      return;
    }
    phone.connected = true;
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      const { frames, rest } = parseFrames(buffer);
      buffer = rest;
      const at = performance.now();
      for (const frame of frames) {
        if (frame.id !== null && frame.event !== 'presence') phone.lastSeq = Math.max(phone.lastSeq, frame.id);
        onEvent(frame.event, frame.data, at);
      }
    });
    response.on('end', retry);
    response.on('error', retry);
  });
  let retried = false;
  function retry() {
    if (retried || phone.stream === null) return;
    retried = true;
    phone.connected = false;
    phone.reconnects += 1;
    setTimeout(() => {
      if (phone.stream) openStream(base, phone, auditId, onEvent);
    }, 300 + Math.random() * 700);
  }
  req.on('error', retry);
  req.end();
  phone.stream = { destroy: () => req.destroy() };
}

async function joinNight(base: string, phone: Phone, auditId: string): Promise<void> {
  const answer = await call(base, phone.agent, 'POST', '/trpc/night.join', { 'X-Forwarded-For': phone.address }, { auditId });
  if (answer.status !== 200) throw new Error(`join answered ${answer.status}: ${answer.body}`);
  phone.cookie = String(answer.headers['set-cookie']?.[0] ?? '').split(';')[0];
}

/**
 * One run: `count` phones, either holding streams ('stream') or polling night.state every 2 s
 * ('poll'), for RUN_MS; then every acknowledged testimony is approved and the run waits until
 * every phone has seen each (or gives up after 30 s).
 */
async function runNight(count: number, mode: 'stream' | 'poll', label: string): Promise<RunFigures> {
  const prepared = await prepare();
  const served = await serve(prepared.file);
  const { base } = served;
  const { auditId, challengeIds } = prepared;
  const random = seededRandom(count * (mode === 'stream' ? 7 : 11));
  const consoleAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  const login = await call(base, consoleAgent, 'POST', '/trpc/auth.login', { 'X-Forwarded-For': '10.255.255.1' }, { email: 'auditor@bench.example', password: 'a long auditor password' });
  const auditorCookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
  const consoleHeaders = { cookie: auditorCookie, 'X-Forwarded-For': '10.255.255.1' };

  const phones: Phone[] = Array.from({ length: count }, (_, index) => ({
    index, address: `10.${1 + Math.floor(index / 250)}.${index % 250}.${1 + (mode === 'poll' ? 100 : 0)}`, cookie: '', agent: new Agent({ keepAlive: true, maxSockets: 1 }),
    seen: new Map(), lastSeq: 0, connected: false, reconnects: 0, stream: null, voteOpenedAt: null,
  }));
  for (let start = 0; start < phones.length; start += 50) await Promise.all(phones.slice(start, start + 50).map((phone) => joinNight(base, phone, auditId)));

  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const submitLatencies: number[] = [];
  const voteLatencies: number[] = [];
  const approvedAt = new Map<string, number>();
  const acked: string[] = [];
  let votesAcked = 0;
  let errors = 0;
  let running = true;
  const prefix = `bench ${label} `;

  const vote = async (phone: Phone) => {
    const started = performance.now();
    const body = { key: `vote-${phone.index}-${Math.floor(random() * 1e9)}`, challengeId: challengeIds[Math.floor(random() * 2)] };
    const answer = await sendOnce(() => call(base, phone.agent, 'POST', '/trpc/night.vote', { cookie: phone.cookie, 'X-Forwarded-For': phone.address }, body));
    if (answer?.status === 200) {
      voteLatencies.push(performance.now() - started);
      votesAcked += 1;
    } else errors += 1;
  };

  const onEvent = (phone: Phone) => (event: string, data: unknown, at: number) => {
    if (event === 'testimony.approved') phone.seen.set((data as { testimony: { id: string } }).testimony.id, at);
    if (event === 'snapshot') for (const testimony of (data as { testimonies: { id: string }[] }).testimonies) if (!phone.seen.has(testimony.id)) phone.seen.set(testimony.id, at);
    if (event === 'vote.opened' && phone.voteOpenedAt === null) {
      phone.voteOpenedAt = at;
      setTimeout(() => void vote(phone), random() * 3000);
    }
  };

  // Screens: streams, or polls every 2 s.
  const pollers: ReturnType<typeof setInterval>[] = [];
  if (mode === 'stream') {
    for (const phone of phones) openStream(base, phone, auditId, onEvent(phone));
    const deadline = Date.now() + 60_000;
    while (phones.some((phone) => !phone.connected) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  } else {
    const input = encodeURIComponent(JSON.stringify({ auditId }));
    for (const phone of phones) {
      const poll = async () => {
        const answer = await call(base, phone.agent, 'GET', `/trpc/night.state?input=${input}`, { cookie: phone.cookie, 'X-Forwarded-For': phone.address }).catch(() => null);
        if (!answer || answer.status !== 200) return void (errors += 1);
        const at = performance.now();
        const state = (JSON.parse(answer.body) as { result: { data: { testimonies: { id: string }[]; vote: { status: string } } } }).result.data;
        for (const testimony of state.testimonies) if (!phone.seen.has(testimony.id)) phone.seen.set(testimony.id, at);
        if (state.vote.status === 'open' && phone.voteOpenedAt === null) {
          phone.voteOpenedAt = at;
          setTimeout(() => void vote(phone), random() * 3000);
        }
      };
      setTimeout(() => {
        void poll();
        pollers.push(setInterval(() => void poll(), POLL_MS));
      }, random() * POLL_MS);
    }
  }

  // Actions: one per phone per 20 s (a testimony), at random moments.
  const tell = async (phone: Phone, n: number) => {
    const started = performance.now();
    const body = { key: `t-${phone.index}-${n}-${label.replace(/\W/g, '')}`, text: `${prefix}phone ${phone.index} testimony ${n}`, consent: true };
    const answer = await sendOnce(() => call(base, phone.agent, 'POST', '/trpc/night.submitTestimony', { cookie: phone.cookie, 'X-Forwarded-For': phone.address }, body));
    if (answer?.status === 200) {
      submitLatencies.push(performance.now() - started);
      acked.push((JSON.parse(answer.body) as { result: { data: { id: string } } }).result.data.id);
    } else errors += 1;
  };
  const actions: Promise<void>[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  for (const phone of phones) {
    let n = 0;
    for (let at = random() * ACTION_EVERY_MS; at < RUN_MS; at += ACTION_EVERY_MS) {
      const which = n++;
      timers.push(setTimeout(() => { if (running) actions.push(tell(phone, which)); }, at));
    }
  }
  // The console: opens the vote halfway, approves what arrives, 4 a second.
  const approve = async (id: string) => {
    approvedAt.set(id, performance.now());
    const answer = await call(base, consoleAgent, 'POST', '/trpc/night.moderate', consoleHeaders, { id, kind: 'testimony', decision: 'approved' }).catch(() => null);
    if (answer?.status !== 200) errors += 1;
  };
  let approvedUpTo = 0;
  const approver = setInterval(() => {
    if (approvedUpTo < acked.length) void approve(acked[approvedUpTo++]);
  }, 250);
  timers.push(setTimeout(() => void call(base, consoleAgent, 'POST', '/trpc/night.openVote', consoleHeaders, { auditId, challengeIds }), RUN_MS / 2));

  await new Promise((done) => setTimeout(done, RUN_MS));
  running = false;
  for (const timer of timers) clearTimeout(timer);
  await Promise.all(actions);
  clearInterval(approver);
  // The rest, a few at a time (as several moderators would).
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (approvedUpTo < acked.length) await approve(acked[approvedUpTo++]);
  }));
  // Wait until every phone has seen every approved testimony (a poll takes up to 2 s).
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !acked.every((id) => phones.every((phone) => phone.seen.has(id)))) await new Promise((done) => setTimeout(done, 200));

  for (const poller of pollers) clearInterval(poller);
  for (const phone of phones) {
    const stream = phone.stream;
    phone.stream = null;
    stream?.destroy();
    phone.agent.destroy();
  }
  consoleAgent.destroy();

  lag.disable();
  const deliveries: number[] = [];
  const everyPhone: number[] = [];
  for (const id of acked) {
    const sent = approvedAt.get(id)!;
    let worst = 0;
    for (const phone of phones) {
      const at = phone.seen.get(id);
      if (at === undefined) continue;
      deliveries.push(at - sent);
      worst = Math.max(worst, at - sent);
    }
    everyPhone.push(worst);
  }
  const db = new Sqlite(prepared.file, { readonly: true });
  const stored = (db.prepare('select count(*) as n from audit_testimonies where text like ?').get(`${prefix}%`) as { n: number }).n;
  const ballots = (db.prepare('select count(*) as n from night_ballots where audit_id = ?').get(auditId) as { n: number }).n;
  db.close();
  await stop(served);
  prepared.cleanup();
  return {
    submitP50: percentile(submitLatencies, 50), submitP99: percentile(submitLatencies, 99),
    voteP50: percentile(voteLatencies, 50), voteP99: percentile(voteLatencies, 99),
    deliveryP50: percentile(deliveries, 50), deliveryP99: percentile(deliveries, 99),
    everyPhoneP50: percentile(everyPhone, 50), everyPhoneP99: percentile(everyPhone, 99),
    acknowledged: acked.length, stored, pushed: acked.filter((id) => phones.every((phone) => phone.seen.has(id))).length,
    votesAcknowledged: votesAcked, ballotsStored: ballots, errors,
    generatorLagP99: lag.percentile(99) / 1e6,
  };
}

/** kill -9 in the middle of a run, restart on the same database and port: nothing acknowledged is lost, every phone resumes. */
async function killAndRestart(count: number): Promise<{ acknowledged: number; stored: number; missing: number; resumed: number; phones: number; gaps: number }> {
  const prepared = await prepare();
  let served = await serve(prepared.file);
  const { base, port } = served;
  const { auditId } = prepared;
  const phones: Phone[] = Array.from({ length: count }, (_, index) => ({
    index, address: `10.200.${index % 250}.${1 + Math.floor(index / 250)}`, cookie: '', agent: new Agent({ keepAlive: false }),
    seen: new Map(), lastSeq: 0, connected: false, reconnects: 0, stream: null, voteOpenedAt: null,
  }));
  for (let start = 0; start < phones.length; start += 50) await Promise.all(phones.slice(start, start + 50).map((phone) => joinNight(base, phone, auditId)));
  const seqs = new Map<Phone, number[]>(phones.map((phone) => [phone, []]));
  for (const phone of phones) {
    openStream(base, phone, auditId, (event, data, at) => {
      if (event === 'testimony.approved') {
        phone.seen.set((data as { testimony: { id: string } }).testimony.id, at);
        seqs.get(phone)!.push((data as { seq: number }).seq);
      }
      if (event === 'snapshot') seqs.get(phone)!.push(...(data as { testimonies: unknown[] }).testimonies.map(() => -1));
    });
  }
  while (phones.some((phone) => !phone.connected)) await new Promise((done) => setTimeout(done, 100));
  const login = await call(base, new Agent(), 'POST', '/trpc/auth.login', {}, { email: 'auditor@bench.example', password: 'a long auditor password' });
  const auditor = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
  const acked: string[] = [];
  let killed = false;
  const tells = phones.map(async (phone) => {
    for (let n = 0; n < 4; n++) {
      await new Promise((done) => setTimeout(done, Math.random() * 1500));
      const key = `kill-${phone.index}-${n}`;
      // A phone retries until acknowledged, with the same key (as the outbox does).
      for (let tries = 0; tries < 40; tries++) {
        const answer = await call(`http://127.0.0.1:${port}`, phone.agent, 'POST', '/trpc/night.submitTestimony', { cookie: phone.cookie, 'X-Forwarded-For': phone.address }, { key, text: `kill test ${phone.index} ${n}`, consent: true }).catch(() => null);
        if (answer?.status === 200) {
          acked.push((JSON.parse(answer.body) as { result: { data: { id: string; duplicate: boolean } } }).result.data.id);
          break;
        }
        await new Promise((done) => setTimeout(done, 250));
      }
    }
  });
  setTimeout(() => {
    killed = true;
    served.child.kill('SIGKILL');
  }, 2000);
  await new Promise((done) => setTimeout(done, 2500));
  if (!killed) throw new Error('the server was not killed');
  served = await serve(prepared.file, port);
  await Promise.all(tells);
  const unique = [...new Set(acked)];
  // Approve one after the restart: every phone must get it over its resumed stream.
  for (const id of unique.slice(0, 5)) await call(`http://127.0.0.1:${port}`, new Agent(), 'POST', '/trpc/night.moderate', { cookie: auditor }, { id, kind: 'testimony', decision: 'approved' });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !phones.every((phone) => unique.slice(0, 5).every((id) => phone.seen.has(id)))) await new Promise((done) => setTimeout(done, 200));
  const resumed = phones.filter((phone) => unique.slice(0, 5).every((id) => phone.seen.has(id))).length;
  const gaps = phones.filter((phone) => {
    const list = seqs.get(phone)!.filter((seq) => seq > 0);
    return new Set(list).size !== list.length;
  }).length;
  for (const phone of phones) {
    const stream = phone.stream;
    phone.stream = null;
    stream?.destroy();
  }
  const db = new Sqlite(prepared.file, { readonly: true });
  const storedIds = new Set((db.prepare("select id from audit_testimonies where text like 'kill test %'").all() as { id: string }[]).map((row) => row.id));
  db.close();
  await stop(served);
  prepared.cleanup();
  return { acknowledged: unique.length, stored: storedIds.size, missing: unique.filter((id) => !storedIds.has(id)).length, resumed, phones: count, gaps };
}

function print(label: string, stream: RunFigures, poll: RunFigures): void {
  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(`  ${label}: stream | polling every 2 s`);
  console.log(`    testimony round trip p50 ${ms(stream.submitP50)} p99 ${ms(stream.submitP99)} | p50 ${ms(poll.submitP50)} p99 ${ms(poll.submitP99)}`);
  console.log(`    vote round trip (the burst) p50 ${ms(stream.voteP50)} p99 ${ms(stream.voteP99)} | p50 ${ms(poll.voteP50)} p99 ${ms(poll.voteP99)}`);
  console.log(`    approval → event on a phone p50 ${ms(stream.deliveryP50)} p99 ${ms(stream.deliveryP99)} | p50 ${ms(poll.deliveryP50)} p99 ${ms(poll.deliveryP99)}`);
  console.log(`    approval → on every phone p50 ${ms(stream.everyPhoneP50)} p99 ${ms(stream.everyPhoneP99)} | p50 ${ms(poll.everyPhoneP50)} p99 ${ms(poll.everyPhoneP99)}`);
  console.log(`    testimonies acknowledged ${stream.acknowledged} = stored ${stream.stored} = pushed to every phone ${stream.pushed} | ${poll.acknowledged} = ${poll.stored} = ${poll.pushed}`);
  console.log(`    votes acknowledged ${stream.votesAcknowledged}, ballots stored ${stream.ballotsStored} | ${poll.votesAcknowledged}, ${poll.ballotsStored}; errors ${stream.errors} | ${poll.errors}; load generator's event-loop delay p99 ${ms(stream.generatorLagP99)} | ${ms(poll.generatorLagP99)}`);
}

export async function nightBenchmarks(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  console.log(`  (${RUN_MS / 1000} s of load per run, one testimony per phone per 20 s, a vote burst at half time, the console approving 4 a second)`);
  const counts = (process.env.KUDZU_BENCH_NIGHT_PHONES ?? '300,1000').split(',').map(Number);
  for (const count of counts) {
    const stream = await runNight(count, 'stream', `${count} stream`);
    const poll = await runNight(count, 'poll', `${count} poll`);
    print(`${count.toLocaleString('en')} phones`, stream, poll);
    rows.push(
      { name: `${count} phones: testimony round trip p99`, value: stream.submitP99, unit: 'ms', budget: '< 200 ms', baseline: { name: 'polling every 2 s', value: poll.submitP99 } },
      { name: `${count} phones: approval → every phone p99`, value: stream.everyPhoneP99, unit: 'ms', budget: '< 1 s', baseline: { name: 'polling every 2 s', value: poll.everyPhoneP99 } },
      { name: `${count} phones: submissions lost (acknowledged − min(stored, pushed to every phone))`, value: stream.acknowledged - Math.min(stream.stored, stream.pushed), unit: 'submissions' },
    );
  }
  const crash = await killAndRestart(Math.min(200, counts[0]));
  console.log(`  kill -9 mid-run, restart (${crash.phones} phones): acknowledged ${crash.acknowledged}, stored ${crash.stored}, acknowledged but missing ${crash.missing}; phones that resumed and got events after the restart ${crash.resumed}/${crash.phones}; phones with a duplicated event ${crash.gaps}`);
  rows.push({ name: 'kill -9 and restart: acknowledged submissions missing', value: crash.missing, unit: 'submissions' });
  return rows;
}
