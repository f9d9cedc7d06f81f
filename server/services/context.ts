import type { Viewer } from '../../shared/schemas/auth';
import { audienceFor, type Audience } from '../privacy/audience';
import { KudzuError } from '../../shared/errors';
import { roleAtLeast, type Role } from '../../shared/privacy/roles';

/** Who is acting, and when: passed to every service call so time is never read inside. */
export interface Actor {
  viewer: Viewer;
  now: Date;
}

export function audienceOf(actor: Actor): Audience {
  return audienceFor(actor.viewer.role);
}

export function requireRole(actor: Actor, minimum: Role, action: string): void {
  if (!roleAtLeast(actor.viewer.role, minimum)) {
    throw new KudzuError(actor.viewer.role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      `${action} needs the ${minimum} role; you are ${actor.viewer.role === 'public' ? 'not signed in' : `a ${actor.viewer.role}`}`,
      { permission: minimum });
  }
}

export const systemActor = (now: Date = new Date()): Actor => ({ viewer: { userId: null, displayName: 'kudzu', role: 'steward' }, now });
