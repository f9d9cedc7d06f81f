import type { Kysely } from 'kysely';
import type { ChallengeTable, Database } from '../db/schema';
import { PrivacyGenerationRepository, touchesPrivacy } from './privacyGeneration.repository';

export class ChallengeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<ChallengeTable | undefined> {
    return this.db.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Challenges raised at an audit, or carried over to it. */
  async forAudit(auditId: string): Promise<ChallengeTable[]> {
    const pattern = `%${JSON.stringify(auditId)}%`;
    return this.db.selectFrom('challenges').selectAll()
      .where((eb) => eb.or([eb('audit_id', '=', auditId), eb('carried_over_to', 'like', pattern)]))
      .orderBy('created_at').orderBy('id').execute();
  }

  async list(filter: { areaId?: string; tiers: string[] }): Promise<ChallengeTable[]> {
    let query = this.db.selectFrom('challenges').selectAll().where('visibility', 'in', filter.tiers);
    if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
    return query.orderBy('created_at').orderBy('id').execute();
  }

  async insert(row: ChallengeTable): Promise<void> {
    await this.db.insertInto('challenges').values(row).execute();
  }

  /** Update only if the challenge is still at `expectedVersion`; false when someone saved since. */
  async update(id: string, expectedVersion: number, changes: Partial<ChallengeTable>): Promise<boolean> {
    const result = await this.db.updateTable('challenges').set(changes)
      .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    if (updated && touchesPrivacy(changes)) await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }
}
