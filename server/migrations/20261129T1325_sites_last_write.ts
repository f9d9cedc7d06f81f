import type { Kysely } from 'kysely';

/**
 * An index on when each site was last written, so "has any site changed since this map was
 * drawn?" is one index lookup at any number of sites (cached site tiles ask it per tile).
 * Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sites_updated_at').on('sites').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sites_updated_at').execute();
}
