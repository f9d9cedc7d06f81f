import type { Kysely } from 'kysely';
import type { Database, NightStateTable, NightSubmissionTable } from '../db/schema';
import { allAs, firstAs } from './rows';
import type { LiveVoteStatus } from '../../shared/night/live';
import type {
  NightBallot,
  NightParticipant,
  NightState,
  NightSubmission,
  NightSubmissionKind,
  NightSubmissionPayload,
  NightSubmissionStatus,
  NightVoteOption,
  StoredNightEvent,
} from '../../shared/night/records';

/** Audit night's tables: its state row, its events, its phones, their ballots and submissions. */
export class NightRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async state(auditId: string): Promise<NightState | undefined> {
    return firstAs(this.db.selectFrom('night_state').selectAll().where('audit_id', '=', auditId), stateOf);
  }

  async stateByCode(code: string): Promise<NightState | undefined> {
    return firstAs(this.db.selectFrom('night_state').selectAll().where('code', '=', code), stateOf);
  }

  /** Create the night's row if it has none (two servers racing both end with the one row). */
  async ensureState(auditId: string, code: string): Promise<void> {
    await this.db.insertInto('night_state').values({ audit_id: auditId, code, last_seq: 0, vote_status: 'not-open', vote_options: '[]' })
      .onConflict((conflict) => conflict.column('audit_id').doNothing()).execute();
  }

  async setVote(auditId: string, status: LiveVoteStatus, options: readonly NightVoteOption[]): Promise<void> {
    const voteOptions = JSON.stringify(options.map(({ challengeId, title }) => ({ challengeId, title })));
    await this.db.updateTable('night_state').set({ vote_status: status, vote_options: voteOptions }).where('audit_id', '=', auditId).execute();
  }

  /**
   * Append an event: the night's counter moves by one (a row lock on PostgreSQL, so servers
   * sharing the database number events in one order) and the event is stored under it.
   */
  async appendEvent(auditId: string, type: string, payload: Record<string, unknown>, at: string): Promise<number> {
    const row = await this.db.updateTable('night_state').set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('audit_id', '=', auditId).returning('last_seq').executeTakeFirstOrThrow();
    await this.db.insertInto('night_events').values({ audit_id: auditId, seq: row.last_seq, type, payload: JSON.stringify(payload), created_at: at }).execute();
    return row.last_seq;
  }

  async eventsAfter(auditId: string, seq: number): Promise<StoredNightEvent[]> {
    const rows = await this.db.selectFrom('night_events').selectAll().where('audit_id', '=', auditId).where('seq', '>', seq).orderBy('seq').execute();
    return rows.map((row) => ({ auditId: row.audit_id, seq: row.seq, type: row.type, payload: JSON.parse(row.payload) as Record<string, unknown>, createdAt: row.created_at }));
  }

  async participant(tokenHash: string): Promise<NightParticipant | undefined> {
    return firstAs(this.db.selectFrom('night_participants').selectAll().where('token_hash', '=', tokenHash),
      (row) => ({ tokenHash: row.token_hash, auditId: row.audit_id, joinedAt: row.joined_at, expiresAt: row.expires_at }));
  }

  async insertParticipant(participant: NightParticipant): Promise<void> {
    await this.db.insertInto('night_participants').values({ token_hash: participant.tokenHash, audit_id: participant.auditId, joined_at: participant.joinedAt, expires_at: participant.expiresAt }).execute();
  }

  async ballot(auditId: string, participant: string): Promise<NightBallot | undefined> {
    return firstAs(this.db.selectFrom('night_ballots').selectAll().where('audit_id', '=', auditId).where('participant', '=', participant),
      (row) => ({ auditId: row.audit_id, participant: row.participant, challengeId: row.challenge_id, castAt: row.cast_at }));
  }

  /** A phone's one ballot: cast, or replaced. */
  async putBallot(ballot: NightBallot): Promise<void> {
    await this.db.insertInto('night_ballots').values({ audit_id: ballot.auditId, participant: ballot.participant, challenge_id: ballot.challengeId, cast_at: ballot.castAt })
      .onConflict((conflict) => conflict.columns(['audit_id', 'participant']).doUpdateSet({ challenge_id: ballot.challengeId, cast_at: ballot.castAt })).execute();
  }

  async clearBallots(auditId: string): Promise<void> {
    await this.db.deleteFrom('night_ballots').where('audit_id', '=', auditId).execute();
  }

  /** Ballots per challenge. */
  async counts(auditId: string): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('night_ballots').select((eb) => ['challenge_id', eb.fn.countAll<number>().as('count')])
      .where('audit_id', '=', auditId).groupBy('challenge_id').execute();
    return Object.fromEntries(rows.map((row) => [row.challenge_id, Number(row.count)]));
  }

  async submissionByKey(participant: string, key: string): Promise<NightSubmission | undefined> {
    return firstAs(this.submissionsTable().where('participant', '=', participant).where('idempotency_key', '=', key), submissionOf);
  }

  async submission(id: string): Promise<NightSubmission | undefined> {
    return firstAs(this.submissionsTable().where('id', '=', id), submissionOf);
  }

  async submissionForTarget(kind: NightSubmissionKind, targetId: string): Promise<NightSubmission | undefined> {
    return firstAs(this.submissionsTable().where('kind', '=', kind).where('target_id', '=', targetId), submissionOf);
  }

  async insertSubmission(submission: NightSubmission): Promise<void> {
    await this.db.insertInto('night_submissions').values({
      id: submission.id, audit_id: submission.auditId, participant: submission.participant, idempotency_key: submission.idempotencyKey,
      kind: submission.kind, target_id: submission.targetId, payload: JSON.stringify(submission.payload), status: submission.status,
      submitted_at: submission.submittedAt, moderated_by: submission.moderatedBy, moderated_at: submission.moderatedAt,
    }).execute();
  }

  /** A decision on a submission (who and when, unless it only follows a testimony's moderation). */
  async decideSubmission(id: string, decision: { status: NightSubmissionStatus; moderatedBy?: string | null; moderatedAt?: string | null }): Promise<void> {
    const changes: Partial<NightSubmissionTable> = { status: decision.status };
    if (decision.moderatedBy !== undefined) changes.moderated_by = decision.moderatedBy;
    if (decision.moderatedAt !== undefined) changes.moderated_at = decision.moderatedAt;
    await this.db.updateTable('night_submissions').set(changes).where('id', '=', id).execute();
  }

  async submissions(filter: { auditId: string; kind?: NightSubmissionKind; status?: NightSubmissionStatus; participant?: string }): Promise<NightSubmission[]> {
    let query = this.submissionsTable().where('audit_id', '=', filter.auditId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.participant) query = query.where('participant', '=', filter.participant);
    return allAs(query.orderBy('submitted_at').orderBy('id'), submissionOf);
  }

  /** Pending claims on one challenge (a second claim waits behind the first). */
  async pendingClaims(challengeId: string): Promise<NightSubmission[]> {
    return allAs(this.submissionsTable().where('kind', '=', 'claim').where('target_id', '=', challengeId).where('status', '=', 'pending'), submissionOf);
  }

  private submissionsTable() {
    return this.db.selectFrom('night_submissions').selectAll();
  }
}

function stateOf(row: NightStateTable): NightState {
  return { auditId: row.audit_id, code: row.code, lastSeq: row.last_seq, voteStatus: row.vote_status as LiveVoteStatus, voteOptions: JSON.parse(row.vote_options) as NightVoteOption[] };
}

function submissionOf(row: NightSubmissionTable): NightSubmission {
  return {
    id: row.id, auditId: row.audit_id, participant: row.participant, idempotencyKey: row.idempotency_key,
    kind: row.kind as NightSubmissionKind, targetId: row.target_id, payload: JSON.parse(row.payload) as NightSubmissionPayload,
    status: row.status as NightSubmissionStatus, submittedAt: row.submitted_at, moderatedBy: row.moderated_by, moderatedAt: row.moderated_at,
  };
}
