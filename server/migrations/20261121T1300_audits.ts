import { sql, type Kysely } from 'kysely';

/**
 * The sovereignty audit: the network's checklist (versioned), audits per area with their
 * answers, need estimates, tallies and testimonies, and open challenges. Frozen once merged.
 * JSON is stored as text and booleans as 0/1, so SQLite and PostgreSQL read it alike.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const double = sql`double precision`;

  // One row per wording of a check: rewording or reweighting adds a version; audits copy
  // the versions they ask, so editing the checklist never changes an old audit.
  await db.schema.createTable('audit_checks')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weight', double, (c) => c.notNull())
    .addColumn('may_not_apply', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_on', 'text')
    .addColumn('retired_on', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checks_pk', ['key', 'version'])
    .execute();

  await db.schema.createTable('audits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id'))
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('next_audit_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    /** The checks this audit asks, copied from the checklist when it was created. */
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('published_at', 'text')
    /** The steward-level truth frozen at publication; never written again. */
    .addColumn('snapshot', 'text')
    /** Who may see each thing in the snapshot (tiers, degraded geometry), for presenting it. */
    .addColumn('snapshot_privacy', 'text')
    .addColumn('acknowledged_unknown', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('audits_area').on('audits').columns(['area_id', 'period_end']).execute();

  await db.schema.createTable('audit_answers')
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('check_key', 'text', (c) => c.notNull())
    .addColumn('check_version', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_url', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_by_user_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_answers_pk', ['audit_id', 'group_id', 'check_key'])
    .execute();

  await db.schema.createTable('audit_need_estimates')
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('need', double, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_need_estimates_pk', ['audit_id', 'domain'])
    .execute();

  await db.schema.createTable('audit_tallies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_tallies_audit').on('audit_tallies').column('audit_id').execute();

  await db.schema.createTable('audit_testimonies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('pseudonym', 'text')
    .addColumn('consent', 'integer', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('moderation', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    .execute();
  await db.schema.createIndex('audit_testimonies_audit').on('audit_testimonies').column('audit_id').execute();

  await db.schema.createTable('challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id'))
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('domain', 'text')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    /** The whole source as JSON (domain, group and check, closed site…). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('proposal_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_by_group_id', 'text')
    .addColumn('solved_evidence', 'text')
    .addColumn('solved_evidence_url', 'text')
    .addColumn('due_on', 'text')
    .addColumn('carried_over_to', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_headline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sequel_of', 'text')
    .addColumn('location_kind', 'text', (c) => c.notNull())
    .addColumn('location_site_id', 'text')
    /** The real location (GeoJSON text and point), and what anyone below steward sees. */
    .addColumn('geometry', 'text')
    .addColumn('lon', double)
    .addColumn('lat', double)
    .addColumn('shown_geometry', 'text')
    .addColumn('shown_lon', double)
    .addColumn('shown_lat', double)
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('history', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('challenges_audit').on('challenges').column('audit_id').execute();
  await db.schema.createIndex('challenges_area').on('challenges').column('area_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['challenges', 'audit_testimonies', 'audit_tallies', 'audit_need_estimates', 'audit_answers', 'audits', 'audit_checks']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
