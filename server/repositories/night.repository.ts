import type { Kysely } from 'kysely';
import type { Database, NightBallotTable, NightEventTable, NightParticipantTable, NightStateTable, NightSubmissionTable } from '../db/schema';

/** Audit night's tables: its state row, its events, its phones, their ballots and submissions. */
export class NightRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async state(auditId: string): Promise<NightStateTable | undefined> {
    return this.db.selectFrom('night_state').selectAll().where('audit_id', '=', auditId).executeTakeFirst();
  }

  async stateByCode(code: string): Promise<NightStateTable | undefined> {
    return this.db.selectFrom('night_state').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Create the night's row if it has none (two servers racing both end with the one row). */
  async ensureState(auditId: string, code: string): Promise<void> {
    await this.db.insertInto('night_state').values({ audit_id: auditId, code, last_seq: 0, vote_status: 'not-open', vote_options: '[]' })
      .onConflict((conflict) => conflict.column('audit_id').doNothing()).execute();
  }

  async setVote(auditId: string, status: string, options: string): Promise<void> {
    await this.db.updateTable('night_state').set({ vote_status: status, vote_options: options }).where('audit_id', '=', auditId).execute();
  }

  /**
   * Append an event: the night's counter moves by one (a row lock on PostgreSQL, so servers
   * sharing the database number events in one order) and the event is stored under it.
   */
  async appendEvent(auditId: string, type: string, payload: string, at: string): Promise<number> {
    const row = await this.db.updateTable('night_state').set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('audit_id', '=', auditId).returning('last_seq').executeTakeFirstOrThrow();
    await this.db.insertInto('night_events').values({ audit_id: auditId, seq: row.last_seq, type, payload, created_at: at }).execute();
    return row.last_seq;
  }

  async eventsAfter(auditId: string, seq: number): Promise<NightEventTable[]> {
    return this.db.selectFrom('night_events').selectAll().where('audit_id', '=', auditId).where('seq', '>', seq).orderBy('seq').execute();
  }

  async participant(tokenHash: string): Promise<NightParticipantTable | undefined> {
    return this.db.selectFrom('night_participants').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async insertParticipant(row: NightParticipantTable): Promise<void> {
    await this.db.insertInto('night_participants').values(row).execute();
  }

  async ballot(auditId: string, participant: string): Promise<NightBallotTable | undefined> {
    return this.db.selectFrom('night_ballots').selectAll().where('audit_id', '=', auditId).where('participant', '=', participant).executeTakeFirst();
  }

  /** A phone's one ballot: cast, or replaced. */
  async putBallot(row: NightBallotTable): Promise<void> {
    await this.db.insertInto('night_ballots').values(row)
      .onConflict((conflict) => conflict.columns(['audit_id', 'participant']).doUpdateSet({ challenge_id: row.challenge_id, cast_at: row.cast_at })).execute();
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

  async submissionByKey(participant: string, key: string): Promise<NightSubmissionTable | undefined> {
    return this.db.selectFrom('night_submissions').selectAll().where('participant', '=', participant).where('idempotency_key', '=', key).executeTakeFirst();
  }

  async submission(id: string): Promise<NightSubmissionTable | undefined> {
    return this.db.selectFrom('night_submissions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async submissionForTarget(kind: string, targetId: string): Promise<NightSubmissionTable | undefined> {
    return this.db.selectFrom('night_submissions').selectAll().where('kind', '=', kind).where('target_id', '=', targetId).executeTakeFirst();
  }

  async insertSubmission(row: NightSubmissionTable): Promise<void> {
    await this.db.insertInto('night_submissions').values(row).execute();
  }

  async updateSubmission(id: string, changes: Partial<NightSubmissionTable>): Promise<void> {
    await this.db.updateTable('night_submissions').set(changes).where('id', '=', id).execute();
  }

  async submissions(filter: { auditId: string; kind?: string; status?: string; participant?: string }): Promise<NightSubmissionTable[]> {
    let query = this.db.selectFrom('night_submissions').selectAll().where('audit_id', '=', filter.auditId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.participant) query = query.where('participant', '=', filter.participant);
    return query.orderBy('submitted_at').orderBy('id').execute();
  }

  /** Pending claims on one challenge (a second claim waits behind the first). */
  async pendingClaims(challengeId: string): Promise<NightSubmissionTable[]> {
    return this.db.selectFrom('night_submissions').selectAll().where('kind', '=', 'claim').where('target_id', '=', challengeId).where('status', '=', 'pending').execute();
  }
}
