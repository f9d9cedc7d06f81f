import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { requireRole, type Actor } from './context';
import { audienceFor, roomSeesAudit, seesTestimony } from '../privacy/policy';
import { KudzuError } from '../../shared/errors';
import { pointInPolygon } from '../../shared/geo/measure';
import { applyNightEvent, emptyNightState, voteResult, type LiveJoin, type LiveNightState, type LiveTestimony, type LiveVoteOption, type NightEvent } from '../../shared/night/live';
import type { ConsoleView, PhoneView } from '../../shared/night/views';
import type { NightClaimInput, NightModerateInput, NightProposalInput, NightTestimonyInput, NightVoteInput } from '../../shared/schemas/night';
import type { TestimonyModerateInput } from '../../shared/schemas/audit';
import type { Testimony } from '../../shared/audit/types';
import type { NightState, NightSubmission, NightSubmissionPayload, StoredNightEvent } from '../../shared/night/records';
import type { AuditService } from './audit.service';
import type { ChallengeService } from './challenge.service';
import type { SiteService } from './site.service';
import type { GroupService } from './group.service';
import type { NightBus } from '../night/nightBus';
import { RateLimiter } from '../http/security';
import type { AreaGeometry } from '../../shared/schemas/geometry';

/** How long a phone's participant token is good for: one night, with room to spare. */
export const PARTICIPANT_TTL_MS = 12 * 60 * 60 * 1000;

export interface NightLimits {
  /** Submissions (testimonies, proposals, claims, votes) one phone may make per minute. */
  perPhone: number;
  /** Submissions from one network address per minute (a hall behind one router shares it). */
  perAddress: number;
  /**
   * How long the count waits after a ballot before it is pushed (ms): a burst of votes is one
   * count event, not one per ballot. 0 pushes with every ballot.
   */
  voteCountMs?: number;
}

export const DEFAULT_NIGHT_LIMITS: NightLimits = { perPhone: 12, perAddress: 600, voteCountMs: 250 };

/** A phone, as the server knows it: the hash of its token and its night. */
export interface Participant {
  hash: string;
  auditId: string;
}

const publicActor = (now: Date): Actor => ({ viewer: { userId: null, displayName: null, role: 'public' }, now });
const PUBLIC = audienceFor('public');
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newCode(): string {
  const bytes = randomBytes(6);
  return Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
}

function liveTestimony(testimony: Testimony, approvedAt: string): LiveTestimony {
  return { id: testimony.id, text: testimony.text, pseudonym: testimony.pseudonym, domain: testimony.domain, approvedAt };
}

function eventOf(event: StoredNightEvent): NightEvent {
  return { ...event.payload, seq: event.seq, type: event.type } as NightEvent;
}

type EventBody = NightEvent extends infer E ? (E extends NightEvent ? Omit<E, 'seq'> : never) : never;

/**
 * Audit night, live: phones join without an account, submit into the same moderation flows
 * as everyone else, vote; auditors moderate and run the vote from a console; every change a
 * projector may see becomes a row in the night's events table (public content only, decided
 * by the audience policy), and the bus wakes the processes that serve its screens.
 */
export class NightService {
  private readonly phoneLimits: RateLimiter;
  private readonly addressLimits: RateLimiter;
  /** Each night's public state at the last event read (see liveState). */
  private readonly states = new Map<string, LiveNightState>();
  private readonly countTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly voteCountMs: number;

  constructor(
    private readonly db: Store,
    private readonly deps: { audits: AuditService; challenges: ChallengeService; sites: SiteService; groups: GroupService },
    private readonly bus: NightBus,
    limits: NightLimits = DEFAULT_NIGHT_LIMITS,
  ) {
    this.phoneLimits = new RateLimiter(limits.perPhone, 60_000);
    this.addressLimits = new RateLimiter(limits.perAddress, 60_000);
    this.voteCountMs = limits.voteCountMs ?? 250;
  }

  // ─── the night itself ───────────────────────────────────────────────────────────────

  /** The night of an audit the public may see (open or published); created on first use. */
  async night(auditId: string): Promise<{ state: NightState; title: string; status: string }> {
    const repos = repositories(this.db);
    const [audit] = await repos.audits.summaries({ id: auditId });
    if (!audit || !roomSeesAudit(audit.status)) throw new KudzuError('NOT_FOUND', `no audit night for audit ${auditId} (it must be open or published)`, { field: 'audit' });
    let state = await repos.night.state(auditId);
    if (!state) {
      await repos.night.ensureState(auditId, newCode());
      state = (await repos.night.state(auditId))!;
    }
    return { state, title: audit.period.label, status: audit.status };
  }

