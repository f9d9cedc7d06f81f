import type { Kysely } from 'kysely';
import type { ChallengeTable, Database } from '../db/schema';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';

/**
 * A challenge with the current place and tier of the site it stands at (all null for a
 * challenge at an area, or when the site is gone): a challenge never keeps a copy of them.
 */
export type ChallengeRow = ChallengeTable & {
  site_visibility: string | null; site_precision: string | null;
  site_geometry: string | null; site_lon: number | null; site_lat: number | null;
  site_shown_geometry: string | null; site_shown_lon: number | null; site_shown_lat: number | null;
};

export class ChallengeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db.selectFrom('challenges')
      .leftJoin('sites', 'sites.id', 'challenges.location_site_id')
      .selectAll('challenges')
      .select([
        'sites.visibility as site_visibility', 'sites.precision as site_precision',
        'sites.geometry as site_geometry', 'sites.lon as site_lon', 'sites.lat as site_lat',
        'sites.shown_geometry as site_shown_geometry', 'sites.shown_lon as site_shown_lon', 'sites.shown_lat as site_shown_lat',
      ]);
  }

  async get(id: string): Promise<ChallengeRow | undefined> {
    return this.base().where('challenges.id', '=', id).executeTakeFirst();
  }

  async byIds(ids: readonly string[]): Promise<ChallengeRow[]> {
    const rows: ChallengeRow[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...await this.base().where('challenges.id', 'in', ids.slice(i, i + 500)).execute());
    return rows;
  }

  /** Challenges raised at an audit, or carried over to it. */
  async forAudit(auditId: string): Promise<ChallengeRow[]> {
    const pattern = `%${JSON.stringify(auditId)}%`;
    return this.base()
      .where((eb) => eb.or([eb('challenges.audit_id', '=', auditId), eb('challenges.carried_over_to', 'like', pattern)]))
      .orderBy('challenges.created_at').orderBy('challenges.id').execute();
  }

  /** Challenges whose own tier is among `tiers` (the site's current tier may narrow them further). */
  async list(filter: { areaId?: string; tiers: string[] }): Promise<ChallengeRow[]> {
    let query = this.base().where('challenges.visibility', 'in', filter.tiers);
    if (filter.areaId) query = query.where('challenges.area_id', '=', filter.areaId);
    return query.orderBy('challenges.created_at').orderBy('challenges.id').execute();
  }

  /**
   * Every write to a challenge raises the privacy generation: challenge lists are kept per
   * audience and generation, and a new challenge, a claim or a solution changes them.
   */
  async insert(row: ChallengeTable): Promise<void> {
    await this.db.insertInto('challenges').values(row).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }

  /** Update only if the challenge is still at `expectedVersion`; false when someone saved since. */
  async update(id: string, expectedVersion: number, changes: Partial<ChallengeTable>): Promise<boolean> {
    const result = await this.db.updateTable('challenges').set(changes)
      .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    if (updated) await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }
}
