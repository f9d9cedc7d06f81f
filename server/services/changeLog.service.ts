import { repositories, type Store } from '../repositories';
import { audienceOf, requireRole, type Actor } from './context';
import type { ChangeLogEntry } from '../../shared/schemas/changeLog';
import type { ChangeLogCursor } from '../repositories/changeLog.repository';
import { challengeTier, currentTier, seesTier } from '../privacy/policy';

export class ChangeLogService {
  constructor(private readonly db: Store) {}

  /**
   * The newest entries the actor may see, each at the current tier of what it is about; with
   * `before` (the last entry of the page shown), the next older page, so the whole log can be read.
   */
  async recent(actor: Actor, limit: number, entityId?: string, before?: ChangeLogCursor) {
    requireRole(actor, 'member', 'reading the change log');
    const audience = audienceOf(actor);
    const repos = repositories(this.db);
    const shown: ChangeLogEntry[] = [];
    const page = Math.max(limit, 100);
    for (let offset = 0; shown.length < limit; offset += page) {
      const rows = await repos.changeLog.recentWithSubjects(page, offset, entityId, before);
      for (const { entry, subjectVisibility, challengeSiteVisibility } of rows) {
        const tier = challengeTier(currentTier(entry.visibility, subjectVisibility), challengeSiteVisibility);
        if (seesTier(audience, tier) && shown.length < limit) shown.push(entry);
      }
      if (rows.length < page) break;
    }
    return shown.map((entry) => ({ id: entry.id, at: entry.at, who: entry.userName ?? 'someone', action: entry.action, entity: entry.entity, entityId: entry.entityId, summary: entry.summary }));
  }
}