  /** Every open audit's night (created if need be), for the join links `kudzu serve` prints. */
  async openNights(): Promise<{ auditId: string; title: string; code: string }[]> {
    const audits = await repositories(this.db).audits.summaries({ statuses: ['open'] });
    return Promise.all(audits.map(async (audit) => ({ auditId: audit.id, title: audit.period.label, code: (await this.night(audit.id)).state.code })));
  }

  async auditIdForCode(code: string): Promise<string> {
    const state = await repositories(this.db).night.stateByCode(code.toLowerCase());
    if (!state) throw new KudzuError('NOT_FOUND', `no audit night with the code ${code}`, { field: 'code' });
    return state.auditId;
  }

  /**
   * The night's public state at its latest event: the stored events folded in order. Kept per
   * night and brought up to date with only the events since (one small read when nothing
   * changed), so a screen asking again and again costs little.
   */
  async liveState(auditId: string, join: LiveJoin): Promise<LiveNightState> {
    const { state: row, title } = await this.night(auditId);
    let kept = this.states.get(auditId);
    if (!kept || kept.seq > row.lastSeq) kept = emptyNightState(auditId, title, join);
    if (kept.seq < row.lastSeq) {
      const events = await repositories(this.db).night.eventsAfter(auditId, kept.seq);
      kept = events.reduce((state, event) => applyNightEvent(state, eventOf(event)), kept);
      if (this.states.size > 100) this.states.clear();
      this.states.set(auditId, kept);
    }
    return { ...kept, join };
  }

  async eventsAfter(auditId: string, seq: number): Promise<NightEvent[]> {
    return (await repositories(this.db).night.eventsAfter(auditId, seq)).map(eventOf);
  }

  async lastSeq(auditId: string): Promise<number> {
    return (await this.night(auditId)).state.lastSeq;
  }

  private async append(repos: Repositories, auditId: string, body: EventBody, now: Date): Promise<number> {
    const { type, ...payload } = body;
    return repos.night.appendEvent(auditId, type, payload, now.toISOString());
  }

  private async announce(auditId: string, seq: number | null | undefined): Promise<void> {
    if (seq) await this.bus.publish({ kind: 'event', auditId, seq });
  }

  // ─── phones ─────────────────────────────────────────────────────────────────────────

