import type { Kysely, SelectQueryBuilder } from 'kysely';
import { allAs, firstAs } from './rows';
import { PrivacyGenerationRepository, touchesPrivacy } from './privacyGeneration.repository';
import type {
  AuditAnswerTable,
  AuditCheckTable,
  AuditTable,
  AuditTallyTable,
  AuditTestimonyTable,
  Database,
} from '../db/schema';
import type { AuditSummaryFigures } from '../../shared/audit/auditSummary';
import type {
  AnswerValue,
  AuditHeader,
  AuditStatus,
  Check,
  CheckAnswer,
  Moderation,
  ModerationState,
  StoredAudit,
  StoredNeedEstimate,
  Tally,
  Testimony,
} from '../../shared/audit/types';
import type { DomainId } from '../../shared/taxonomy/domains';
import type { Tier } from '../../shared/privacy/roles';

/** The network's checklist: every wording of every check. */
export class CheckRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every wording, in checklist order. */
  async all(): Promise<Check[]> {
    return allAs(this.db.selectFrom('audit_checks').selectAll().orderBy('sort_order').orderBy('key').orderBy('version'), checkOf);
  }

  /** New wordings, each at its place in the checklist. */
  async insertMany(checks: readonly { check: Check; sortOrder: number }[], at: string): Promise<void> {
    if (checks.length > 0) await this.db.insertInto('audit_checks').values(checks.map(({ check, sortOrder }) => checkRow(check, sortOrder, at))).execute();
  }

  async setRetired(key: string, version: number, retiredOn: string): Promise<void> {
    await this.db.updateTable('audit_checks').set({ retired_on: retiredOn }).where('key', '=', key).where('version', '=', version).execute();
  }
}

const HEADER_COLUMNS = ['id', 'area_id', 'period_label', 'period_start', 'period_end', 'next_audit_on', 'status', 'opened_at', 'published_at', 'version', 'updated_at', 'summary'] as const;
type HeaderRow = Pick<AuditTable, (typeof HEADER_COLUMNS)[number]>;

