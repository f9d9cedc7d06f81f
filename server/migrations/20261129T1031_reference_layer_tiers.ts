import type { Kysely } from 'kysely';

/**
 * A reference layer (population polygons, street lines, source points) has a visibility
 * tier like every site, group and link. Layers already there were shown to everyone, so
 * they start public. Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('reference_layers')
    .addColumn('layer', 'text', (c) => c.primaryKey())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const existing = await db.selectFrom('reference_features').select('layer').distinct().execute();
  const now = new Date(0).toISOString();
  for (const { layer } of existing) {
    await db.insertInto('reference_layers').values({ layer, visibility: 'public', updated_at: now }).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reference_layers').ifExists().execute();
}
