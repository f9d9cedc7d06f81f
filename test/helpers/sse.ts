/**
 * A small Server-Sent Events reader for tests and the benchmark: opens a stream with fetch,
 * parses frames, and lets a test wait for the next event of a type.
 */
export interface SseMessage {
  event: string;
  id: number | null;
  data: unknown;
}

export interface SseStream {
  status: number;
  messages: SseMessage[];
  /** Resolve with the first matching message, already received (from index `from`) or yet to come. */
  next(match: (message: SseMessage) => boolean, timeoutMs?: number, from?: number): Promise<SseMessage>;
  close(): void;
  body: string;
}

export function parseFrames(buffer: string): { frames: SseMessage[]; rest: string } {
  const frames: SseMessage[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let event = 'message';
    let id: number | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = Number(value);
      else if (field === 'data') data.push(value);
    }
    if (data.length) frames.push({ event, id, data: JSON.parse(data.join('\n')) });
  }
  return { frames, rest };
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const messages: SseMessage[] = [];
  const waiters: { match: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }[] = [];
  const stream: SseStream = {
    status: response.status,
    messages,
    body: '',
    next(match, timeoutMs = 5000, from = 0) {
      const found = messages.slice(from).find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms (got ${messages.map((m) => m.event).join(', ')})`)), timeoutMs);
        waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    close: () => controller.abort(),
  };
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    stream.body = await response.text();
    return stream;
  }
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        const { frames, rest } = parseFrames(buffer);
        buffer = rest;
        for (const frame of frames) {
          messages.push(frame);
          for (let index = waiters.length - 1; index >= 0; index--) {
            if (waiters[index].match(frame)) waiters.splice(index, 1)[0].resolve(frame);
          }
        }
      }
    } catch {
      // Aborted.
    }
  })();
  return stream;
}
