import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services';
import type { Viewer } from '../../shared/schemas/auth';
import type { Actor } from '../services/context';
import { requireRole } from '../services/context';
import { audienceFor, sharedCacheAllowed } from '../privacy/policy';
import { IMPORT_SIZE_LIMIT } from '../import/importSites';
import { EXPORT_AUDIENCES, EXPORT_FORMATS, type ExportAudience, type ExportFormat } from '../export/exportSites';
import { BodyTooLarge, readBody, sendError, sendJson } from './security';
import { isKudzuError, KudzuError, type KudzuErrorCode } from '../../shared/errors';
import { parseTypeMap, type ImportOptionsInput } from '../../shared/import/importOptions';
import { NUL_MESSAGE } from '../../shared/schemas/common';

/** Plain HTTP routes for what is not a tRPC call: file downloads and uploads. */
export interface RouteContext {
  services: Services;
  viewer: Viewer;
  sessionToken: string | undefined;
  now: Date;
  url: URL;
  /** Where this server is reached, as the request names it (`http://host:port`): for links in files. */
  origin: string;
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<void> | void;
}

const STATUS: Record<KudzuErrorCode, number> = {
  BAD_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409,
  TOO_LARGE: 413, RATE_LIMITED: 429, INVALID_STATE: 412,
};

/** A user's mistake becomes its status and sentence; anything else goes on to the app's 500. */
async function answeringErrors(response: ServerResponse, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isKudzuError(error)) throw error;
    sendError(response, STATUS[error.code], error.code, error.message, { ...error.details });
  }
}

function actorOf(context: RouteContext): Actor {
  return { viewer: context.viewer, now: context.now };
}

function text(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value?.includes('\u0000')) throw new KudzuError('BAD_INPUT', `${name}: ${NUL_MESSAGE}`, { field: name });
  return value === null || value === '' ? undefined : value;
}

function flag(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  return value === '1' || value === 'true' || value === 'yes';
}

/** `typeMap` is JSON (`{"farmer's market":"csa"}`) or the command line's `a=b;c=d`. */
function typeMapOf(url: URL): Record<string, string> {
  const raw = text(url, 'typeMap');
  if (!raw) return {};
  if (!raw.trimStart().startsWith('{')) return parseTypeMap(raw);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new KudzuError('BAD_INPUT', 'typeMap is not valid JSON (expected {"source type": "function type"})', { field: 'typeMap' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new KudzuError('BAD_INPUT', 'typeMap must map each source type to a function type id (a string)', { field: 'typeMap' });
  }
  return value as Record<string, string>;
}

function importOptionsOf(url: URL): ImportOptionsInput {
  return {
    format: text(url, 'format') as ImportOptionsInput['format'],
    nameColumn: text(url, 'nameColumn'),
    latColumn: text(url, 'latColumn'),
    lonColumn: text(url, 'lonColumn'),
    typeColumn: text(url, 'typeColumn'),
    addressColumn: text(url, 'addressColumn'),
    idColumn: text(url, 'idColumn'),
    typeMap: typeMapOf(url),
    defaultType: text(url, 'defaultType'),
    skipUnmapped: flag(url, 'skipUnmapped'),
    skipDuplicates: flag(url, 'skipDuplicates'),
    confirmFar: flag(url, 'confirmFar'),
    visibility: text(url, 'visibility') as ImportOptionsInput['visibility'],
    precision: text(url, 'precision') as ImportOptionsInput['precision'],
    groupId: text(url, 'groupId'),
    layer: text(url, 'layer'),
    tags: text(url, 'tags'),
  };
}

/** POST /api/import?format=…&dryRun=1 with the raw file as the body. */
const importRoute: Route = {
  method: 'POST',
  path: '/api/import',
  handle: (request, response, context) => answeringErrors(response, async () => {
    const actor = actorOf(context);
    try {
      // Refuse before reading: a public caller's upload is not worth receiving.
      requireRole(actor, 'member', 'importing sites');
    } catch (error) {
      request.resume();
      throw error;
    }
    const options = importOptionsOf(context.url);
    let bytes: Buffer;
    try {
      bytes = await readBody(request, IMPORT_SIZE_LIMIT);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      // Answer at once; the rest of the body is drained (not stored), so the client reads
      // this sentence rather than a reset connection.
      return sendError(response, 413, 'TOO_LARGE', `${error.message}; nothing was imported`);
    }
    const file = { name: text(context.url, 'name') ?? `upload.${options.format ?? 'geojson'}`, bytes };
    const dryRun = context.url.searchParams.get('dryRun') !== '0' && context.url.searchParams.get('dryRun') !== 'false';
    const result = dryRun
      ? await context.services.imports.preview(actor, file, options)
      : await context.services.imports.commit(actor, file, options);
    // A dry run that finds problems has done its job (200, the report); a write refused is a 400.
    sendJson(response, result.errorCount > 0 && !dryRun ? 400 : 200, result);
  }),
};

/** GET /api/export?format=geojson|csv|kml|hsds|murmurations&as=public|member|steward, as a download. */
const exportRoute: Route = {
  method: 'GET',
  path: '/api/export',
  handle: (_request, response, context) => answeringErrors(response, async () => {
    const format = text(context.url, 'format') ?? 'geojson';
    if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new KudzuError('BAD_INPUT', `format must be one of ${EXPORT_FORMATS.join(', ')}, not “${format}”`, { field: 'format' });
    const as = text(context.url, 'as') ?? 'public';
    if (!EXPORT_AUDIENCES.includes(as as ExportAudience)) throw new KudzuError('BAD_INPUT', `as must be public, member or steward, not “${as}”`, { field: 'as' });
    const file = await context.services.exports.sites(actorOf(context), format as ExportFormat, as as ExportAudience, `${context.origin}/`);
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Content-Length': Buffer.byteLength(file.text),
      'Cache-Control': sharedCacheAllowed(audienceFor(as as ExportAudience)) ? 'no-cache' : 'private, no-store',
    });
    response.end(file.text);
  }),
};

