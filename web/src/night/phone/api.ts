/**
 * The phone page's few calls, as plain fetches of tRPC's HTTP form (no client library: the
 * page stays small). A network failure, a 5xx or a 429 means "try again later"; any other
 * refusal is the server's sentence.
 */
import type { OutboxItem, SendResult } from './outbox';

interface TrpcAnswer<T> {
  result?: { data: T };
  error?: { message: string; data?: { kudzuCode?: string } };
}

export class NightApiError extends Error {
  constructor(message: string, readonly status: number, readonly code: string | undefined) {
    super(message);
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as TrpcAnswer<T>;
  if (!response.ok || !body.result) throw new NightApiError(body.error?.message ?? `the server answered ${response.status}`, response.status, body.error?.data?.kudzuCode);
  return body.result.data;
}

export async function query<T>(procedure: string, input?: unknown): Promise<T> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return answer<T>(await fetch(`/trpc/${procedure}${search}`, { credentials: 'same-origin' }));
}

export async function mutate<T>(procedure: string, input: unknown): Promise<T> {
  return answer<T>(await fetch(`/trpc/${procedure}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) }));
}

export async function sendItem(item: OutboxItem): Promise<SendResult> {
  try {
    await mutate(item.procedure, { ...item.input, key: item.key });
    return { kind: 'sent' };
  } catch (error) {
    if (error instanceof NightApiError && error.status < 500 && error.status !== 429 && error.status !== 0) return { kind: 'refused', message: error.message };
    return { kind: 'unreachable' };
  }
}
