import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers every response carries. `connectOrigins` lets an online basemap style load. */
export function securityHeaders(connectOrigins: string[]): Record<string, string> {
  const connect = ["'self'", ...connectOrigins].join(' ');
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      // MapLibre and Svelte set style attributes from script; no inline <script> is ever allowed.
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob: ${connectOrigins.join(' ')}`.trim(),
      `connect-src ${connect}`,
      "font-src 'self' data:",
      "worker-src 'self' blob:",
      "child-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * A request that changes something must come from our own pages: when the browser says
 * where it comes from (Origin), that must be this host.
 */
export function originAllowed(request: IncomingMessage): boolean {
  const method = request.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true;
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * A fixed-window budget per client: each request spends its cost (1 for a cheap one), so
 * a client may make many cheap requests or few expensive ones. Enough for one process.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; spent: number }>();
  constructor(private readonly budget: number, private readonly windowMs: number) {}

  allow(key: string, now: number, cost = 1): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      window = { start: now, spent: 0 };
      this.windows.set(key, window);
    }
    if (window.spent + cost > this.budget) return false;
    window.spent += cost;
    return true;
  }
}

/**
 * What a request costs the server, in units of a cheap call: reads that gather a whole
 * audit, area or file cost more. A tRPC batch costs the sum of its calls.
 */
const PROCEDURE_COSTS: Record<string, number> = {
  'audits.report': 10, 'audits.get': 8, 'audits.trend': 8, 'audits.workspace': 8,
  'challenges.list': 4, 'challenges.proposals': 8,
  'sites.list': 3, 'sites.map': 3, 'references.layer': 3,
  'access.analyse': 20, 'access.whatIf': 20, 'access.bestSites': 20,
  'auth.login': 5, 'auth.acceptInvite': 5,
};
const ROUTE_COSTS: Record<string, number> = { '/api/import': 20, '/api/export': 10 };

export function requestCost(path: string): number {
  if (path.startsWith('/trpc/')) {
    return path.slice('/trpc/'.length).split(',').reduce((sum, procedure) => sum + (PROCEDURE_COSTS[procedure] ?? 1), 0);
  }
  // A map view asks for a dozen site tiles at a time, each cut from a kept drawing: a quarter each.
  if (path.startsWith('/tiles/sites/')) return 0.25;
  return ROUTE_COSTS[path] ?? 1;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one address. */
function plainAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice('::ffff:'.length) : trimmed;
}

/**
 * The client's address. Behind a reverse proxy named in `trustedProxies`, it is the last
 * address in X-Forwarded-For that is not itself a trusted proxy (the one our proxy saw);
 * from anyone else, X-Forwarded-For is ignored, since a client can write whatever it likes.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = plainAddress(request.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map(plainAddress).filter((entry) => entry !== '');
  for (let index = forwarded.length - 1; index >= 0; index--) {
    if (!trustedProxies.has(forwarded[index])) return forwarded[index];
  }
  return peer;
}

/**
 * Where this server is reached, as the request names it, for links written into exports and
 * zines: `http://<Host>`, or what a trusted proxy forwards (X-Forwarded-Proto and
 * X-Forwarded-Host). A host that is not a plain `name[:port]` is not trusted to be one, and
 * gives `http://localhost`.
 */
export function publicOrigin(request: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const first = (header: string | string[] | undefined) => (Array.isArray(header) ? header[0] : header)?.split(',')[0].trim();
  const proxied = trustedProxies.has(plainAddress(request.socket.remoteAddress ?? 'unknown'));
  const forwardedProto = proxied ? first(request.headers['x-forwarded-proto']) : undefined;
  const proto = forwardedProto === 'https' || (!forwardedProto && 'encrypted' in request.socket && request.socket.encrypted) ? 'https' : 'http';
  const host = (proxied ? first(request.headers['x-forwarded-host']) : undefined) ?? request.headers.host ?? '';
  return /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? `${proto}://${host}` : 'http://localhost';
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendError(response: ServerResponse, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
  sendJson(response, status, { error: { code, message, ...details } });
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (name) cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
  }
  return cookies;
}

/** Read a request body, refusing politely (413) once it passes `maxBytes`. */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyTooLarge(maxBytes, declared));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge(maxBytes, size));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number, readonly size: number) {
    super(`the upload is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB`);
  }
}
