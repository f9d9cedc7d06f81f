import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ChangeLogEntry } from '../../shared/schemas/changeLog';

/**
 * A change-log entry with the current tier of what it is about (null when that is gone):
 * the site, group, link, challenge (and the site it stands at) or reference layer.
 */
export interface ChangeLogEntryNow {
  entry: ChangeLogEntry;
  subjectVisibility: string | null;
  challengeSiteVisibility: string | null;
}

/** Where a page of the log ends: the last entry shown (its time and id). */
export interface ChangeLogCursor { at: string; id: string }

export class ChangeLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: ChangeLogEntry): Promise<void> {
    await this.db.insertInto('change_log').values({
      id: entry.id, at: entry.at, user_id: entry.userId, user_name: entry.userName, action: entry.action,
      entity: entry.entity, entity_id: entry.entityId, summary: entry.summary, visibility: entry.visibility,
    }).execute();
  }

  /**
   * Newest first, `limit` entries from `offset`, whatever their tier (the caller's policy
   * filters); with `before`, only entries older than that one (newest first by time, then id).
   */
  async recentWithSubjects(limit: number, offset: number, entityId?: string, before?: ChangeLogCursor): Promise<ChangeLogEntryNow[]> {
    let query = this.db.selectFrom('change_log')
      .leftJoin('sites', (join) => join.onRef('sites.id', '=', 'change_log.entity_id').on('change_log.entity', '=', 'site'))
      .leftJoin('groups', (join) => join.onRef('groups.id', '=', 'change_log.entity_id').on('change_log.entity', '=', 'group'))
      .leftJoin('links', (join) => join.onRef('links.id', '=', 'change_log.entity_id').on('change_log.entity', '=', 'link'))
      .leftJoin('challenges', (join) => join.onRef('challenges.id', '=', 'change_log.entity_id').on('change_log.entity', '=', 'challenge'))
      .leftJoin('sites as challenge_sites', 'challenge_sites.id', 'challenges.location_site_id')
      .leftJoin('reference_layers', (join) => join.onRef('reference_layers.layer', '=', 'change_log.entity_id').on('change_log.entity', '=', 'layer'))
      .selectAll('change_log')
      .select((eb) => [
        eb.fn.coalesce('sites.visibility', 'groups.visibility', 'links.visibility', 'challenges.visibility', 'reference_layers.visibility').as('subject_visibility'),
        'challenge_sites.visibility as challenge_site_visibility',
      ]);
    if (entityId) query = query.where('change_log.entity_id', '=', entityId);
    if (before) {
      query = query.where((eb) => eb.or([
        eb('change_log.at', '<', before.at),
        eb.and([eb('change_log.at', '=', before.at), eb('change_log.id', '<', before.id)]),
      ]));
    }
    const rows = await query.orderBy('change_log.at', 'desc').orderBy('change_log.id', 'desc').limit(limit).offset(offset).execute();
    return rows.map((row) => ({
      entry: {
        id: row.id, at: row.at, userId: row.user_id, userName: row.user_name, action: row.action,
        entity: row.entity, entityId: row.entity_id, summary: row.summary, visibility: row.visibility,
      },
      subjectVisibility: row.subject_visibility,
      challengeSiteVisibility: row.challenge_site_visibility,
    }));
  }
}
