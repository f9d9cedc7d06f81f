import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The privacy generation: a number raised, in the same transaction, by every write that can
 * change what an audience is shown of published work — a tier or precision, a location, a
 * deletion, a publication, an area's outline or name. Presented copies are keyed on it, so a
 * stale one is never served, by this process or any other on the same database.
 */
export class PrivacyGenerationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async current(): Promise<number> {
    const row = await this.db.selectFrom('privacy_generation').select('generation').where('id', '=', 1).executeTakeFirst();
    return Number(row?.generation ?? 0);
  }

  async bump(): Promise<void> {
    await this.db.updateTable('privacy_generation').set({ generation: sql<number>`generation + 1` }).where('id', '=', 1).execute();
  }
}

/** Columns whose change can change what an audience is shown of a thing. */
const PRIVACY_COLUMNS = new Set(['visibility', 'precision', 'geometry', 'shown_geometry', 'shown_lon', 'shown_lat', 'group_id', 'from_group_id', 'to_group_id', 'moderation', 'consent', 'status', 'name']);

export function touchesPrivacy(changes: object): boolean {
  return Object.keys(changes).some((column) => PRIVACY_COLUMNS.has(column));
}

/** The columns of a change whose change can change what an audience is shown. */
export function privacyColumnsIn<T extends object>(changes: T): (keyof T & string)[] {
  return Object.keys(changes).filter((column) => PRIVACY_COLUMNS.has(column)) as (keyof T & string)[];
}
