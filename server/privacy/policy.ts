/**
 * The audience policy: the one place that answers "may this viewer see this thing, and how
 * precisely?" and "may this person make this thing more visible?". Services, presenters,
 * exports and every new outbound path (audit night, zines, time capsules, federation,
 * formats) ask here and never compare roles, tiers or precisions themselves;
 * `test/server/privacy/policyBoundary.test.ts` fails when one does.
 *
 * The answers are pure functions of plain facts (a tier, a precision, an audit's status).
 * Presenters (`audience.ts`, `auditPresenter.ts`) apply them to what leaves the server.
 *
 * Who is looking
 * - `audienceFor(role)`, `audienceOf(actor)`, `WHOLE_TRUTH` (the steward-level view that
 *   snapshots and write checks are built from): an `Audience` says the role, the tiers it may
 *   receive (for SQL filters) and whether it receives real locations.
 * - `requireRole(actor, minimum, action)`, `assertMayInvite(actor, role)`: who may act at all.
 * - `assertMayChangeRole(actor, person, role)`: stewards change others' roles, never their
 *   own (so a network always keeps the steward who is acting), and never above their own.
 *
 * Seeing
 * - `seesTier(audience, tier)`: sites, groups, links, testimonies, challenges, layers alike.
 * - `seesLink(audience, tier, fromGroupVisible, toGroupVisible)`: a link and both its ends.
 * - `seesExactLocation(audience, precision)`, `seesAddress(audience, precision)`: real
 *   geometry and street address, or the degraded `shown` one.
 * - `namedInAudit(audience, tier, precision)`: a site counted by an audit is named there only
 *   when the audience may see it and where it is (a `none` site would be placed by the area).
 * - `auditStatusesFor(audience)`, `seesAudit(audience, status)`: the public sees published
 *   audits only; everything of an unpublished audit is "not found" to it.
 * - `seesChallenge(audience, challengeTier, auditStatus)`, `challengeTier(own, siteTier)`:
 *   a challenge at a site is never more visible than the site is now.
 * - `seesTestimonyToModerate(audience, tier)`, `seesTestimony(audience, testimony)`.
 * - `ROOM`, `roomSeesAudit(status)`, `roomSeesChallenge(tier, status)`: audit night's room
 *   (projector and phones) is the public, shown the audit that is open that night too.
 * - `searchableGroupIds(requested, visibleGroupIds)`: a filter naming a hidden group is
 *   answered like one naming an unknown group.
 * - `currentTier(stored, now)`: what a change-log entry or any reference is shown at: the
 *   tier of what it is about now, or the stored tier when that thing is gone.
 * - `stricterTier`, `coarserPrecision`, `stricterSitePrivacy(atPublication, now)`: what a
 *   published audit shows is the stricter of publication and now.
 * - `sharedCacheAllowed(audience)`: whether a response may sit in a shared cache.
 *
 * Changing
 * - `assertMayGiveTier(actor, tier, field)`: nobody gives a thing a tier above their own.
 * - `assertMayChangePrivacy(actor, before, after)`: only stewards widen a tier or raise a
 *   precision; anyone else may only make a thing safer.
 * - `assertMayNarrowTestimony(before, after)`: a teller's consent is never widened.
 * - `assertMayReplaceLayer(actor)`: shared reference layers are a steward's.
 */
import { KudzuError } from '../../shared/errors';
import { canSeeTier, PRECISIONS, roleAtLeast, seesExactLocations, TIERS, visibleTiers, type Precision, type Role, type Tier } from '../../shared/privacy/roles';

export interface Audience {
  role: Role;
  /** The visibility tiers this audience may receive (for SQL filters). */
  tiers: Tier[];
  /** Whether this audience receives real geometry, or the degraded `shown` geometry. */
  exactLocations: boolean;
}

/** Who is acting, as far as the policy cares. */
export interface Acting {
  viewer: { role: Role };
}

export function audienceFor(role: Role): Audience {
  return { role, tiers: visibleTiers(role), exactLocations: seesExactLocations(role) };
}

export function audienceOf(actor: Acting): Audience {
  return audienceFor(actor.viewer.role);
}

/** The steward-level truth: what snapshots hold and what write checks read. Never sent as is. */
export const WHOLE_TRUTH: Audience = audienceFor('steward');

// ─── who may act ──────────────────────────────────────────────────────────────────────────

export function requireRole(actor: Acting, minimum: Role, action: string): void {
  if (roleAtLeast(actor.viewer.role, minimum)) return;
  const signedIn = actor.viewer.role !== 'public';
  throw new KudzuError(signedIn ? 'FORBIDDEN' : 'UNAUTHENTICATED',
    `${action} needs the ${minimum} role; you are ${signedIn ? `${actor.viewer.role === 'auditor' ? 'an' : 'a'} ${actor.viewer.role}` : 'not signed in'}`,
    { permission: minimum });
}

