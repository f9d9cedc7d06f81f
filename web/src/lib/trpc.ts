import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../../server/trpc/appRouter';

/** The typed client for every procedure the server offers. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // The sites lists can be large: they travel alone so small calls (who am I, taxonomy) never wait for them.
      // A published audit and a challenge list travel alone too, so the browser can revalidate them by their ETag (304).
      condition: (op) => op.path === 'sites.map' || op.path === 'sites.list' || op.path === 'audits.report' || op.path === 'audits.get' || op.path === 'challenges.list',
      true: httpLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc', maxURLLength: 4000 }),
    }),
  ],
});

export interface UserError {
  message: string;
  /** The input field the server named, to show the message beside it. */
  field: string | null;
  /** Invalid input: each field's own message (path → words), so each shows under its own field. */
  fields?: Record<string, string>;
  conflict: boolean;
  code: string | null;
}

/** Turn whatever a call threw into a sentence for the user and the field it concerns. */
export function userError(error: unknown): UserError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { field?: unknown; fields?: unknown; code?: unknown; kudzuCode?: unknown };
    const code = typeof data.kudzuCode === 'string' ? data.kudzuCode : typeof data.code === 'string' ? data.code : null;
    const field = typeof data.field === 'string' ? data.field : null;
    const fields = typeof data.fields === 'object' && data.fields !== null ? data.fields as Record<string, string> : {};
    const conflict = code === 'CONFLICT';
    const message = error.message && !/^fetch failed|Failed to fetch/i.test(error.message)
      ? error.message
      : 'Kudzu’s server did not answer. Check that it is still running, then try again.';
    // Invalid input: each problem as a sentence in the person's words, without the fields' code names.
    const plain = Object.keys(fields).length > 0 ? Object.values(fields).map(sentence).join(' ') : message;
    return { message: plain, field, fields, conflict, code };
  }
  return { message: error instanceof Error ? error.message : String(error), field: null, fields: {}, conflict: false, code: null };
}

/** The message for `field` (matching the start of a dotted path, e.g. "geometry.coordinates"), if any. */
export function messageFor(error: UserError | null, field: string): string | null {
  if (!error) return null;
  // Invalid input names each field: its own words under it, as a sentence.
  const own = Object.entries(error.fields ?? {}).find(([path]) => path === field || path.startsWith(`${field}.`));
  if (own) return sentence(own[1]);
  if (!error.field || Object.keys(error.fields ?? {}).length > 0) return null;
  // A message that starts with its field's name ("closedOn: a date is required") loses it under the field.
  return error.field === field || error.field.startsWith(`${field}.`) ? sentence(error.message.replace(/^[\w.]+: /, '')) : null;
}

/** "a name is required" → "A name is required." */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  return trimmed[0].toUpperCase() + trimmed.slice(1) + (/[.!?…]$/.test(trimmed) ? '' : '.');
}

/** Whether every problem of `error` is shown under one of `fields` (so no message is left for the form as a whole). */
export function coveredByFields(error: UserError | null, fields: readonly string[]): boolean {
  if (!error) return true;
  const paths = Object.keys(error.fields ?? {});
  const named = paths.length > 0 ? paths : error.field ? [error.field] : [];
  return named.length > 0 && named.every((path) => fields.some((field) => path === field || path.startsWith(`${field}.`)));
}
