import type { Kysely } from 'kysely';

/**
 * Federation planning: what a group works in, produces and still gets from outside the
 * network (JSON text, the same on SQLite and PostgreSQL), and draft links that wait for a
 * steward. Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('groups').addColumn('domains', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('groups').addColumn('produces', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('groups').addColumn('imports', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('links').addColumn('status', 'text', (c) => c.notNull().defaultTo('active')).execute();
  await db.schema.alterTable('links').addColumn('proposed_by', 'text').execute();
  await db.schema.createIndex('links_pair').on('links').columns(['from_group_id', 'to_group_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('links_pair').ifExists().execute();
  await db.schema.alterTable('links').dropColumn('proposed_by').execute();
  await db.schema.alterTable('links').dropColumn('status').execute();
  await db.schema.alterTable('groups').dropColumn('imports').execute();
  await db.schema.alterTable('groups').dropColumn('produces').execute();
  await db.schema.alterTable('groups').dropColumn('domains').execute();
}