/** The thresholds an audit is scored by are the network's to govern: stewards set them. */
export function assertMayGovernThresholds(actor: Acting): void {
  requireRole(actor, 'steward', 'changing the network’s thresholds');
}

/** Nobody invites above their own role. */
export function assertMayInvite(actor: Acting, role: Role): void {
  if (!roleAtLeast(actor.viewer.role, role)) throw new KudzuError('FORBIDDEN', `you cannot invite a ${role}`, { permission: role });
}

/** Stewards change other people's roles, never their own and never above their own. */
export function assertMayChangeRole(actor: Acting & { viewer: { userId: string | null } }, person: { id: string; displayName: string }, role: Role): void {
  requireRole(actor, 'steward', 'changing someone\'s role');
  if (actor.viewer.userId === person.id) {
    throw new KudzuError('FORBIDDEN', 'you cannot change your own role; ask another steward', { field: 'userId', permission: 'steward' });
  }
  if (role === 'public') throw new KudzuError('BAD_INPUT', 'role: an account is a member, auditor or steward', { field: 'role' });
  if (!roleAtLeast(actor.viewer.role, role)) throw new KudzuError('FORBIDDEN', `you cannot make ${person.displayName} a ${role}`, { field: 'role', permission: role });
}

// ─── seeing ───────────────────────────────────────────────────────────────────────────────

export function seesTier(audience: Audience, tier: Tier | string | null | undefined): boolean {
  return isTier(tier) && canSeeTier(audience.role, tier);
}

export function seesLink(audience: Audience, tier: Tier | string, fromGroupVisible: boolean, toGroupVisible: boolean): boolean {
  return seesTier(audience, tier) && fromGroupVisible && toGroupVisible;
}

/** Whether the audience receives a site's real geometry (else the degraded one). */
export function seesExactLocation(audience: Audience, precision: Precision | string): boolean {
  return audience.exactLocations || precision === 'exact';
}

/** A street address pins a place as surely as coordinates do: withheld whenever the location is degraded. */
export function seesAddress(audience: Audience, precision: Precision | string): boolean {
  return seesExactLocation(audience, precision);
}

/**
 * Whether an audit names a site it counted. Being counted in an audit places a site inside
 * the audit's area, so a site shown with no location at all is counted but not named.
 */
export function namedInAudit(audience: Audience, tier: Tier | string | undefined, precision: Precision | string | undefined): boolean {
  return seesTier(audience, tier) && (audience.exactLocations || precision !== 'none');
}

export type AuditStatus = 'draft' | 'open' | 'published';

/** The audit statuses an audience may read; undefined for all. */
export function auditStatusesFor(audience: Audience): AuditStatus[] | undefined {
  return audience.role === 'public' ? ['published'] : undefined;
}

export function seesAudit(audience: Audience, status: string): boolean {
  const statuses = auditStatusesFor(audience);
  return statuses === undefined || (statuses as string[]).includes(status);
}

/** A challenge at a site is never more visible than the site is now (or, once the site is gone, than it was). */
export function challengeTier(own: Tier | string, siteTier: Tier | string | null | undefined): Tier {
  return siteTier ? stricterTier(own, siteTier) : asTier(own);
}

export function seesChallenge(audience: Audience, tier: Tier | string, auditStatus: string): boolean {
  return seesTier(audience, tier) && seesAudit(audience, auditStatus);
}

/**
 * Audit night's room: the projector and the phones. It is the public (public tier, public
 * precision), shown an audit that is open that night as well as a published one.
 */
export const ROOM: Audience = audienceFor('public');

export function roomSeesAudit(status: string): boolean {
  return status === 'open' || status === 'published';
}

export function roomSeesChallenge(tier: Tier | string, auditStatus: string): boolean {
  return seesTier(ROOM, tier) && roomSeesAudit(auditStatus);
}

/** Testimonies awaiting moderation: auditors see those at their tier. */
export function seesTestimonyToModerate(audience: Audience, tier: Tier | string): boolean {
  return seesTier(audience, tier);
}

/** Testimonies reach an audience only when approved, given with consent, and at its tier. */
export function seesTestimony(audience: Audience, testimony: { moderation: string; consent: boolean; visibility: Tier | string }): boolean {
  return testimony.moderation === 'approved' && testimony.consent && seesTier(audience, testimony.visibility);
}

/**
 * The group ids a site filter may search. A hidden group is answered like an unknown one:
 * both match nothing, so a guessed id confirms nothing. Null when the filter names no group.
 */