  /** A phone joins an open night: a fresh random token (the cookie), stored only as its hash. */
  async join(input: { auditId?: string; code?: string }, now: Date): Promise<{ token: string; expiresAt: Date; auditId: string }> {
    const auditId = input.auditId ?? await this.auditIdForCode(input.code!);
    const { status } = await this.night(auditId);
    if (status !== 'open') throw new KudzuError('INVALID_STATE', `audit ${auditId} is ${status}: phones join an open audit night`, { field: 'auditId' });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + PARTICIPANT_TTL_MS);
    await repositories(this.db).night.insertParticipant({ tokenHash: hashToken(token), auditId, joinedAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    return { token, expiresAt, auditId };
  }

  /** The phone behind a token; a forged, expired or other night's token is refused by name. */
  async participant(token: string | undefined, auditId: string | undefined, now: Date): Promise<Participant> {
    if (!token) throw new KudzuError('UNAUTHENTICATED', 'this phone has not joined the night: open the join link or scan the QR code again', { field: 'participant' });
    const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await repositories(this.db).night.participant(hashToken(token)) : undefined;
    if (!row) throw new KudzuError('UNAUTHENTICATED', 'the participant token is not one this server gave out: open the join link again', { field: 'participant' });
    if (row.expiresAt <= now.toISOString()) throw new KudzuError('UNAUTHENTICATED', 'the participant token has expired: open the join link again', { field: 'participant' });
    if (auditId !== undefined && row.auditId !== auditId) throw new KudzuError('FORBIDDEN', `this phone joined another night (audit ${row.auditId}), not audit ${auditId}`, { field: 'audit' });
    return { hash: row.tokenHash, auditId: row.auditId };
  }

  private spend(participant: Participant, address: string | undefined, now: Date): void {
    if (!this.phoneLimits.allow(participant.hash, now.getTime())) throw new KudzuError('RATE_LIMITED', 'too many submissions from this phone: the limit is a few a minute; wait a moment', { field: 'participant' });
    if (address && !this.addressLimits.allow(address, now.getTime())) throw new KudzuError('RATE_LIMITED', 'too many submissions from this network address; wait a minute', { field: 'address' });
  }

  private async openNight(repos: Repositories, auditId: string): Promise<void> {
    const [audit] = await repos.audits.summaries({ id: auditId });
    if (!audit || audit.status !== 'open') throw new KudzuError('INVALID_STATE', `audit ${auditId} is no longer open: submissions are closed`, { field: 'auditId' });
  }

  /**
   * Store one submission under its idempotency key, or, when the key was seen, answer what
   * was stored the first time (a retry from a phone that lost its connection).
   */
  private async once(participant: Participant, key: string, work: (repos: Repositories, id: string) => Promise<Pick<NightSubmission, 'kind' | 'targetId' | 'payload'>>, now: Date, address: string | undefined): Promise<{ id: string; status: string; duplicate: boolean }> {
    const repos = repositories(this.db);
    const earlier = await repos.night.submissionByKey(participant.hash, key);
    if (earlier) return { id: earlier.id, status: earlier.status, duplicate: true };
    this.spend(participant, address, now);
    const id = randomUUID();
    let seq: number;
    try {
      seq = await inTransaction(this.db, async (trx) => {
        await this.openNight(trx, participant.auditId);
        const what = await work(trx, id);
        await trx.night.insertSubmission({
          ...what, id, auditId: participant.auditId, participant: participant.hash, idempotencyKey: key,
          status: 'pending', submittedAt: now.toISOString(), moderatedBy: null, moderatedAt: null,
        });
        return this.append(trx, participant.auditId, { type: 'queue.changed' }, now);
      });
    } catch (error) {
      // The same key twice at once: the other request stored it; answer with that one.
      const stored = await repos.night.submissionByKey(participant.hash, key);
      if (stored) return { id: stored.id, status: stored.status, duplicate: true };
      throw error;
    }
    await this.announce(participant.auditId, seq);
    return { id, status: 'pending', duplicate: false };
  }

  async submitTestimony(participant: Participant, input: NightTestimonyInput, now: Date, address?: string) {
    return this.once(participant, input.key, async (repos, id) => {
      await repos.audits.insertTestimony({
        id, auditId: participant.auditId, text: input.text, pseudonym: input.pseudonym, consent: true, visibility: 'public',
        moderation: 'pending', domain: null, submittedAt: now.toISOString(),
      });
      return { kind: 'testimony', targetId: id, payload: { summary: input.text.slice(0, 80) } };
    }, now, address);
  }

  async proposeSite(participant: Participant, input: NightProposalInput, now: Date, address?: string) {
    const repos = repositories(this.db);
    const type = await repos.taxonomy.functionType(input.functionType);
    if (!type) throw new KudzuError('BAD_INPUT', `functionType: unknown function type “${input.functionType}”`, { field: 'functionType' });
    const area = await this.areaOf(participant.auditId);
    if (area && !pointInPolygon([input.lon, input.lat], area.geometry)) throw new KudzuError('BAD_INPUT', `lon, lat: the place (${input.lon.toFixed(5)}, ${input.lat.toFixed(5)}) is outside the audit's area`, { field: 'lon' });
    return this.once(participant, input.key, async () => ({
      kind: 'proposal', targetId: null, payload: { name: input.name, functionType: input.functionType, lon: input.lon, lat: input.lat, summary: input.name },
    }), now, address);
  }

  async claimChallenge(participant: Participant, input: NightClaimInput, now: Date, address?: string) {
    const actor = publicActor(now);
    const challenge = (await this.deps.challenges.listForRoom(participant.auditId)).find((candidate) => candidate.id === input.challengeId);
    if (!challenge) throw new KudzuError('NOT_FOUND', `challengeId: no challenge ${input.challengeId} at this night`, { field: 'challengeId' });
    if (challenge.status !== 'open' || challenge.claimedByGroupId !== null) throw new KudzuError('CONFLICT', `challengeId: “${challenge.title}” is already ${challenge.status === 'open' ? 'claimed' : challenge.status}`, { field: 'challengeId' });
    if ((await repositories(this.db).night.pendingClaims(challenge.id)).length > 0) throw new KudzuError('CONFLICT', `challengeId: “${challenge.title}” already has a claim waiting for review`, { field: 'challengeId' });
    const group = await this.deps.groups.get(actor, input.groupId).catch(() => null);
    if (!group) throw new KudzuError('NOT_FOUND', `groupId: no group ${input.groupId}`, { field: 'groupId' });
    return this.once(participant, input.key, async () => ({
      kind: 'claim', targetId: challenge.id, payload: { groupId: group.id, groupName: group.name, challengeTitle: challenge.title, summary: `${group.name} takes on “${challenge.title}”` },
    }), now, address);
  }

  /** One ballot per phone, replaced by a second vote, until the vote closes. */
  async vote(participant: Participant, input: NightVoteInput, now: Date, address?: string): Promise<{ challengeId: string }> {
    this.spend(participant, address, now);
    await inTransaction(this.db, async (repos) => {
      const state = await repos.night.state(participant.auditId);
      if (!state || state.voteStatus === 'not-open') throw new KudzuError('INVALID_STATE', 'the vote has not opened yet', { field: 'challengeId' });
      if (state.voteStatus === 'closed') throw new KudzuError('INVALID_STATE', 'the vote has closed: no more votes', { field: 'challengeId' });
      if (!state.voteOptions.some((option) => option.challengeId === input.challengeId)) throw new KudzuError('BAD_INPUT', `challengeId: ${input.challengeId} is not one of the challenges in the vote`, { field: 'challengeId' });
      await repos.night.putBallot({ auditId: participant.auditId, participant: participant.hash, challengeId: input.challengeId, castAt: now.toISOString() });
    });
    if (this.voteCountMs === 0) await this.pushCount(participant.auditId, now);
    else if (!this.countTimers.has(participant.auditId)) {
      const timer = setTimeout(() => {
        this.countTimers.delete(participant.auditId);
        this.pushCount(participant.auditId, new Date(now.getTime() + this.voteCountMs)).catch((error: unknown) => {
          // The database was closed meanwhile (the server is stopping): the ballots are stored; closing the vote counts them.
          if (!(error instanceof Error && /destroyed/.test(error.message))) console.error('kudzu: pushing the vote count failed', error);
        });
      }, this.voteCountMs);
      timer.unref();
      this.countTimers.set(participant.auditId, timer);
    }
    return { challengeId: input.challengeId };
  }

  /** The whole count as it stands (ballots are the truth; the event only carries it to screens). */
  private async pushCount(auditId: string, now: Date): Promise<void> {
    const seq = await inTransaction(this.db, async (repos) => {
      const state = await repos.night.state(auditId);
      if (state?.voteStatus !== 'open') return null;
      const counts = await repos.night.counts(auditId);
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
      return this.append(repos, auditId, { type: 'vote.counted', counts, total }, now);
    });
    await this.announce(auditId, seq);
  }

  private async areaOf(auditId: string): Promise<{ bbox: [number, number, number, number]; geometry: AreaGeometry } | null> {
    const repos = repositories(this.db);
    const [audit] = await repos.audits.summaries({ id: auditId });
    const area = audit ? await repos.areas.get(audit.areaId) : undefined;
    if (!area) return null;
    return { bbox: area.bbox, geometry: area.geometry };
  }

  /** What a phone sees: the night's public choices and its own submissions' status. */
  async phone(participant: Participant, now: Date): Promise<PhoneView> {
    const actor = publicActor(now);
    const repos = repositories(this.db);
    const { state, title } = await this.night(participant.auditId);
    const [challenges, groups, types, area, ballot, mine] = await Promise.all([
      this.deps.challenges.listForRoom(participant.auditId),
      this.deps.groups.list(actor),
      repos.taxonomy.functionTypes(),
      this.areaOf(participant.auditId),
      repos.night.ballot(participant.auditId, participant.hash),
      repos.night.submissions({ auditId: participant.auditId, participant: participant.hash }),
    ]);
    return {
      auditId: participant.auditId,
      title,
      vote: { status: state.voteStatus, options: state.voteOptions.map(({ challengeId, title: t }) => ({ challengeId, title: t })), mine: state.voteStatus === 'not-open' ? null : ballot?.challengeId ?? null },
      challenges: challenges.filter((challenge) => challenge.status === 'open').map((challenge) => ({ id: challenge.id, title: challenge.title, claimed: challenge.claimedByGroupId !== null })),
      groups: groups.map((group) => ({ id: group.id, name: group.name })),
      functionTypes: types.map((type) => ({ id: type.id, label: type.label })),
      area,
      submissions: mine.map((row) => ({ key: row.idempotencyKey, kind: row.kind, status: row.status, summary: row.payload.summary ?? '', testimonyId: row.kind === 'testimony' ? row.targetId : null })),
    };
  }

  // ─── the console ────────────────────────────────────────────────────────────────────

  async console(actor: Actor, auditId: string): Promise<ConsoleView> {
    requireRole(actor, 'auditor', 'running the audit night console');
    const { state, title, status } = await this.night(auditId);
    const repos = repositories(this.db);
    const [testimonies, proposals, claims, challenges, counts] = await Promise.all([
      this.deps.audits.testimonies(actor, auditId),
      repos.night.submissions({ auditId, kind: 'proposal' }),
      repos.night.submissions({ auditId, kind: 'claim' }),
      this.deps.challenges.list(actor, { auditId }),
      repos.night.counts(auditId),
    ]);
    const options = state.voteOptions.map((option) => ({ ...option, count: counts[option.challengeId] ?? 0 }));
    const total = options.reduce((sum, option) => sum + option.count, 0);
    const vote = { status: state.voteStatus, options, total, result: null as LiveVoteOption | null };
    if (vote.status === 'closed') vote.result = voteResult(options);
    return {
      auditId, title, status, code: state.code,
      testimonies,
      proposals: proposals.map((row) => ({ id: row.id, ...(row.payload as Required<Pick<NightSubmissionPayload, 'name' | 'functionType' | 'lon' | 'lat'>>), status: row.status, submittedAt: row.submittedAt })),
      claims: claims.map((row) => ({ id: row.id, challengeId: row.targetId!, ...(row.payload as Required<Pick<NightSubmissionPayload, 'groupId' | 'groupName' | 'challengeTitle'>>), status: row.status, submittedAt: row.submittedAt })),
      candidates: challenges.filter((challenge) => challenge.status === 'open').map((challenge) => ({ id: challenge.id, title: challenge.title })),
      vote,
    };
  }

  /**
   * Approve or reject a testimony (from the console or the audit workspace: one path). What
   * the public may now see of it is pushed: an approved, consented, public testimony joins
   * the projector; one that no longer qualifies is withdrawn; a rejected one is never sent.
   */
  async moderateTestimony(actor: Actor, input: TestimonyModerateInput): Promise<Testimony> {
    const before = await repositories(this.db).audits.testimony(input.testimonyId);
    const wasPublic = before ? seesTestimony(PUBLIC, before) : false;
    const testimony = await this.deps.audits.moderateTestimony(actor, input);
    const isPublic = seesTestimony(PUBLIC, testimony);
    if (wasPublic === isPublic) return testimony;
    const night = await repositories(this.db).night.state(testimony.auditId);
    if (!night && !isPublic) return testimony;
    const seq = await inTransaction(this.db, async (repos) => {
      if (!night) await repos.night.ensureState(testimony.auditId, newCode());
      await repos.night.decideSubmission((await repos.night.submissionForTarget('testimony', testimony.id))?.id ?? '', { status: testimony.moderation, moderatedBy: actor.viewer.displayName ?? actor.viewer.userId, moderatedAt: actor.now.toISOString() });
      return isPublic
        ? this.append(repos, testimony.auditId, { type: 'testimony.approved', testimony: liveTestimony(testimony, actor.now.toISOString()) }, actor.now)
        : this.append(repos, testimony.auditId, { type: 'testimony.withdrawn', testimonyId: testimony.id }, actor.now);
    });
    await this.announce(testimony.auditId, seq);
    return testimony;
  }

  async moderate(actor: Actor, input: NightModerateInput): Promise<{ id: string; status: string }> {
    requireRole(actor, 'auditor', 'moderating audit night submissions');
    if (input.kind === 'testimony') {
      const testimony = await this.moderateTestimony(actor, { testimonyId: input.id, decision: input.decision });
      // Keep the phone's list of its submissions in step.
      const submission = await repositories(this.db).night.submissionForTarget('testimony', testimony.id);
      if (submission && submission.status !== testimony.moderation) await repositories(this.db).night.decideSubmission(submission.id, { status: testimony.moderation });
      return { id: testimony.id, status: testimony.moderation };
    }
    const row = await repositories(this.db).night.submission(input.id);
    if (!row || row.kind !== input.kind) throw new KudzuError('NOT_FOUND', `id: no ${input.kind} ${input.id} waiting`, { field: 'id' });
    if (row.status !== 'pending') throw new KudzuError('CONFLICT', `id: this ${input.kind} was already ${row.status}`, { field: 'id' });
    if (input.decision === 'approved') {
      const payload = row.payload;
      if (row.kind === 'proposal') {
        // An accepted proposal becomes a members-tier site at block precision until a steward changes that.
        await this.deps.sites.create(actor, {
          name: payload.name!, functionType: payload.functionType!, geometry: { type: 'Point', coordinates: [payload.lon!, payload.lat!] },
          visibility: 'members', precision: 'block', description: 'Proposed from a phone at audit night.',
        });
      } else {
        const challenge = await this.deps.challenges.get(actor, row.targetId!);
        await this.deps.challenges.claim(actor, challenge.id, challenge.version, payload.groupId!);
      }
    }
    const seq = await inTransaction(this.db, async (repos) => {
      await repos.night.decideSubmission(row.id, { status: input.decision, moderatedBy: actor.viewer.displayName ?? actor.viewer.userId, moderatedAt: actor.now.toISOString() });
      return this.append(repos, row.auditId, { type: 'queue.changed' }, actor.now);
    });
    await this.announce(row.auditId, seq);
    return { id: row.id, status: input.decision };
  }

  async openVote(actor: Actor, auditId: string, challengeIds: string[]): Promise<LiveNightState['vote']> {
    requireRole(actor, 'auditor', 'opening the vote');
    const { status } = await this.night(auditId);
    if (status !== 'open') throw new KudzuError('INVALID_STATE', `audit ${auditId} is ${status}: a vote runs on an open audit night`, { field: 'auditId' });
    if (new Set(challengeIds).size !== challengeIds.length) throw new KudzuError('BAD_INPUT', 'challengeIds: a challenge is listed twice', { field: 'challengeIds' });
    // The projector is public: only challenges the public may see can be put to the vote, and their titles as the public sees them.
    const visible = new Map((await this.deps.challenges.listForRoom(auditId)).map((challenge) => [challenge.id, challenge]));
    const options: LiveVoteOption[] = challengeIds.map((id, index) => {
      const challenge = visible.get(id);
      if (!challenge || challenge.status !== 'open') throw new KudzuError('BAD_INPUT', `challengeIds.${index}: ${id} is not an open public challenge of this audit`, { field: `challengeIds.${index}` });
      return { challengeId: id, title: challenge.title, count: 0 };
    });
    const seq = await inTransaction(this.db, async (repos) => {
      const state = await repos.night.state(auditId);
      if (state?.voteStatus === 'open') throw new KudzuError('INVALID_STATE', 'the vote is already open; close it first', { field: 'auditId' });
      await repos.night.clearBallots(auditId);
      await repos.night.setVote(auditId, 'open', options);
      return this.append(repos, auditId, { type: 'vote.opened', options }, actor.now);
    });
    await this.announce(auditId, seq);
    return { status: 'open', options, total: 0, result: null };
  }

  async closeVote(actor: Actor, auditId: string): Promise<LiveNightState['vote']> {
    requireRole(actor, 'auditor', 'closing the vote');
    await this.night(auditId);
    const result = await inTransaction(this.db, async (repos) => {
      const state = await repos.night.state(auditId);
      if (state?.voteStatus !== 'open') throw new KudzuError('INVALID_STATE', 'the vote is not open', { field: 'auditId' });
      await repos.night.setVote(auditId, 'closed', state.voteOptions);
      const counts = await repos.night.counts(auditId);
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
      const seq = await this.append(repos, auditId, { type: 'vote.closed', counts, total }, actor.now);
      return { seq, counts, total, options: state.voteOptions };
    });
    await this.announce(auditId, result.seq);
    const options = result.options.map((option) => ({ ...option, count: result.counts[option.challengeId] ?? 0 }));
    return { status: 'closed', options, total: result.total, result: voteResult(options) };
  }
}
