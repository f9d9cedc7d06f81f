import type { Kysely } from 'kysely';
import { PrivacyGenerationRepository, touchesPrivacy } from './privacyGeneration.repository';
import type {
  AuditAnswerTable,
  AuditCheckTable,
  AuditNeedEstimateTable,
  AuditTable,
  AuditTallyTable,
  AuditTestimonyTable,
  Database,
} from '../db/schema';

/** The network's checklist: every wording of every check. */
export class CheckRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async all(): Promise<AuditCheckTable[]> {
    return this.db.selectFrom('audit_checks').selectAll().orderBy('sort_order').orderBy('key').orderBy('version').execute();
  }

  async insertMany(rows: AuditCheckTable[]): Promise<void> {
    if (rows.length > 0) await this.db.insertInto('audit_checks').values(rows).execute();
  }

  async setRetired(key: string, version: number, retiredOn: string): Promise<void> {
    await this.db.updateTable('audit_checks').set({ retired_on: retiredOn }).where('key', '=', key).where('version', '=', version).execute();
  }
}

export type AuditSummaryRow = Pick<AuditTable, 'id' | 'area_id' | 'period_label' | 'period_start' | 'period_end' | 'next_audit_on' | 'status' | 'opened_at' | 'published_at' | 'version' | 'updated_at' | 'summary'>;

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: { areaId?: string; statuses?: string[] } = {}): Promise<AuditTable[]> {
    let query = this.db.selectFrom('audits').selectAll();
    if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
    if (filter.statuses) query = query.where('status', 'in', filter.statuses);
    return query.orderBy('period_end', 'desc').orderBy('id').execute();
  }

  /**
   * Audits without their frozen snapshots (the large part), for lists and checks that only
   * need who, where, when, status and a published audit's figures (`summary`).
   */
  async summaries(filter: { areaId?: string; statuses?: string[]; id?: string } = {}): Promise<AuditSummaryRow[]> {
    let query = this.db.selectFrom('audits').select(['id', 'area_id', 'period_label', 'period_start', 'period_end', 'next_audit_on', 'status', 'opened_at', 'published_at', 'version', 'updated_at', 'summary']);
    if (filter.id) query = query.where('id', '=', filter.id);
    if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
    if (filter.statuses) query = query.where('status', 'in', filter.statuses);
    return query.orderBy('period_end', 'desc').orderBy('id').execute();
  }

  async get(id: string): Promise<AuditTable | undefined> {
    return this.db.selectFrom('audits').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The latest published audit of the area whose period ended before `periodEnd`. */
  async previousPublished(areaId: string, periodEnd: string): Promise<AuditTable | undefined> {
    return this.db.selectFrom('audits').selectAll()
      .where('area_id', '=', areaId).where('status', '=', 'published').where('period_end', '<', periodEnd)
      .orderBy('period_end', 'desc').limit(1).executeTakeFirst();
  }

  async insert(row: AuditTable): Promise<void> {
    await this.db.insertInto('audits').values(row).execute();
  }

  /**
   * Change an audit only if it is still at `expectedVersion` and not published; returns
   * false otherwise. The status guard makes a published snapshot impossible to overwrite.
   */
  async update(id: string, expectedVersion: number, changes: Partial<AuditTable>): Promise<boolean> {
    const result = await this.db.updateTable('audits').set({ ...changes, version: expectedVersion + 1 })
      .where('id', '=', id).where('version', '=', expectedVersion).where('status', '!=', 'published')
      .executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    // A publication adds to every report of its area (history, the previous audit's diff).
    if (updated && changes.status === 'published') await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }

  // ─── answers ──────────────────────────────────────────────────────────────────────────

  async answers(auditId: string): Promise<AuditAnswerTable[]> {
    return this.db.selectFrom('audit_answers').selectAll().where('audit_id', '=', auditId).orderBy('group_id').orderBy('check_key').execute();
  }

  async answer(auditId: string, groupId: string, checkKey: string): Promise<AuditAnswerTable | undefined> {
    return this.db.selectFrom('audit_answers').selectAll()
      .where('audit_id', '=', auditId).where('group_id', '=', groupId).where('check_key', '=', checkKey).executeTakeFirst();
  }

  /** The first answer to a check; false when someone else's first answer got there before. */
  async insertAnswer(row: AuditAnswerTable): Promise<boolean> {
    const result = await this.db.insertInto('audit_answers').values(row)
      .onConflict((conflict) => conflict.columns(['audit_id', 'group_id', 'check_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * Many first answers at once (loading a whole audit, e.g. the demo's); run it inside a
   * transaction. Any answer already there makes the insert fail rather than be replaced.
   */
  async insertAnswers(rows: readonly AuditAnswerTable[]): Promise<void> {
    // Chunks keep each statement under SQLite's and PostgreSQL's limits on bound values.
    for (let start = 0; start < rows.length; start += 200) {
      await this.db.insertInto('audit_answers').values(rows.slice(start, start + 200)).execute();
    }
  }

  /** Replace an answer only if it is still at `expectedVersion`; false when someone saved since. */
  async updateAnswer(row: AuditAnswerTable, expectedVersion: number): Promise<boolean> {
    const { audit_id, group_id, check_key, ...changes } = row;
    const result = await this.db.updateTable('audit_answers').set(changes)
      .where('audit_id', '=', audit_id).where('group_id', '=', group_id).where('check_key', '=', check_key)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ─── need estimates ───────────────────────────────────────────────────────────────────

  async needEstimates(auditId: string): Promise<AuditNeedEstimateTable[]> {
    return this.db.selectFrom('audit_need_estimates').selectAll().where('audit_id', '=', auditId).orderBy('domain').execute();
  }

  async setNeedEstimate(row: AuditNeedEstimateTable): Promise<void> {
    await this.db.insertInto('audit_need_estimates').values(row)
      .onConflict((conflict) => conflict.columns(['audit_id', 'domain']).doUpdateSet({ need: row.need, note: row.note, updated_at: row.updated_at }))
      .execute();
  }

  async removeNeedEstimate(auditId: string, domain: string): Promise<void> {
    await this.db.deleteFrom('audit_need_estimates').where('audit_id', '=', auditId).where('domain', '=', domain).execute();
  }

  // ─── tallies ──────────────────────────────────────────────────────────────────────────

  async tallies(auditId: string): Promise<AuditTallyTable[]> {
    return this.db.selectFrom('audit_tallies').selectAll().where('audit_id', '=', auditId).orderBy('created_at').orderBy('name').execute();
  }

  async tally(id: string): Promise<AuditTallyTable | undefined> {
    return this.db.selectFrom('audit_tallies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertTally(row: AuditTallyTable): Promise<void> {
    await this.db.insertInto('audit_tallies').values(row).execute();
  }

  async updateTally(id: string, changes: Partial<AuditTallyTable>): Promise<void> {
    await this.db.updateTable('audit_tallies').set(changes).where('id', '=', id).execute();
  }

  async removeTally(id: string): Promise<void> {
    await this.db.deleteFrom('audit_tallies').where('id', '=', id).execute();
  }

  // ─── testimonies ──────────────────────────────────────────────────────────────────────

  async testimonies(auditId: string): Promise<AuditTestimonyTable[]> {
    return this.db.selectFrom('audit_testimonies').selectAll().where('audit_id', '=', auditId).orderBy('submitted_at').orderBy('id').execute();
  }

  async testimony(id: string): Promise<AuditTestimonyTable | undefined> {
    return this.db.selectFrom('audit_testimonies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertTestimony(row: AuditTestimonyTable): Promise<void> {
    await this.db.insertInto('audit_testimonies').values(row).execute();
  }

  async updateTestimony(id: string, changes: Partial<AuditTestimonyTable>): Promise<void> {
    await this.db.updateTable('audit_testimonies').set(changes).where('id', '=', id).execute();
    if (touchesPrivacy(changes)) await new PrivacyGenerationRepository(this.db).bump();
  }
}
