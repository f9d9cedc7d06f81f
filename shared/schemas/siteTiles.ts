import { z } from 'zod';
import { DOMAIN_IDS } from '../taxonomy/domains';
import { dateSchema, idSchema } from './common';
import { KudzuError } from '../errors';



/**
 * The map's filters as the query string of a site tile (`/tiles/sites/{z}/{x}/{y}.pbf?…`):
 * lists are comma-separated. `audit` shows the map as a published audit saw it (its period's
 * end as the "as of" date); `v` is the client's own cache-buster and is not read.
 */
export const siteTileParamsSchema = z.object({
  domains: z.array(z.enum(DOMAIN_IDS)).optional(),
  types: z.array(z.string().min(1).max(100)).max(200).optional(),
  groups: z.array(idSchema).max(200).optional(),
  status: z.enum(['active', 'closed', 'all']).default('active'),
  text: z.string().max(200).optional(),
  asOf: dateSchema.optional(),
  audit: idSchema.optional(),
}).refine((params) => !(params.asOf && params.audit), { message: 'give “asOf” or “audit”, not both', path: ['audit'] });
export type SiteTileParams = z.infer<typeof siteTileParamsSchema>;

const LIST_PARAMETERS = new Set(['domains', 'types', 'groups']);
const KNOWN_PARAMETERS = new Set([...LIST_PARAMETERS, 'status', 'text', 'asOf', 'audit', 'v']);
/** Read a tile's filters from its query string; a bad one is refused naming the parameter. */
export function parseSiteTileParams(search: URLSearchParams): SiteTileParams {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of search) {
    if (!KNOWN_PARAMETERS.has(name)) throw new KudzuError('BAD_INPUT', `unknown tile parameter “${name}” (known: ${[...KNOWN_PARAMETERS].join(', ')})`, { field: name });
    if (name in raw) throw new KudzuError('BAD_INPUT', `tile parameter “${name}” is given twice`, { field: name });
    if (name === 'v') continue;
    raw[name] = LIST_PARAMETERS.has(name) ? value.split(',').map((item) => item.trim()).filter(Boolean) : value;
  }
  const parsed = siteTileParamsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue.path[0] ?? 'query');
  const item = issue.path.length > 1 ? ` (item ${Number(issue.path[1]) + 1})` : '';
  throw new KudzuError('BAD_INPUT', `tile parameter “${name}”${item}: ${issue.message}`, { field: name });
}

/** A tile's zoom and column/row from the path's strings; a bad one is refused naming it. */
export function parseTileAddress(z: string, x: string, y: string): { z: number; x: number; y: number } {
  const whole = (name: string, text: string, max: number) => {
    const value = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(value) || value > max) throw new KudzuError('BAD_INPUT', `tile ${name} must be a whole number from 0 to ${max}, not “${text.slice(0, 20)}”`, { field: name });
    return value;
  };
  const zoom = whole('z', z, 24);
  const last = 2 ** zoom - 1;
  return { z: zoom, x: whole('x', x, last), y: whole('y', y, last) };
}

