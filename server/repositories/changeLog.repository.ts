import type { Kysely } from 'kysely';
import type { ChangeLogTable, Database } from '../db/schema';

export class ChangeLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: ChangeLogTable): Promise<void> {
    await this.db.insertInto('change_log').values(entry).execute();
  }

  async recent(tiers: string[], limit: number, entityId?: string): Promise<ChangeLogTable[]> {
    let query = this.db.selectFrom('change_log').selectAll().where('visibility', 'in', tiers);
    if (entityId) query = query.where('entity_id', '=', entityId);
    return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }
}
