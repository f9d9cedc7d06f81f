/** The pieces the suites that talk to a real Kudzu server over HTTP share. */
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Services } from '../../server/services';
import { createApp } from '../../server/http/app';
import { callerAs, seedNetwork } from './fixtures';
import { stageAudit } from './auditFixtures';

/** Listen on a free loopback port; the base URL to fetch from. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Close a test server and every connection it still holds (nothing when it never started). */
export async function stop(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}

/** Sign in over HTTP; the session cookie to send with later requests. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The member and steward accounts the HTTP suites sign in as. */
export async function memberAndSteward(services: Services, now: Date): Promise<void> {
  await services.auth.createUser('member@kudzu.example', 'Mo Member', 'a long member password', 'member', now);
  await services.auth.createUser('steward@kudzu.example', 'Sam Steward', 'a long steward password', 'steward', now);
}

/** Their session cookies. */
export async function memberAndStewardCookies(base: string): Promise<{ member: string; steward: string }> {
  return {
    member: await signIn(base, 'member@kudzu.example', 'a long member password'),
    steward: await signIn(base, 'steward@kudzu.example', 'a long steward password'),
  };
}

/**
 * An audit of the seeded area published with a tally (73 families housed without landlords)
 * and its challenge as the headline, and a draft audit beside it.
 */
export async function publishedAndDraftAudits(services: Services): Promise<{ publishedId: string; draftId: string }> {
  const { audit } = await stageAudit(services, 'open');
  await callerAs(services, 'auditor').audits.addTally({ auditId: audit.id, name: 'families housed without landlords', count: 73, unit: 'families' });
  const [challenge] = await callerAs(services, 'steward').challenges.list({ auditId: audit.id });
  await callerAs(services, 'steward').challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
  const publishedId = (await callerAs(services, 'auditor').audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true })).id;
  const draftId = (await stageAudit(services, 'draft')).audit.id;
  return { publishedId, draftId };
}

export interface ServedAudits { services: Services; server: Server; base: string; publishedId: string; draftId: string }

/** The seeded network with `publishedAndDraftAudits`, served over HTTP on a free port. */
export async function serveSeededAudits(db: Parameters<typeof seedNetwork>[0]): Promise<ServedAudits> {
  const { services } = await seedNetwork(db);
  const audits = await publishedAndDraftAudits(services);
  const server = createApp({ services, basemap: { kind: 'plain' } });
  return { services, server, base: await listen(server), ...audits };
}

/** A GET whose body is left as sent (fetch would inflate it). */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
