import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import sirv from 'sirv';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import { appRouter } from '../trpc/appRouter';
import type { Context } from '../trpc/trpc';
import type { Services } from '../services';
import type { Viewer } from '../../shared/schemas/auth';
import { basemapConfig, PMTILES_PATH, styleOrigins, type Basemap } from './basemap';
import { serveFileRanges } from './pmtilesFile';
import { BodyTooLarge, clientAddress, originAllowed, parseCookies, publicOrigin, RateLimiter, readBody, requestCost, securityHeaders, sendError, sendJson } from './security';
import { extraRoutes, type RouteContext } from './routes';
import { PresentedAudits, presentedBody, type PresentedBody } from '../services/presentedAudits';
import type { Actor } from '../services/context';
import type { SiteTile, SiteTileSummary } from '../services/siteTiles.service';
import { PUBLIC_VIEWER } from '../services/auth.service';
import { auditIdSchema, challengeListSchema } from '../../shared/schemas/audit';
import { parseSiteTileParams, parseTileAddress } from '../../shared/schemas/siteTiles';
import { NightHub } from '../night/nightHub';
import { isKudzuError, KudzuError } from '../../shared/errors';
import type { LiveJoin } from '../../shared/night/live';

export const SESSION_COOKIE = 'kudzu_session';
/** An audit night phone's participant token (no account). */
export const PARTICIPANT_COOKIE = 'kudzu_participant';
/** API bodies are small; imports have their own, larger limit. */
export const API_BODY_LIMIT = 2 * 1024 * 1024;

export interface AppOptions {
  services: Services;
  basemap: Basemap;
  /** Built web assets (dist/web); absent in development, where Vite serves them. */
  webRoot?: string;
  /** Label shown on the map when the demo neighbourhood is loaded. */
  demoLabel?: string | null;
  now?: () => Date;
  /**
   * Addresses of reverse proxies in front of Kudzu. A request from one of them is taken to
   * come from the address it names in X-Forwarded-For; from anyone else that header is ignored.
   */
  trustedProxies?: readonly string[];
  /** What one client address may spend per minute, in units of a cheap call (see requestCost). */
  requestBudget?: number;
  /**
   * Keep the serialized answer of a published audit's presentation, and of challenge lists,
   * per entity tag and send it without going through tRPC again (on unless measuring without it).
   */
  presentedBodies?: boolean;
  /**
   * Where phones on the local network reach this server (http://192.168.1.20:8787), for
   * audit night's join link; empty when it listens on loopback only.
   */
  joinOrigins?: readonly string[];
}

/**
 * How many connections may wait to be accepted. Node's default (511) is less than a room of
 * browsers opening the map at once (six connections each): the kernel drops the rest, and
 * each dropped one is retried a second later, the slowest answers of a busy evening. The
 * kernel caps it at net.core.somaxconn (4,096 on current Linux).
 */
export const LISTEN_BACKLOG = 4096;

/** Per client address and minute: 1,200 cheap calls, or fewer expensive ones. */
export const DEFAULT_REQUEST_BUDGET = 1200;

const require = createRequire(import.meta.url);

function fontDirectory(): string {
  return join(resolve(require.resolve('@fontsource/noto-sans/package.json'), '..'), 'files');
}

/** A single tRPC query's input (`?input=…`): undefined when absent, null when it is not JSON. */
function inputOf(url: URL): unknown {
  const text = url.searchParams.get('input');
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Whether Accept-Encoding allows gzip (`gzip`, `gzip;q=0.8`, `*`, but not `gzip;q=0`). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((entry) => {
    const [coding, ...parameters] = entry.trim().toLowerCase().split(';');
    const weight = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (weight === undefined || Number(weight.slice(2)) > 0);
  });
}

/**
 * The built web app: its files and its page, read again when the page changes on disk, so a
 * build made while the server runs is served at once (its new asset names with it) instead of
 * a page naming files that are gone.
 */
class WebBuild {
  private seen = -1;
  private served!: { assets: ReturnType<typeof sirv>; indexHtml: Buffer };

  constructor(private readonly root: string) {
    this.current();
  }

  current(): { assets: ReturnType<typeof sirv>; indexHtml: Buffer } {
    const page = join(this.root, 'index.html');
    const changed = statSync(page, { throwIfNoEntry: false })?.mtimeMs ?? this.seen;
    if (changed !== this.seen) {
      this.seen = changed;
      this.served = { assets: sirv(this.root, { maxAge: 3600, single: false, dev: false }), indexHtml: readFileSync(page) };
    }
    return this.served;
  }
}

/** What a kept presentation answers: its tag, and how to build it when it is not kept yet. */
interface Presentable {
  tag: string;
  build: () => Promise<unknown>;
}