export interface AuditFilter { areaId?: string; statuses?: string[]; id?: string }

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Audits with everything they keep, newest period first. */
  async list(filter: AuditFilter = {}): Promise<StoredAudit[]> {
    return allAs(filtered(this.audits(), filter), storedAuditOf);
  }

  /**
   * Audits without their frozen snapshots (the large part), for lists and checks that only
   * need who, where, when, status and a published audit's figures.
   */
  async summaries(filter: AuditFilter = {}): Promise<AuditHeader[]> {
    return allAs(filtered(this.db.selectFrom('audits').select(HEADER_COLUMNS), filter), headerOf);
  }

  private audits() {
    return this.db.selectFrom('audits').selectAll();
  }

  async get(id: string): Promise<StoredAudit | undefined> {
    return firstAs(this.audits().where('id', '=', id), storedAuditOf);
  }

  /** The latest published audit of the area whose period ended before `periodEnd`. */
  async previousPublished(areaId: string, periodEnd: string): Promise<StoredAudit | undefined> {
    return firstAs(this.audits()
      .where('area_id', '=', areaId).where('status', '=', 'published').where('period_end', '<', periodEnd)
      .orderBy('period_end', 'desc').limit(1), storedAuditOf);
  }

  async insert(audit: StoredAudit): Promise<void> {
    await this.db.insertInto('audits').values(auditRow(audit)).execute();
  }

  /**
   * Change an audit only if it is still at `expectedVersion` and not published; returns
   * false otherwise. The status guard makes a published snapshot impossible to overwrite.
   */
  async update(id: string, expectedVersion: number, changes: Partial<Omit<StoredAudit, 'id' | 'version'>>): Promise<boolean> {
    const columns = auditChanges(changes);
    const result = await this.db.updateTable('audits').set({ ...columns, version: expectedVersion + 1 })
      .where('id', '=', id).where('version', '=', expectedVersion).where('status', '!=', 'published')
      .executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    // A publication adds to every report of its area (history, the previous audit's diff).
    if (updated && changes.status === 'published') await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }

  // ─── answers ──────────────────────────────────────────────────────────────────────────

  async answers(auditId: string): Promise<CheckAnswer[]> {
    return allAs(this.db.selectFrom('audit_answers').selectAll().where('audit_id', '=', auditId).orderBy('group_id').orderBy('check_key'), answerOf);
  }

  async answer(auditId: string, groupId: string, checkKey: string): Promise<CheckAnswer | undefined> {
    return firstAs(this.db.selectFrom('audit_answers').selectAll()
      .where('audit_id', '=', auditId).where('group_id', '=', groupId).where('check_key', '=', checkKey), answerOf);
  }

  /** The first answer to a check (`userId`: whose account gave it); false when someone else's first answer got there before. */
  async insertAnswer(answer: CheckAnswer, userId: string | null): Promise<boolean> {
    const result = await this.db.insertInto('audit_answers').values(answerRow(answer, userId))
      .onConflict((conflict) => conflict.columns(['audit_id', 'group_id', 'check_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * Many first answers at once (loading a whole audit, e.g. the demo's); run it inside a
   * transaction. Any answer already there makes the insert fail rather than be replaced.
   */
  async insertAnswers(answers: readonly CheckAnswer[], userId: string | null): Promise<void> {
    // Chunks keep each statement under SQLite's and PostgreSQL's limits on bound values.
    for (let start = 0; start < answers.length; start += 200) {
      await this.db.insertInto('audit_answers').values(answers.slice(start, start + 200).map((answer) => answerRow(answer, userId))).execute();
    }
  }

  /** Replace an answer only if it is still at `expectedVersion`; false when someone saved since. */
  async updateAnswer(answer: CheckAnswer, userId: string | null, expectedVersion: number): Promise<boolean> {
    const { audit_id, group_id, check_key, ...changes } = answerRow(answer, userId);
    const result = await this.db.updateTable('audit_answers').set(changes)
      .where('audit_id', '=', audit_id).where('group_id', '=', group_id).where('check_key', '=', check_key)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ─── need estimates ───────────────────────────────────────────────────────────────────

  async needEstimates(auditId: string): Promise<StoredNeedEstimate[]> {
    const rows = await this.db.selectFrom('audit_need_estimates').selectAll().where('audit_id', '=', auditId).orderBy('domain').execute();
    return rows.map((row) => ({ auditId: row.audit_id, domain: row.domain as DomainId, need: row.need, note: row.note, updatedAt: row.updated_at }));
  }

  async setNeedEstimate(estimate: StoredNeedEstimate): Promise<void> {
    const row = { audit_id: estimate.auditId, domain: estimate.domain, need: estimate.need, note: estimate.note, updated_at: estimate.updatedAt };
    await this.db.insertInto('audit_need_estimates').values(row)
      .onConflict((conflict) => conflict.columns(['audit_id', 'domain']).doUpdateSet({ need: row.need, note: row.note, updated_at: row.updated_at }))
      .execute();
  }

  async removeNeedEstimate(auditId: string, domain: string): Promise<void> {
    await this.db.deleteFrom('audit_need_estimates').where('audit_id', '=', auditId).where('domain', '=', domain).execute();
  }

  // ─── tallies ──────────────────────────────────────────────────────────────────────────

  async tallies(auditId: string): Promise<Tally[]> {
    return allAs(this.db.selectFrom('audit_tallies').selectAll().where('audit_id', '=', auditId).orderBy('created_at').orderBy('name'), tallyOf);
  }

  async tally(id: string): Promise<Tally | undefined> {
    return firstAs(this.db.selectFrom('audit_tallies').selectAll().where('id', '=', id), tallyOf);
  }

  async insertTally(tally: Tally, at: string): Promise<void> {
    await this.db.insertInto('audit_tallies').values({ id: tally.id, audit_id: tally.auditId, name: tally.name, count: tally.count, unit: tally.unit, domain: tally.domain, created_at: at }).execute();
  }

  /** Name, count, unit and domain are kept under their own names. */
  async updateTally(id: string, changes: Partial<Pick<Tally, 'name' | 'count' | 'unit' | 'domain'>>): Promise<void> {
    await this.db.updateTable('audit_tallies').set(changes).where('id', '=', id).execute();
  }

  async removeTally(id: string): Promise<void> {
    await this.db.deleteFrom('audit_tallies').where('id', '=', id).execute();
  }

  // ─── testimonies ──────────────────────────────────────────────────────────────────────

  async testimonies(auditId: string): Promise<Testimony[]> {
    return allAs(this.db.selectFrom('audit_testimonies').selectAll().where('audit_id', '=', auditId).orderBy('submitted_at').orderBy('id'), testimonyOf);
  }

  async testimony(id: string): Promise<Testimony | undefined> {
    return firstAs(this.db.selectFrom('audit_testimonies').selectAll().where('id', '=', id), testimonyOf);
  }

  /** A testimony nobody has moderated yet, or one loaded already moderated (the demo's). */
  async insertTestimony(testimony: Testimony, moderated: Pick<Moderation, 'moderatedBy' | 'moderatedAt'> = { moderatedBy: null, moderatedAt: null }): Promise<void> {
    await this.db.insertInto('audit_testimonies').values({
      id: testimony.id, audit_id: testimony.auditId, text: testimony.text, pseudonym: testimony.pseudonym, consent: testimony.consent ? 1 : 0,
      visibility: testimony.visibility, moderation: testimony.moderation, domain: testimony.domain, submitted_at: testimony.submittedAt,
      moderated_by: moderated.moderatedBy, moderated_at: moderated.moderatedAt,
    }).execute();
  }

  async moderateTestimony(id: string, moderation: Moderation): Promise<void> {
    const changes: Partial<AuditTestimonyTable> = { moderation: moderation.moderation, visibility: moderation.visibility, moderated_by: moderation.moderatedBy, moderated_at: moderation.moderatedAt };
    await this.db.updateTable('audit_testimonies').set(changes).where('id', '=', id).execute();
    if (touchesPrivacy(changes)) await new PrivacyGenerationRepository(this.db).bump();
  }
}

// ─── rows and the audit's plain data ────────────────────────────────────────────────────

/** Newest period first. */
function filtered<O>(query: SelectQueryBuilder<Database, 'audits', O>, filter: AuditFilter): SelectQueryBuilder<Database, 'audits', O> {
  if (filter.id) query = query.where('id', '=', filter.id);
  if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  return query.orderBy('period_end', 'desc').orderBy('id');
}

function headerOf(row: HeaderRow): AuditHeader {
  return {
    id: row.id,
    areaId: row.area_id,
    period: { label: row.period_label, start: row.period_start, end: row.period_end },
    nextAuditOn: row.next_audit_on,
    status: row.status as AuditStatus,
    openedAt: row.opened_at,
    publishedAt: row.published_at,
    version: row.version,
    figures: row.summary ? (JSON.parse(row.summary) as AuditSummaryFigures) : null,
    updatedAt: row.updated_at,
  };
}

function storedAuditOf(row: AuditTable): StoredAudit {
  return {
    ...headerOf(row),
    rules: JSON.parse(row.rules) as StoredAudit['rules'],
    checks: JSON.parse(row.checks) as Check[],
    snapshot: row.snapshot === null ? null : (JSON.parse(row.snapshot) as StoredAudit['snapshot']),
    snapshotPrivacy: row.snapshot_privacy === null ? null : (JSON.parse(row.snapshot_privacy) as StoredAudit['snapshotPrivacy']),
    acknowledgedUnknown: row.acknowledged_unknown === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function auditRow(audit: StoredAudit): AuditTable {
  return {
    id: audit.id, area_id: audit.areaId, period_label: audit.period.label, period_start: audit.period.start, period_end: audit.period.end,
    next_audit_on: audit.nextAuditOn, status: audit.status, opened_at: audit.openedAt, published_at: audit.publishedAt, version: audit.version,
    created_at: audit.createdAt, updated_at: audit.updatedAt, created_by: audit.createdBy,
    ...auditChanges(audit) as Pick<AuditTable, 'rules' | 'checks' | 'snapshot' | 'snapshot_privacy' | 'acknowledged_unknown' | 'summary'>,
  };
}

/** The columns an audit's changes are kept in (JSON as text, booleans as 0/1). */
function auditChanges(changes: Partial<StoredAudit>): Partial<AuditTable> {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const columns: Partial<AuditTable> = {};
  if (changes.status !== undefined) columns.status = changes.status;
  if (changes.openedAt !== undefined) columns.opened_at = changes.openedAt;
  if (changes.publishedAt !== undefined) columns.published_at = changes.publishedAt;
  if (changes.updatedAt !== undefined) columns.updated_at = changes.updatedAt;
  if (changes.rules !== undefined) columns.rules = JSON.stringify(changes.rules);
  if (changes.checks !== undefined) columns.checks = JSON.stringify(changes.checks);
  if (changes.snapshot !== undefined) columns.snapshot = json(changes.snapshot);
  if (changes.snapshotPrivacy !== undefined) columns.snapshot_privacy = json(changes.snapshotPrivacy);
  if (changes.figures !== undefined) columns.summary = json(changes.figures);
  if (changes.acknowledgedUnknown !== undefined) columns.acknowledged_unknown = changes.acknowledgedUnknown ? 1 : 0;
  return columns;
}

function checkOf(row: AuditCheckTable): Check {
  return {
    key: row.key, version: row.version, question: row.question, description: row.description, weight: row.weight,
    mayNotApply: row.may_not_apply === 1, addedOn: row.added_on, retiredOn: row.retired_on,
  };
}

function checkRow(check: Check, sortOrder: number, at: string): AuditCheckTable {
  return {
    key: check.key, version: check.version, question: check.question, description: check.description, weight: check.weight,
    may_not_apply: check.mayNotApply ? 1 : 0, added_on: check.addedOn, retired_on: check.retiredOn, sort_order: sortOrder, created_at: at,
  };
}

function answerOf(row: AuditAnswerTable): CheckAnswer {
  return {
    auditId: row.audit_id, groupId: row.group_id, checkKey: row.check_key, checkVersion: row.check_version,
    value: row.result as AnswerValue, evidence: row.evidence, evidenceUrl: row.evidence_url,
    answeredBy: row.answered_by, answeredAt: row.updated_at, version: row.version,
  };
}

function answerRow(answer: CheckAnswer, userId: string | null): AuditAnswerTable {
  return {
    audit_id: answer.auditId, group_id: answer.groupId, check_key: answer.checkKey, check_version: answer.checkVersion,
    result: answer.value, evidence: answer.evidence, evidence_url: answer.evidenceUrl, answered_by: answer.answeredBy,
    answered_by_user_id: userId, version: answer.version, updated_at: answer.answeredAt ?? '',
  };
}

function tallyOf(row: AuditTallyTable): Tally {
  return { id: row.id, auditId: row.audit_id, name: row.name, count: row.count, unit: row.unit, domain: row.domain as DomainId | null };
}

function testimonyOf(row: AuditTestimonyTable): Testimony {
  return {
    id: row.id, auditId: row.audit_id, text: row.text, pseudonym: row.pseudonym, consent: row.consent === 1,
    visibility: row.visibility as Tier, moderation: row.moderation as ModerationState, domain: row.domain as DomainId | null,
    submittedAt: row.submitted_at,
  };
}
