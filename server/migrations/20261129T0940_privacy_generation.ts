import type { Kysely } from 'kysely';

/**
 * One counter, raised in the same transaction as every change to who may see something or
 * how precisely (a tier, a precision, a location, a deletion) and every publication. What
 * is presented from published audits is cached per audience and generation, so every
 * server process on the database agrees when a cached copy is stale. Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('privacy_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('privacy_generation').values({ id: 1, generation: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_generation').execute();
}
