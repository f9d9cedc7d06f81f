import type { Kysely } from 'kysely';

/**
 * Audit night, live: per night (one per audit) its state (last event, the vote, the join
 * code), its events (public content only, replayed to a reconnecting screen), the phones
 * that joined (token hashes only), their ballots, and what they submitted (with the
 * idempotency key that makes a retry harmless). Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('night_state')
    .addColumn('audit_id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vote_status', 'text', (c) => c.notNull().defaultTo('not-open'))
    .addColumn('vote_options', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createTable('night_events')
    .addColumn('audit_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('night_events_pk', ['audit_id', 'seq'])
    .execute();
  await db.schema.createTable('night_participants')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('night_ballots')
    .addColumn('audit_id', 'text', (c) => c.notNull())
    .addColumn('participant', 'text', (c) => c.notNull())
    .addColumn('challenge_id', 'text', (c) => c.notNull())
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('night_ballots_pk', ['audit_id', 'participant'])
    .execute();
  await db.schema.createTable('night_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull())
    .addColumn('participant', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    .addUniqueConstraint('night_submissions_key', ['participant', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('night_submissions_audit').on('night_submissions').columns(['audit_id', 'kind', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['night_submissions', 'night_ballots', 'night_participants', 'night_events', 'night_state']) await db.schema.dropTable(table).ifExists().execute();
}
