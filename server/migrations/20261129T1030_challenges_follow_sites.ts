import type { Kysely } from 'kysely';

/**
 * A challenge at a site no longer keeps a copy of the site's place: it is resolved through
 * the site each time it is shown, at the site's current tier and precision. The copies taken
 * at creation are cleared. (The challenge's own tier stays: it is the floor the site's tier
 * can only narrow.) Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable('challenges')
    .set({ geometry: null, lon: null, lat: null, shown_geometry: null, shown_lon: null, shown_lat: null })
    .where('location_kind', '=', 'site')
    .execute();
  await db.schema.createIndex('challenges_location_site').on('challenges').column('location_site_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('challenges_location_site').ifExists().execute();
}
