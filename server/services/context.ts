import type { Viewer } from '../../shared/schemas/auth';

/** Who is acting, and when: passed to every service call so time is never read inside. */
export interface Actor {
  viewer: Viewer;
  now: Date;
}

/** Who may act, and the audience an actor is, are the audience policy's to say. */
export { audienceOf, requireRole } from '../privacy/policy';

export const systemActor = (now: Date = new Date()): Actor => ({ viewer: { userId: null, displayName: 'kudzu', role: 'steward' }, now });
