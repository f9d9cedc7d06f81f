import type { Kysely } from 'kysely';

/**
 * The steward's plan for an audit's night: which sections of the projected story are shown,
 * in which order. One row per audit, kept beside the audit (a published audit's snapshot
 * never changes; how it is told on a night may). Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('audit_night_plans')
    .addColumn('audit_id', 'text', (c) => c.primaryKey().references('audits.id').onDelete('cascade'))
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_night_plans').execute();
}