export function searchableGroupIds(requested: readonly string[] | undefined, visibleGroupIds: ReadonlySet<string>): string[] | null {
  if (!requested?.length) return null;
  return requested.filter((id) => visibleGroupIds.has(id));
}

/** The tier a reference (a change-log entry, a copy) is shown at: its subject's tier now, or the stored one when the subject is gone. */
export function currentTier(stored: Tier | string, now: Tier | string | null | undefined): Tier {
  return isTier(now) ? now : asTier(stored);
}

export function stricterTier(a: Tier | string, b: Tier | string): Tier {
  return TIERS.indexOf(asTier(a)) >= TIERS.indexOf(asTier(b)) ? asTier(a) : asTier(b);
}

export function coarserPrecision(a: Precision | string, b: Precision | string): Precision {
  return PRECISIONS.indexOf(asPrecision(a)) >= PRECISIONS.indexOf(asPrecision(b)) ? asPrecision(a) : asPrecision(b);
}

export interface SitePrivacy<G> {
  visibility: Tier;
  precision: Precision;
  /** The degraded geometry anyone below steward receives. */
  shownGeometry: G | null;
}

/**
 * What a published record shows of a site: the stricter of the tier and precision at
 * publication and now. The degraded geometry is the one of the coarser precision (at equal
 * precision, the one published); a site since deleted keeps what was published.
 */
export function stricterSitePrivacy<G>(atPublication: SitePrivacy<G>, now: SitePrivacy<G> | undefined): SitePrivacy<G> {
  if (!now) return atPublication;
  const precision = coarserPrecision(atPublication.precision, now.precision);
  const coarserNow = precision !== atPublication.precision;
  return { visibility: stricterTier(atPublication.visibility, now.visibility), precision, shownGeometry: coarserNow ? now.shownGeometry : atPublication.shownGeometry };
}

/** Whether a response for this audience may be kept in a shared cache. */
export function sharedCacheAllowed(audience: Audience): boolean {
  return audience.role === 'public';
}

// ─── changing ─────────────────────────────────────────────────────────────────────────────

/** Nobody gives a thing a tier above their own (they could not see what they made). */
export function assertMayGiveTier(actor: Acting, tier: Tier | string, field = 'visibility'): void {
  if (canSeeTier(actor.viewer.role, asTier(tier))) return;
  throw new KudzuError('FORBIDDEN', `${field}: only stewards may make something visible to ${tier} only`, { field, permission: 'steward' });
}

/**
 * Only stewards change who may see a thing and how precisely, except to make it safer:
 * anyone else may narrow its tier (never above their own) and coarsen its precision.
 */
export function assertMayChangePrivacy(actor: Acting, before: { visibility: Tier | string; precision?: Precision | string }, after: { visibility: Tier | string; precision?: Precision | string }): void {
  if (actor.viewer.role === 'steward') return;
  if (stricterTier(before.visibility, after.visibility) !== asTier(after.visibility)) {
    throw new KudzuError('FORBIDDEN', `visibility: only stewards may widen who sees this (from ${before.visibility} to ${after.visibility}); you may only narrow it`, { field: 'visibility', permission: 'steward' });
  }
  assertMayGiveTier(actor, after.visibility);
  if (before.precision !== undefined && after.precision !== undefined && coarserPrecision(before.precision, after.precision) !== asPrecision(after.precision)) {
    throw new KudzuError('FORBIDDEN', `precision: only stewards may show a location more precisely (from ${before.precision} to ${after.precision}); you may only make it coarser`, { field: 'precision', permission: 'steward' });
  }
}

/** A moderator may narrow who sees a testimony, never widen it: the teller agreed to that tier only. */
export function assertMayNarrowTestimony(before: Tier | string, after: Tier | string | undefined): void {
  if (after === undefined || stricterTier(before, after) === asTier(after)) return;
  throw new KudzuError('BAD_INPUT', `visibility cannot be widened from ${before} to ${after}: the teller agreed to ${before} only`, { field: 'visibility' });
}

/** Shared reference layers (population, streets, sources) feed everyone's analysis: a steward's to change. */
export function assertMayReplaceLayer(actor: Acting): void {
  requireRole(actor, 'steward', 'adding or replacing a reference layer');
}

// ─── plain values ─────────────────────────────────────────────────────────────────────────

function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/** An unknown tier is treated as the narrowest: stewards only. */
function asTier(value: Tier | string): Tier {
  return isTier(value) ? value : 'stewards';
}

/** An unknown precision is treated as the coarsest: no location. */
function asPrecision(value: Precision | string): Precision {
  return (PRECISIONS as readonly string[]).includes(value) ? (value as Precision) : 'none';
}