export function createApp(options: AppOptions): Server {
  const { services, basemap } = options;
  const now = options.now ?? (() => new Date());
  const headers = securityHeaders(styleOrigins(basemap));
  const requests = new RateLimiter(options.requestBudget ?? DEFAULT_REQUEST_BUDGET, 60_000);
  const trustedProxies = new Set(options.trustedProxies ?? []);
  const fonts = sirv(fontDirectory(), { maxAge: 86_400, immutable: true, dev: false });
  const webRoot = options.webRoot && existsSync(join(options.webRoot, 'index.html')) ? options.webRoot : null;
  const build = webRoot ? new WebBuild(webRoot) : null;
  const bodies = options.presentedBodies === false ? null : new PresentedAudits();
  const hub = new NightHub(services.night, services.nightBus, now);

  /** The join link of a night: the first LAN address when serving beyond loopback, else the address the request used. */
  function joinOf(request: IncomingMessage, code: string): LiveJoin {
    const own = `http://${request.headers.host ?? 'localhost'}`;
    const addresses = (options.joinOrigins ?? []).map((origin) => `${origin}/n/${code}`);
    const url = addresses[0] ?? `${own}/n/${code}`;
    return { url, short: url.replace(/^https?:\/\//, ''), addresses };
  }

  /**
   * GET /api/night/events?audit=<id>: the night's public events as Server-Sent Events,
   * resuming after `Last-Event-ID` (the header a browser sends on reconnecting, or
   * `lastEventId` in the query when a client opens a new stream itself). `queue=1` (the
   * console) also gets `queue.changed` when something waits for moderation; phones and
   * projectors do not, so a submission costs them nothing.
   */
  async function nightEvents(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    try {
      const auditId = url.searchParams.get('audit') ?? '';
      if (!auditId || auditId.length > 100 || auditId.includes('\u0000')) throw new KudzuError('BAD_INPUT', 'audit: the id of the audit whose night to follow is required', { field: 'audit' });
      const raw = request.headers['last-event-id'] ?? url.searchParams.get('lastEventId');
      const text = Array.isArray(raw) ? raw[0] : raw;
      if (text !== undefined && text !== null && text !== '' && !/^\d{1,12}$/.test(text)) throw new KudzuError('BAD_INPUT', `Last-Event-ID must be a whole number (an event of this night), not “${text.slice(0, 40)}”`, { field: 'lastEventId' });
      const lastEventId = text ? Number(text) : null;
      // A phone follows only the night it joined.
      const token = parseCookies(request.headers.cookie)[PARTICIPANT_COOKIE];
      if (token) await services.night.participant(token, auditId, now());
      const { state } = await services.night.night(auditId);
      await hub.connect(response, auditId, lastEventId, joinOf(request, state.code), { queue: url.searchParams.get('queue') === '1' });
    } catch (error) {
      if (!isKudzuError(error) || response.headersSent) throw error;
      const status = { BAD_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_LARGE: 413, RATE_LIMITED: 429, INVALID_STATE: 412 }[error.code];
      sendError(response, status, error.code, error.message, { ...error.details });
    }
  }

  async function viewerOf(request: IncomingMessage) {
    const cookies = parseCookies(request.headers.cookie);
    const token = cookies[SESSION_COOKIE];
    return { token, participant: cookies[PARTICIPANT_COOKIE], viewer: await services.auth.viewerForSession(token, now()) };
  }

  /**
   * What can be answered from a kept presentation: a published audit (`audits.get`,
   * `audits.report`) and a challenge list (`challenges.list`), each asked alone with GET.
   * Both are keyed on the audience and the privacy generation, which every change to what
   * they show raises. Anything else, or bad input, goes through tRPC as usual.
   */
  async function presentable(procedure: string, actor: Actor, url: URL): Promise<Presentable | null> {
    if (procedure === 'audits.get' || procedure === 'audits.report') {
      const parsed = auditIdSchema.safeParse(inputOf(url));
      if (!parsed.success) return null;
      const { auditId } = parsed.data;
      const kind = procedure === 'audits.get' ? 'get' : 'report';
      const tag = await services.audits.presentationTag(actor, kind, auditId);
      if (!tag) return null;
      return { tag, build: () => (kind === 'get' ? services.audits.get(actor, auditId) : services.audits.report(actor, auditId)) };
    }
    if (procedure === 'challenges.list') {
      const parsed = challengeListSchema.safeParse(inputOf(url));
      if (!parsed.success) return null;
      const filter = parsed.data;
      return { tag: await services.challenges.presentationTag(actor, filter), build: () => services.challenges.list(actor, filter) };
    }
    return null;
  }

  /**
   * A kept presentation carries an ETag: a client that already holds it gets 304 and no
   * body, and anyone else the answer serialized (and gzipped) once per tag — the same
   * `{"result":{"data":…}}` tRPC would send, from the same service call. A repeated read
   * costs one shared read of the privacy generation and a map lookup. The tag is only
   * honoured once the answer was built, so a made-up tag never stands in for an error.
   */
  async function answeredFromPresentation(request: IncomingMessage, response: ServerResponse, procedure: string, viewer: Viewer, url: URL): Promise<boolean> {
    if (request.method !== 'GET' || !bodies) return false;
    const actor = { viewer, now: now() };
    const found = await presentable(procedure, actor, url);
    if (!found) return false;
    let body: PresentedBody;
    try {
      body = await bodies.getOrBuild(found.tag, async () => presentedBody(JSON.stringify({ result: { data: await found.build() } })));
    } catch {
      return false; // tRPC answers with the error, shaped as usual
    }
    const etag = `"${found.tag}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', viewer.role === 'public' ? 'no-cache' : 'private, no-cache');
    response.setHeader('Vary', 'Cookie, Accept-Encoding');
    const wanted = (request.headers['if-none-match'] ?? '').split(',').map((entry) => entry.trim().replace(/^W\//, ''));
    if (wanted.includes(etag)) {
      response.statusCode = 304;
      response.end();
      return true;
    }
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    const bytes = gzip ? body.gzipped : body.plain;
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    response.end(bytes);
    return true;
  }

  /**
   * Site tiles (`/tiles/sites/{z}/{x}/{y}.pbf`) and their summary (`/tiles/sites/summary.json`,
   * the count and bounds the map frames): the public's are the same bytes for every visitor
   * and may sit in a shared cache, anyone else's are private to the session; both carry an
   * ETag and are revalidated, so an edit shows at the next request. A tile is not a page:
   * it goes out kept and gzipped as it is, its headers written in one go (no page headers).
   */
  async function answerSiteTiles(request: IncomingMessage, response: ServerResponse, path: string, url: URL): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, 'BAD_INPUT', 'site tiles are read with GET');
    const address = /^\/tiles\/sites\/([^/]+)\/([^/]+)\/([^/]+)\.pbf$/.exec(path);
    if (!address && path !== '/tiles/sites/summary.json') return sendError(response, 404, 'NOT_FOUND', `no tiles at ${path}; site tiles are /tiles/sites/{z}/{x}/{y}.pbf`);
    let answer: SiteTile | SiteTileSummary;
    try {
      const params = parseSiteTileParams(url.searchParams);
      // No cookie, no session to look up: the public.
      const { viewer } = request.headers.cookie ? await viewerOf(request) : { viewer: PUBLIC_VIEWER };
      const actor = { viewer, now: now() };
      answer = address
        ? await services.siteTiles.tile(actor, params, ...Object.values(parseTileAddress(address[1], address[2], address[3])) as [number, number, number])
        : await services.siteTiles.summary(actor, params);
    } catch (error) {
      if (!isKudzuError(error)) throw error;
      return sendError(response, error.code === 'BAD_INPUT' ? 400 : 404, error.code, error.message, error.details.field ? { field: error.details.field } : {});
    }
    const wanted = request.headers['if-none-match'];
    const headers: Record<string, string | number> = {
      ETag: answer.etag,
      'Cache-Control': answer.shared ? 'public, no-cache' : 'private, no-cache',
      Vary: 'Cookie, Accept-Encoding',
    };
    if (wanted && wanted.split(',').some((entry) => entry.trim().replace(/^W\//, '') === answer.etag)) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    let body: Buffer;
    if ('body' in answer) {
      const gzip = acceptsGzip(request.headers['accept-encoding']);
      body = gzip ? answer.gzipped : answer.body;
      headers['Content-Type'] = 'application/vnd.mapbox-vector-tile';
      if (gzip) headers['Content-Encoding'] = 'gzip';
    } else {
      body = Buffer.from(JSON.stringify({ count: answer.count, bounds: answer.bounds }), 'utf8');
      headers['Content-Type'] = 'application/json; charset=utf-8';
    }
    headers['Content-Length'] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  /**
   * The page a Murmurations profile names a group or site by, `/murmurations/groups/<id>`
   * (or `/sites/<id>`), for a group without a website of its own: the map opened on it, the
   * group's sites or the site's panel. Asked through the same services as the map, as the
   * request's viewer, so a group or site that viewer may not see is "not here", worded as an
   * id that never existed.
   */
  async function answerProfilePage(request: IncomingMessage, response: ServerResponse, kind: 'groups' | 'sites', rawId: string): Promise<void> {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      id = rawId;
    }
    const { viewer } = await viewerOf(request);
    const actor = { viewer, now: now() };
    const seen = !id.includes('\u0000') && await (kind === 'groups' ? services.groups.get(actor, id) : services.sites.get(actor, id)).then(
      () => true,
      (error: unknown) => { if (isKudzuError(error) && error.code === 'NOT_FOUND') return false; throw error; },
    );
    if (!seen) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      response.end(`No ${kind === 'groups' ? 'group' : 'site'} with id ${id} is on this map.\n`);
      return;
    }
    response.writeHead(302, { Location: `/?${kind === 'groups' ? 'group' : 'site'}=${encodeURIComponent(id)}`, 'Cache-Control': 'no-cache' });
    response.end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://kudzu.local');
    const path = url.pathname;
    const tiles = path.startsWith('/tiles/sites/');
    if (!tiles) for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const address = clientAddress(request, trustedProxies);

    if (!requests.allow(address, Date.now(), requestCost(path))) return sendError(response, 429, 'RATE_LIMITED', 'too many requests from this address; wait a minute');
    if (!originAllowed(request)) return sendError(response, 403, 'FORBIDDEN', 'this request came from another site (Origin does not match); refused');

    if (path.startsWith('/trpc/')) {
      const procedure = path.slice('/trpc/'.length);
      if (request.method === 'POST') {
        // Read the body here, declared or chunked, so one over the limit is a 413 either way.
        try {
          (request as IncomingMessage & { body?: string }).body = (await readBody(request, API_BODY_LIMIT)).toString('utf8');
        } catch (error) {
          if (!(error instanceof BodyTooLarge)) throw error;
          return sendError(response, 413, 'TOO_LARGE', `the request is larger than the limit of ${API_BODY_LIMIT / 1024 / 1024} MB`);
        }
      }
      const { token, participant, viewer } = await viewerOf(request);
      if (await answeredFromPresentation(request, response, procedure, viewer, url)) return;
      await nodeHTTPRequestHandler({
        router: appRouter,
        req: request,
        res: response,
        path: procedure,
        maxBodySize: API_BODY_LIMIT,
        createContext: (): Context => ({
          services,
          viewer,
          sessionToken: token,
          participantToken: participant,
          clientAddress: address,
          now,
          setSessionCookie: (value, expiresAt) => {
            const secure = request.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
            response.setHeader('Set-Cookie', value
              ? `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt?.toUTCString()}${secure}`
              : `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`);
          },
          setParticipantCookie: (value, expiresAt) => {
            const secure = request.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
            response.setHeader('Set-Cookie', `${PARTICIPANT_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`);
          },
        }),
        onError: ({ error }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') console.error('kudzu: internal error', error.cause ?? error);
        },
      });
      return;
    }

    if (tiles) return answerSiteTiles(request, response, path, url);
    if (path === '/api/night/events' && request.method === 'GET') return nightEvents(request, response, url);
    const profile = /^\/murmurations\/(groups|sites)\/([^/]{1,200})$/.exec(path);
    if (profile && (request.method === 'GET' || request.method === 'HEAD')) return answerProfilePage(request, response, profile[1] as 'groups' | 'sites', profile[2]);
    const joinCode = /^\/n\/([A-Za-z0-9]{4,12})$/.exec(path);
    if (joinCode && request.method === 'GET') {
      response.writeHead(302, { Location: `/night.html?code=${joinCode[1].toLowerCase()}`, 'Cache-Control': 'no-store' });
      response.end();
      return;
    }

    if (path === '/api/config') {
      return sendJson(response, 200, { basemap: basemapConfig(basemap), demoLabel: options.demoLabel ?? null, fonts: '/fonts' });
    }
    if (path === PMTILES_PATH && basemap.kind === 'pmtiles') return serveFileRanges(request, response, basemap.file, {});
    if (path.startsWith('/fonts/')) {
      request.url = path.slice('/fonts'.length);
      return fonts(request, response, () => sendError(response, 404, 'NOT_FOUND', 'no such font file'));
    }

    const route = extraRoutes.find((r) => r.method === request.method && r.path === path);
    if (route) {
      const { token, viewer } = await viewerOf(request);
      const context: RouteContext = { services, viewer, sessionToken: token, now: now(), url, origin: publicOrigin(request, trustedProxies) };
      return route.handle(request, response, context);
    }
    if (path.startsWith('/api/')) return sendError(response, 404, 'NOT_FOUND', `no API at ${path}`);

    if (build) {
      const { assets, indexHtml } = build.current();
      return assets(request, response, () => {
        // Client-side routes (/audit, /challenges…) all load the one page.
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
        response.end(indexHtml);
      });
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('The web app is not built. Run `npm run build`, or `npm start` which builds it.');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('kudzu: request failed', error);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL', 'something went wrong on the server; the error was logged');
      else response.end();
    });
  });
  server.on('close', () => void hub.close());
  return server;
}
