import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../../server/trpc/appRouter';
import { takeEarlyResponse } from './earlyRequests';

/** `fetch` for the lists, which takes the map's first list if the page already asked for it. */
const listFetch: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return takeEarlyResponse('sites', url) ?? fetch(input, init);
};

/** The typed client for every procedure the server offers. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // The sites lists can be large: they travel alone so small calls (who am I, taxonomy) never wait for them.
      // A published audit and a challenge list travel alone too, so the browser can revalidate them by their ETag (304).
      condition: (op) => op.path === 'sites.map' || op.path === 'sites.list' || op.path === 'audits.report' || op.path === 'audits.get' || op.path === 'challenges.list',
      true: httpLink({ url: '/trpc', fetch: listFetch }),
      false: httpBatchLink({ url: '/trpc', maxURLLength: 4000 }),
    }),
  ],
});

export interface UserError {
  message: string;
  /** The input field the server named, to show the message beside it. */
  field: string | null;
  conflict: boolean;
  code: string | null;
}

/** Turn whatever a call threw into a sentence for the user and the field it concerns. */
export function userError(error: unknown): UserError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { field?: unknown; code?: unknown; kudzuCode?: unknown };
    const code = typeof data.kudzuCode === 'string' ? data.kudzuCode : typeof data.code === 'string' ? data.code : null;
    const field = typeof data.field === 'string' ? data.field : null;
    const conflict = code === 'CONFLICT';
    const message = error.message && !/^fetch failed|Failed to fetch/i.test(error.message)
      ? error.message
      : 'Kudzu’s server did not answer. Check that it is still running, then try again.';
    return { message, field, conflict, code };
  }
  return { message: error instanceof Error ? error.message : String(error), field: null, conflict: false, code: null };
}

/** The message for `field` (matching the start of a dotted path, e.g. "geometry.coordinates"), if any. */
export function messageFor(error: UserError | null, field: string): string | null {
  if (!error || !error.field) return null;
  return error.field === field || error.field.startsWith(`${field}.`) ? error.message : null;
}
