import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { isKudzuError, KudzuError, type KudzuErrorCode } from '../../shared/errors';
import { fieldWithNul, NUL_MESSAGE } from '../../shared/schemas/common';
import { roleAtLeast, type Role } from '../../shared/privacy/roles';
import type { Viewer } from '../../shared/schemas/auth';
import type { Services } from '../services';
import type { Actor } from '../services/context';

export interface Context {
  services: Services;
  viewer: Viewer;
  sessionToken: string | undefined;
  /** The client's address (from a trusted proxy's X-Forwarded-For when configured); absent in direct calls. */
  clientAddress?: string;
  now: () => Date;
  /** Set or clear the session cookie on the response (absent in direct calls). */
  setSessionCookie: (token: string | null, expiresAt?: Date) => void;
  /** An audit night phone's participant token (its own cookie; no account). */
  participantToken?: string;
  /** Set the participant cookie on the response (absent in direct calls). */
  setParticipantCookie?: (token: string, expiresAt: Date) => void;
}

const trpcCode: Record<KudzuErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INVALID_STATE: 'PRECONDITION_FAILED',
};

/** Turn a Zod failure into one sentence naming each field. */
export function describeZodError(error: ZodError): { message: string; field?: string; fields: Record<string, string> } {
  const issues = error.issues.slice(0, 5).map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`);
  // Each field's own message, without the field's name in front, for a form to show under that field.
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (path && !(path in fields)) fields[path] = issue.message;
  }
  return { message: issues.join('; '), field: error.issues[0]?.path.join('.') || undefined, fields };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    if (cause instanceof ZodError) {
      const { message, field, fields } = describeZodError(cause);
      return { ...shape, message, data: { ...shape.data, stack: undefined, kudzuCode: 'BAD_INPUT', field, fields } };
    }
    if (isKudzuError(cause)) {
      return { ...shape, message: cause.message, data: { ...shape.data, stack: undefined, kudzuCode: cause.code, ...cause.details } };
    }
    // Anything else is our fault: say so without leaking internals.
    const internal = shape.data.code === 'INTERNAL_SERVER_ERROR';
    return { ...shape, message: internal ? 'something went wrong on the server; the error was logged' : shape.message, data: { ...shape.data, stack: undefined } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain and validation errors become tRPC errors carrying their code, a readable message and details. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isKudzuError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCode[cause.code], message: cause.message, cause });
  }
  if (!result.ok && result.error.cause instanceof ZodError) {
    // Invalid input: one sentence naming each field, for direct callers as for HTTP.
    throw new TRPCError({ code: 'BAD_REQUEST', message: describeZodError(result.error.cause).message, cause: result.error.cause });
  }
  return result;
});

/** No input anywhere may carry U+0000; refused before any schema or database sees it. */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  const field = fieldWithNul(await getRawInput());
  if (field) throw new KudzuError('BAD_INPUT', `${field}: ${NUL_MESSAGE}`, { field });
  return next();
});

function roleProcedure(minimum: Role) {
  return t.procedure.use(mapDomainErrors).use(refuseNul).use(({ ctx, next, path }) => {
    if (!roleAtLeast(ctx.viewer.role, minimum)) {
      const signedIn = ctx.viewer.role !== 'public';
      throw new TRPCError({
        code: signedIn ? 'FORBIDDEN' : 'UNAUTHORIZED',
        message: `${path} needs the ${minimum} role; you are ${signedIn ? `a ${ctx.viewer.role}` : 'not signed in'}`,
      });
    }
    const actor: Actor = { viewer: ctx.viewer, now: ctx.now() };
    return next({ ctx: { ...ctx, actor } });
  });
}

/** Authorisation is decided once, by the procedure's type. */
export const publicProcedure = roleProcedure('public');
export const memberProcedure = roleProcedure('member');
export const auditorProcedure = roleProcedure('auditor');
export const stewardProcedure = roleProcedure('steward');

/** A phone at audit night: anyone, identified by the participant token it was given on joining. */
export const participantProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const participant = await ctx.services.night.participant(ctx.participantToken, undefined, ctx.actor.now);
  return next({ ctx: { ...ctx, participant } });
});