/**
 * GET /api/zine?audit=<id>&format=pdf|svg&layout=pages|booklet|mini&paper=a4|letter[&red=0]
 * as a download, or with `page=N` one page as SVG for the preview. Only the public edition of
 * the audit is drawn; the public may ask only for a published audit (a draft is not found),
 * members also for a draft, which comes marked DRAFT.
 */
const zineRoute: Route = {
  method: 'GET',
  path: '/api/zine',
  handle: (_request, response, context) => answeringErrors(response, async () => {
    const url = context.url;
    const red = url.searchParams.get('red');
    const input = {
      auditId: text(url, 'audit') ?? '',
      format: (text(url, 'format') ?? 'pdf') as 'pdf',
      layout: (text(url, 'layout') ?? 'pages') as 'pages',
      paper: (text(url, 'paper') ?? 'a4') as 'a4',
      red: !(red === '0' || red === 'false' || red === 'no'),
    };
    const liveMapUrl = `${context.origin}/`;
    const page = text(url, 'page');
    if (page !== undefined) {
      const svg = await context.services.zines.pagePreview(actorOf(context), { ...input, format: 'svg' }, Number(page), liveMapUrl);
      response.writeHead(200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'private, no-store', 'Content-Length': Buffer.byteLength(svg) });
      response.end(svg);
      return;
    }
    const file = await context.services.zines.render(actorOf(context), input, liveMapUrl);
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Content-Length': file.bytes.length,
      'Cache-Control': 'private, no-store',
    });
    response.end(file.bytes);
  }),
};

/**
 * GET /api/archive: the whole instance as a `.kudzu` archive, for stewards only, streamed
 * (without account secrets: those only leave through the command line's --with-accounts).
 */
const archiveRoute: Route = {
  method: 'GET',
  path: '/api/archive',
  handle: (_request, response, context) => answeringErrors(response, async () => {
    const actor = actorOf(context);
    requireRole(actor, 'steward', 'downloading the archive');
    const day = actor.now.toISOString().slice(0, 10);
    response.writeHead(200, {
      'Content-Type': 'application/gzip',
      'Content-Disposition': `attachment; filename="kudzu-${day}.kudzu"`,
      'Cache-Control': 'private, no-store',
    });
    await context.services.archive.write(response, { withAccounts: false, now: actor.now });
  }),
};


/**
 * GET /api/capsule?audit=<id>: the published audit as one self-contained HTML file (the time
 * capsule), public data only. A draft is refused (412), an unknown audit is not found.
 */
const capsuleRoute: Route = {
  method: 'GET',
  path: '/api/capsule',
  handle: (_request, response, context) => answeringErrors(response, async () => {
    const file = await context.services.capsules.render(actorOf(context), text(context.url, 'audit') ?? '');
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Content-Length': Buffer.byteLength(file.html),
      'Cache-Control': 'private, no-store',
    });
    response.end(file.html);
  }),
};

export const extraRoutes: Route[] = [importRoute, exportRoute, zineRoute, capsuleRoute, archiveRoute];
