import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { createApp } from '../../server/http/app';
import { parseBasemap } from '../../server/http/basemap';
import { createServices } from '../../server/services';
import { scryptPasswordsWithCost, type PasswordHasher } from '../../server/services/password';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { NOW } from './fixtures';
import { listen, stop } from './httpHelpers';

const kinds = await databaseKinds();

/** Real scrypt at a lower cost (these tests check many passwords), counting how often it runs. */
const cheaperScrypt = scryptPasswordsWithCost(2 ** 10);

function countingPasswords() {
  const counts = { hashes: 0, verifications: 0 };
  const passwords: PasswordHasher = {
    hash: (password) => { counts.hashes += 1; return cheaperScrypt.hash(password); },
    verify: (password, stored) => { counts.verifications += 1; return cheaperScrypt.verify(password, stored); },
  };
  return { counts, passwords };
}

interface Running { server: Server; base: string }

async function start(database: TestDatabase, passwords: PasswordHasher, trustedProxies: string[] = []): Promise<Running> {
  const server = createApp({ services: createServices(database.db, { passwords }), basemap: parseBasemap(undefined), trustedProxies });
  return { server, base: await listen(server) };
}

/** One HTTP request carrying many sign-in calls, as tRPC batches them. */
async function batchedLogins(base: string, attempts: { email: string; password: string }[], headers: Record<string, string> = {}) {
  const path = attempts.map(() => 'auth.login').join(',');
  const body = Object.fromEntries(attempts.map((attempt, index) => [String(index), attempt]));
  const response = await fetch(`${base}/trpc/${path}?batch=1`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { response, results: (await response.json()) as { result?: unknown; error?: { data: { code: string } } }[] };
}

function login(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
}

describe.each(kinds)('sign-in limits, on %s', (kind) => {
  let database: TestDatabase;
  let running: Running | null = null;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const services = createServices(database.db, { passwords: cheaperScrypt });
    await services.auth.createUser('member@kudzu.example', 'Mo Member', 'the right member password', 'member', NOW);
    await services.auth.createUser('steward@kudzu.example', 'Sam Steward', 'the right steward password', 'steward', NOW);
  });
  afterEach(async () => {
    if (running) await stop(running.server);
    running = null;
  });
  afterAll(() => database.dispose());

  it('count each password tried, not each request: 40 guesses in one batch check at most 10 and the last, right one does not sign in', async () => {
    const { counts, passwords } = countingPasswords();
    running = await start(database, passwords);
    const guesses = Array.from({ length: 39 }, (_, n) => ({ email: 'member@kudzu.example', password: `wrong guess ${n}` }));
    const { response, results } = await batchedLogins(running.base, [...guesses, { email: 'member@kudzu.example', password: 'the right member password' }]);
    expect(counts.verifications).toBeLessThanOrEqual(10);
    expect(results).toHaveLength(40);
    expect(results.filter((entry) => entry.error?.data.code === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(30);
    expect(results[39].error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('limit guesses at one account from many addresses behind a trusted proxy', async () => {
    const { counts, passwords } = countingPasswords();
    running = await start(database, passwords, ['127.0.0.1']);
    const statuses: number[] = [];
    for (let n = 0; n < 14; n++) {
      const response = await login(running.base, 'steward@kudzu.example', `guess ${n}`, { 'X-Forwarded-For': `203.0.113.${n + 1}` });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    expect(counts.verifications).toBe(10);
    // The account's owner, from yet another address, is refused too until the window passes.
    expect((await login(running.base, 'steward@kudzu.example', 'the right steward password', { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(429);
  });

  it('limit guesses from one address across many accounts', async () => {
    const { counts, passwords } = countingPasswords();
    running = await start(database, passwords);
    const attempts = Array.from({ length: 25 }, (_, n) => ({ email: `nobody${n}@kudzu.example`, password: 'a guessed password' }));
    const { results } = await batchedLogins(running.base, attempts);
    expect(results.filter((entry) => entry.error?.data.code === 'UNAUTHORIZED')).toHaveLength(20);
    expect(results.filter((entry) => entry.error?.data.code === 'TOO_MANY_REQUESTS')).toHaveLength(5);
    expect(counts.verifications).toBe(20);
  });

  it('ignore X-Forwarded-For unless the connection comes from a trusted proxy', async () => {
    const { passwords } = countingPasswords();
    running = await start(database, passwords);
    const statuses: number[] = [];
    for (let n = 0; n < 22; n++) {
      const response = await login(running.base, `someone${n}@kudzu.example`, 'a guessed password', { 'X-Forwarded-For': `203.0.113.${n + 1}` });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
  });

  it('take the client address from X-Forwarded-For behind a trusted proxy, so one busy address does not block another', async () => {
    const { passwords } = countingPasswords();
    running = await start(database, passwords, ['127.0.0.1']);
    const attempts = Array.from({ length: 20 }, (_, n) => ({ email: `nobody${n}@kudzu.example`, password: 'a guessed password' }));
    await batchedLogins(running.base, attempts, { 'X-Forwarded-For': '203.0.113.50' });
    expect((await login(running.base, 'nobody99@kudzu.example', 'x', { 'X-Forwarded-For': '203.0.113.50' })).status).toBe(429);
    expect((await login(running.base, 'member@kudzu.example', 'the right member password', { 'X-Forwarded-For': '203.0.113.51' })).status).toBe(200);
  });

  it('check an invitation token before hashing the new password: a made-up token costs no scrypt', async () => {
    const { counts, passwords } = countingPasswords();
    running = await start(database, passwords);
    const response = await fetch(`${running.base}/trpc/auth.acceptInvite`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: 'made-up-token-0123456789', email: 'new@kudzu.example', displayName: 'New', password: 'a long new password' }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe('this invitation link is not valid');
    expect(counts.hashes).toBe(0);
  });
});
