import { randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { audienceFor, presentGroup, type Audience } from '../privacy/audience';
import { approximateSiteIds, presentSnapshot } from '../privacy/auditPresenter';
import { audienceOf, requireRole, type Actor } from './context';
import { logChange, staleVersion } from './site.service';
import { auditOf } from './auditRows';
import { loadAudit, requireArea, sitesOfArea, snapshotOf, storedSnapshot, type LoadedAudit } from './auditContents';
import { buildReport, type AuditReport } from './auditReport';
import { PresentedAudits, presentationTag, type PresentationKind } from './presentedAudits';
import { generationReadsOf, type PrivacyGenerationReads } from './privacyGenerationReads';
import { networkThresholds } from './networkThresholds';
import { answerCheck } from '../../shared/audit/answerCheck';
import { assertAuditEditable, openAudit, publishAudit, returnAuditToDraft } from '../../shared/audit/auditLifecycle';
import { DEFAULT_CHECKLIST } from '../../shared/audit/defaultChecklist';
import { addCheck, checksForAudit, retireCheck, rewordCheck, reweightCheck } from '../../shared/audit/editChecklist';
import { domainScoreSeries, type DomainScorePoint } from '../../shared/audit/domainScoreSeries';
import { auditSummaryOf } from '../../shared/audit/auditSummary';
import { AuditError } from '../../shared/audit/errors';
import { suggestAnswersFromProfile } from '../../shared/audit/suggestAnswersFromProfile';
import type { AnswerSuggestion, Audit, AuditRules, AuditSnapshot, Check, CheckAnswer, SnapshotPrivacy, StoredAudit, Tally, Testimony } from '../../shared/audit/types';
import { KudzuError } from '../../shared/errors';
import type { Tier } from '../../shared/privacy/roles';
import { assertMayNarrowTestimony, auditStatusesFor, seesAudit, seesTestimonyToModerate, seesTier } from '../privacy/policy';
import type {
  AuditCreateInput,
  AuditPublishInput,
  CheckAddInput,
  CheckAnswerInput,
  NeedEstimateInput,
  TallyInput,
  TestimonyModerateInput,
  TestimonySubmitInput,
} from '../../shared/schemas/audit';
import type { DomainId } from '../../shared/taxonomy/domains';

export interface AuditSummary extends Audit {
  areaName: string;
  /** From the published snapshot; null for drafts and open audits. */
  headline: string | null;
  governedCount: number | null;
  assessedCount: number | null;
}

export interface AuditView {
  audit: Audit;
  areaName: string;
  /** Frozen for a published audit; for a draft or open audit, a preview from the live map. */
  snapshot: AuditSnapshot;
  previousAuditId: string | null;
}

export interface WorkspaceGroup { id: string; name: string; visibility: Tier }

export interface AuditWorkspace {
  audit: Audit;
  areaName: string;
  checks: Check[];
  groups: WorkspaceGroup[];
  answers: CheckAnswer[];
  progress: { answered: number; total: number; unknown: number };
  needEstimates: { domain: DomainId; need: number; note: string }[];
  rules: Partial<AuditRules>;
  tallies: Tally[];
  testimonies: Testimony[];
}

export interface AuditServiceOptions {
  /** Keep what each audience is shown of a published audit (on unless measuring without it). */
  presentationCache?: boolean;
  /** The privacy generation, read once per round trip for all who ask at once (one per process). */
  generation?: PrivacyGenerationReads;
}

export class AuditService {
  private readonly presented: PresentedAudits | null;
  private readonly generation: PrivacyGenerationReads;
  /**
   * Audits seen published at one generation. Publication is final (a published audit is never
   * edited nor unpublished) and raises the generation, so the set is only emptied when the
   * generation moves: then anything could have happened, a restore included.
   */
  private published = { generation: Number.NaN, ids: new Set<string>() };

  constructor(private readonly db: Store, options: AuditServiceOptions = {}) {
    this.presented = options.presentationCache === false ? null : new PresentedAudits();
    this.generation = options.generation ?? generationReadsOf(db);
  }

  /**
   * The entity tag of what the actor is shown of a published audit (`get` or `report`), for
   * HTTP revalidation; null for drafts and open audits, which change, and for what the actor
   * may not see. A repeated ask costs one shared read of the generation and a set lookup.
   */
  async presentationTag(actor: Actor, kind: PresentationKind, auditId: string): Promise<string | null> {
    const generation = await this.generation.current();
    if (!(await this.isPublished(auditId, generation))) return null;
    return presentationTag(kind, auditId, actor.viewer.role, generation);
  }

  private async isPublished(auditId: string, generation: number): Promise<boolean> {
    if (this.published.generation !== generation) this.published = { generation, ids: new Set() };
    if (this.published.ids.has(auditId)) return true;
    const known = this.published;
    const [summary] = await repositories(this.db).audits.summaries({ id: auditId });
    if (!summary || summary.status !== 'published') return false;
    known.ids.add(auditId);
    return true;
  }

  /** A published audit's presentation for the actor: built once per audience and privacy generation. */
  private async presentedOnce<T>(kind: PresentationKind, actor: Actor, auditId: string, build: () => Promise<T>): Promise<T> {
    if (!this.presented) return build();
    const tag = await this.presentationTag(actor, kind, auditId);
    return tag ? this.presented.getOrBuild(tag, build) : build();
  }

  // ─── reading ──────────────────────────────────────────────────────────────────────────

  /**
   * Audits, newest period first: the public sees published ones only, members also drafts.
   * Read from summaries: a published audit's figures were kept at publication.
   */
  async list(actor: Actor, filter: { areaId?: string } = {}): Promise<AuditSummary[]> {
    const repos = repositories(this.db);
    const rows = await repos.audits.summaries({ areaId: filter.areaId, statuses: auditStatusesFor(audienceOf(actor)) });
    const areaNames = new Map((await repos.areas.list()).map((area) => [area.id, area.name]));
    return rows.map((row) => {
      const figures = row.figures;
      return {
        ...auditOf(row),
        areaName: areaNames.get(row.areaId) ?? row.areaId,
        headline: figures?.headline ?? null,
        governedCount: figures?.governedCount ?? null,
        assessedCount: figures?.assessedCount ?? null,
      };
    });
  }

  async get(actor: Actor, auditId: string): Promise<AuditView> {
    return this.presentedOnce('get', actor, auditId, () => this.view(actor, auditId));
  }

  private async view(actor: Actor, auditId: string): Promise<AuditView> {
    const repos = repositories(this.db);
    const row = await visibleAudit(repos, actor, auditId);
    const loaded = await loadAudit(repos, row);
    const { snapshot, privacy } = await snapshotOf(repos, loaded, actor.now.toISOString());
    const previous = await repos.audits.previousPublished(row.areaId, row.period.end);
    return { audit: auditOf(row), areaName: loaded.area.name, snapshot: presentSnapshot(snapshot, privacy, audienceOf(actor)), previousAuditId: previous?.id ?? null };
  }

  /** The most recent published audit (of an area, or of any), for `audit report --latest`. */
  async latestPublishedId(actor: Actor, areaId?: string): Promise<string> {
    const [latest] = await repositories(this.db).audits.summaries({ areaId, statuses: ['published'] });
    if (!latest) throw new KudzuError('NOT_FOUND', areaId ? `no published audit for area ${areaId}` : 'no audit has been published yet', { field: 'auditId' });
    return latest.id;
  }

  /**
   * The report: headline, domains with reasons, tallies, testimonies, the headline
   * challenge and the diff with the previous published audit of the same area — all as the
   * actor may see them.
   */
  async report(actor: Actor, auditId: string): Promise<AuditReport> {
    return this.presentedOnce('report', actor, auditId, async () => (await this.reportFor(actor, auditId, audienceOf(actor))).report);
  }

  /**
   * The audit as the public sees it, whoever asks: what a zine or any other printed, public
   * edition may carry. The public may ask only for a published audit; members may also ask
   * for a draft or open one (the report says it is a preview). `approximateSiteIds` are the
   * sites shown to the public at a degraded place.
   */
  async publicEdition(actor: Actor, auditId: string): Promise<{ report: AuditReport; snapshot: AuditSnapshot; previous: AuditSnapshot | null; approximateSiteIds: Set<string> }> {
    return this.reportFor(actor, auditId, audienceFor('public'));
  }

  private async reportFor(actor: Actor, auditId: string, audience: Audience) {
    const repos = repositories(this.db);
    const row = await visibleAudit(repos, actor, auditId);
    const loaded = await loadAudit(repos, row);
    const { snapshot, privacy } = await snapshotOf(repos, loaded, actor.now.toISOString());
    const published = await repos.audits.list({ areaId: row.areaId, statuses: ['published'] });
    const history: AuditSnapshot[] = [];
    for (const entry of published) {
      const stored = await storedSnapshot(repos, entry);
      history.push(presentSnapshot(stored.snapshot, stored.privacy, audience));
    }
    const previousRow = await repos.audits.previousPublished(row.areaId, row.period.end);
    const previous = previousRow ? history.find((entry) => entry.auditId === previousRow.id) ?? null : null;
    const presented = presentSnapshot(snapshot, privacy, audience);
    const report = buildReport({ audit: auditOf(row), areaName: loaded.area.name, audience: audience.role, snapshot: presented, unknownCount: snapshot.unknowns.length, previous, history });
    return { report, snapshot: presented, previous, approximateSiteIds: approximateSiteIds(presented, privacy, audience) };
  }

  /**
   * Each domain's score over every published audit of an area, for the trend chart: from
   * the figures kept at publication, which name no site or group (the same for every audience).
   */
  async trend(actor: Actor, areaId: string): Promise<Record<DomainId, DomainScorePoint[]>> {
    const published = await repositories(this.db).audits.summaries({ areaId, statuses: ['published'] });
    return domainScoreSeries(published.flatMap((row) => {
      const figures = row.figures;
      return figures ? [{ auditId: row.id, period: { label: row.period.label, end: row.period.end }, scores: { domains: figures.domainScores } }] : [];
    }));
  }

  /** Everything auditors need on audit night: every group's checks and answers, tallies, testimonies. */
  async workspace(actor: Actor, auditId: string): Promise<AuditWorkspace> {
    requireRole(actor, 'auditor', 'opening the audit workspace');
    const repos = repositories(this.db);
    const audience = audienceOf(actor);
    const loaded = await loadAudit(repos, await requireAudit(repos, auditId));
    const groups = (await repos.groups.list(audience))
      .filter((group) => loaded.groupIds.has(group.id))
      .map((group) => ({ id: group.id, name: group.name, visibility: group.visibility as Tier }));
    const visibleGroupIds = new Set(groups.map((group) => group.id));
    const checks = loaded.audit.checks.filter((check) => check.retiredOn === null || check.retiredOn > loaded.audit.period.end);
    const answers = loaded.contents.answers.filter((answer) => visibleGroupIds.has(answer.groupId));
    const answered = answers.filter((answer) => answer.value !== 'unknown' && checks.some((check) => check.key === answer.checkKey)).length;
    return {
      audit: auditOf(loaded.audit),
      areaName: loaded.area.name,
      checks,
      groups,
      answers,
      progress: { answered, total: groups.length * checks.length, unknown: groups.length * checks.length - answered },
      needEstimates: [...loaded.contents.needEstimates],
      rules: loaded.contents.rules ?? {},
      tallies: [...loaded.contents.tallies],
      testimonies: loaded.contents.testimonies.filter((testimony) => seesTestimonyToModerate(audience, testimony.visibility)),
    };
  }

  /** Likely answers from a group's own profile; shown as suggestions for an auditor to confirm. */
  async suggestions(actor: Actor, auditId: string, groupId: string): Promise<AnswerSuggestion[]> {
    requireRole(actor, 'auditor', 'reading answer suggestions');
    const repos = repositories(this.db);
    const loaded = await loadAudit(repos, await requireAudit(repos, auditId));
    const group = await groupInArea(repos, actor, loaded, groupId);
    const governance = presentGroup(group, audienceOf(actor))?.governance;
    if (!governance) throw new KudzuError('NOT_FOUND', `no group with id ${groupId}`, { field: 'groupId' });
    return suggestAnswersFromProfile(groupId, governance, loaded.contents.links);
  }

  /** An audit as it now is. */
  private async audit(auditId: string): Promise<Audit> {
    return auditOf(await requireAudit(repositories(this.db), auditId));
  }

  // ─── the audit's life ─────────────────────────────────────────────────────────────────

  async create(actor: Actor, input: AuditCreateInput): Promise<Audit> {
    requireRole(actor, 'auditor', 'starting an audit');
    const id = randomUUID();
    const now = actor.now.toISOString();
    await inTransaction(this.db, async (repos) => {
      const area = await requireArea(repos, input.areaId);
      // Two starts at the same moment take turns, so the second sees the first's audit.
      await repos.areas.claim(area.id);
      await refuseSecondAuditInProgress(repos, area);
      const checklist = await currentChecklist(repos, now);
      // The audit is scored by the network's thresholds; the area's last audit's need estimates carry over.
      const latest = (await repos.audits.summaries({ areaId: area.id })).filter((audit) => audit.period.end <= input.period.end)
        .sort((a, b) => a.period.end.localeCompare(b.period.end) || a.updatedAt.localeCompare(b.updatedAt)).at(-1);
      const previous = latest ? await repos.audits.get(latest.id) : undefined;
      await repos.audits.insert({
        id, areaId: area.id, period: input.period, nextAuditOn: input.nextAuditOn, status: 'draft',
        rules: await networkThresholds(repos), checks: checksForAudit(checklist, input.period.end),
        openedAt: null, publishedAt: null, snapshot: null, snapshotPrivacy: null, acknowledgedUnknown: false, figures: null,
        version: 1, createdAt: now, updatedAt: now, createdBy: actor.viewer.userId,
      });
      for (const need of previous ? await repos.audits.needEstimates(previous.id) : []) {
        await repos.audits.setNeedEstimate({ ...need, auditId: id, updatedAt: now });
      }
      await logChange(repos, actor, 'create', { id, visibility: 'members' }, `started the audit “${input.period.label}” for ${area.name}${previous ? `, carrying over the need estimates of “${previous.period.label}”` : ''}`, 'audit');
    });
    return this.audit(id);
  }

  async open(actor: Actor, auditId: string, version: number): Promise<Audit> {
    requireRole(actor, 'auditor', 'opening an audit');
    return this.transition(actor, auditId, version, (audit) => openAudit(audit, actor.now.toISOString()), 'opened');
  }

  async returnToDraft(actor: Actor, auditId: string, version: number): Promise<Audit> {
    requireRole(actor, 'auditor', 'returning an audit to draft');
    return this.transition(actor, auditId, version, (audit) => returnAuditToDraft(audit), 'returned to draft');
  }

  private async transition(actor: Actor, auditId: string, version: number, change: (audit: Audit) => Audit, verb: string): Promise<Audit> {
    await inTransaction(this.db, async (repos) => {
      const row = await requireAudit(repos, auditId);
      checkVersion(row, version);
      const next = change(auditOf(row));
      await saveAudit(repos, row, { status: next.status, openedAt: next.openedAt, updatedAt: actor.now.toISOString() });
      await logChange(repos, actor, 'update', { id: auditId, visibility: 'members' }, `${verb} the audit “${row.period.label}”`, 'audit');
    });
    return this.audit(auditId);
  }

  /**
   * Publish an open audit: exactly one headline challenge, unknown answers only when
   * acknowledged. Freezes the snapshot (steward-level truth, with who may see what).
   */
  async publish(actor: Actor, input: AuditPublishInput): Promise<Audit> {
    requireRole(actor, 'auditor', 'publishing an audit');
    const at = actor.now.toISOString();
    await inTransaction(this.db, async (repos) => {
      const row = await editableAudit(repos, input.auditId);
      checkVersion(row, input.version);
      const loaded = await loadAudit(repos, row);
      const { audit, snapshot } = publishAudit(auditOf(row), loaded.contents, { acknowledgeUnknown: input.acknowledgeUnknown, at });
      await saveAudit(repos, row, {
        status: audit.status, publishedAt: audit.publishedAt, snapshot, figures: auditSummaryOf(snapshot),
        snapshotPrivacy: loaded.privacy satisfies SnapshotPrivacy, acknowledgedUnknown: input.acknowledgeUnknown, updatedAt: at,
      });
      await logChange(repos, actor, 'publish', { id: row.id, visibility: 'public' }, `published the audit “${row.period.label}” for ${loaded.area.name}: ${snapshot.scores.headline}`, 'audit');
    });
    return this.audit(input.auditId);
  }

  // ─── answers ──────────────────────────────────────────────────────────────────────────

  /**
   * Answer one check for one group. Refused for a published audit, for a group with no
   * site in the area, and when someone else saved the answer since the auditor read it
   * (CONFLICT naming who).
   */
  async answer(actor: Actor, input: CheckAnswerInput): Promise<CheckAnswer> {
    requireRole(actor, 'auditor', 'answering a check');
    const at = actor.now.toISOString();
    return inTransaction(this.db, async (repos) => {
      const row = await editableAudit(repos, input.auditId);
      const area = await requireArea(repos, row.areaId);
      const sites = await sitesOfArea(repos, area, row.period);
      await groupInArea(repos, actor, { area, groupIds: new Set(sites.map((site) => site.groupId).filter((id) => id !== null)) }, input.groupId);
      const existing = await repos.audits.answer(input.auditId, input.groupId, input.checkKey);
      const answer = answerCheck(existing ?? null, {
        ...input, answeredBy: actor.viewer.displayName ?? actor.viewer.userId,
      }, row.checks, { at, asOf: row.period.end });
      const saved = existing
        ? await repos.audits.updateAnswer(answer, actor.viewer.userId, existing.version)
        : await repos.audits.insertAnswer(answer, actor.viewer.userId);
      if (!saved) {
        // Someone saved between our read and our write: say who.
        const winner = await repos.audits.answer(input.auditId, input.groupId, input.checkKey);
        throw new AuditError('answer.stale_version',
          `expectedVersion ${input.expectedVersion} is out of date: ${winner?.answeredBy ?? 'someone else'} saved this answer first (now version ${winner?.version ?? '?'}); reload and answer again`,
          { field: 'expectedVersion' });
      }
      return answer;
    });
  }

  // ─── need estimates and tallies ───────────────────────────────────────────────────────

  async setNeed(actor: Actor, input: NeedEstimateInput): Promise<void> {
    requireRole(actor, 'auditor', 'estimating need');
    await inTransaction(this.db, async (repos) => {
      await editableAudit(repos, input.auditId);
      await repos.audits.setNeedEstimate({ auditId: input.auditId, domain: input.domain, need: input.need, note: input.note, updatedAt: actor.now.toISOString() });
    });
  }

  async removeNeed(actor: Actor, auditId: string, domain: DomainId): Promise<void> {
    requireRole(actor, 'auditor', 'removing a need estimate');
    await inTransaction(this.db, async (repos) => {
      await editableAudit(repos, auditId);
      await repos.audits.removeNeedEstimate(auditId, domain);
    });
  }

  async addTally(actor: Actor, input: TallyInput): Promise<Tally> {
    requireRole(actor, 'auditor', 'adding a tally');
    assertCount(input.count);
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      await editableAudit(repos, input.auditId);
      await repos.audits.insertTally({ id, auditId: input.auditId, name: input.name, count: input.count, unit: input.unit, domain: input.domain }, actor.now.toISOString());
    });
    return (await repositories(this.db).audits.tally(id))!;
  }

  async updateTally(actor: Actor, id: string, changes: Partial<Pick<Tally, 'name' | 'count' | 'unit' | 'domain'>>): Promise<Tally> {
    requireRole(actor, 'auditor', 'changing a tally');
    if (changes.count !== undefined) assertCount(changes.count);
    await inTransaction(this.db, async (repos) => {
      const tally = await repos.audits.tally(id);
      if (!tally) throw new KudzuError('NOT_FOUND', `no tally with id ${id}`, { field: 'id' });
      await editableAudit(repos, tally.auditId);
      await repos.audits.updateTally(id, changes);
    });
    return (await repositories(this.db).audits.tally(id))!;
  }

  async removeTally(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'auditor', 'removing a tally');
    await inTransaction(this.db, async (repos) => {
      const tally = await repos.audits.tally(id);
      if (!tally) throw new KudzuError('NOT_FOUND', `no tally with id ${id}`, { field: 'id' });
      await editableAudit(repos, tally.auditId);
      await repos.audits.removeTally(id);
    });
  }

  // ─── testimonies ──────────────────────────────────────────────────────────────────────

  /** Anyone may tell a testimony (with consent); it waits for moderation before anyone sees it. */
  async submitTestimony(actor: Actor, input: TestimonySubmitInput): Promise<{ id: string; moderation: 'pending' }> {
    if (input.consent !== true) throw new KudzuError('BAD_INPUT', 'consent is required: the teller must agree to the testimony being shown', { field: 'consent' });
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      // Audit night collects testimonies from phones: anyone with the audit's id may tell one.
      const row = await editableAudit(repos, input.auditId);
      await repos.audits.insertTestimony({
        id, auditId: row.id, text: input.text, pseudonym: input.pseudonym, consent: true, visibility: input.visibility,
        moderation: 'pending', domain: input.domain, submittedAt: actor.now.toISOString(),
      });
    });
    return { id, moderation: 'pending' };
  }

  async testimonies(actor: Actor, auditId: string): Promise<Testimony[]> {
    requireRole(actor, 'auditor', 'reading testimonies awaiting moderation');
    const repos = repositories(this.db);
    await requireAudit(repos, auditId);
    const audience = audienceOf(actor);
    return (await repos.audits.testimonies(auditId)).filter((testimony) => seesTestimonyToModerate(audience, testimony.visibility));
  }

  /** Approve or reject a testimony; a moderator may narrow who sees it, never widen it. */
  async moderateTestimony(actor: Actor, input: TestimonyModerateInput): Promise<Testimony> {
    requireRole(actor, 'auditor', 'moderating a testimony');
    await inTransaction(this.db, async (repos) => {
      const row = await repos.audits.testimony(input.testimonyId);
      if (!row || !seesTestimonyToModerate(audienceOf(actor), row.visibility)) throw new KudzuError('NOT_FOUND', `no testimony with id ${input.testimonyId}`, { field: 'testimonyId' });
      await editableAudit(repos, row.auditId);
      assertMayNarrowTestimony(row.visibility, input.visibility);
      await repos.audits.moderateTestimony(row.id, { moderation: input.decision, visibility: input.visibility ?? row.visibility, moderatedBy: actor.viewer.displayName ?? actor.viewer.userId, moderatedAt: actor.now.toISOString() });
    });
    return (await repositories(this.db).audits.testimony(input.testimonyId))!;
  }

  // ─── the checklist ────────────────────────────────────────────────────────────────────

  /** The network's current checklist (latest wording of each check). */
  async checklist(_actor: Actor): Promise<Check[]> {
    const repos = repositories(this.db);
    const stored = await repos.checks.all();
    return stored.length === 0 ? [...DEFAULT_CHECKLIST] : latestWordings(stored);
  }

  async addCheck(actor: Actor, input: CheckAddInput): Promise<Check[]> {
    requireRole(actor, 'steward', 'adding a check');
    return this.editChecklist(actor, (list) => addCheck(list, input, actor.now.toISOString().slice(0, 10)));
  }

  async rewordCheck(actor: Actor, key: string, words: { question?: string; description?: string; mayNotApply?: boolean }): Promise<Check[]> {
    requireRole(actor, 'steward', 'rewording a check');
    return this.editChecklist(actor, (list) => rewordCheck(list, key, words));
  }

  async reweightCheck(actor: Actor, key: string, weight: number): Promise<Check[]> {
    requireRole(actor, 'steward', 'reweighting a check');
    return this.editChecklist(actor, (list) => reweightCheck(list, key, weight));
  }

  async retireCheck(actor: Actor, key: string, retiredOn: string): Promise<Check[]> {
    requireRole(actor, 'steward', 'retiring a check');
    return this.editChecklist(actor, (list) => retireCheck(list, key, retiredOn));
  }

  /** Apply an edit: new wordings are added as new versions; retiring marks the latest one. */
  private async editChecklist(actor: Actor, edit: (list: Check[]) => Check[]): Promise<Check[]> {
    const now = actor.now.toISOString();
    await inTransaction(this.db, async (repos) => {
      const before = await currentChecklist(repos, now);
      const after = edit(before);
      const known = new Map(before.map((check) => [check.key, check]));
      const added = after.filter((check) => known.get(check.key)?.version !== check.version);
      const sortOf = (key: string) => { const index = after.findIndex((check) => check.key === key); return index; };
      await repos.checks.insertMany(added.map((check) => ({ check, sortOrder: sortOf(check.key) })), now);
      for (const check of after) {
        const previous = known.get(check.key);
        if (previous && previous.version === check.version && previous.retiredOn !== check.retiredOn && check.retiredOn) {
          await repos.checks.setRetired(check.key, check.version, check.retiredOn);
        }
      }
      await logChange(repos, actor, 'update', { id: 'checklist', visibility: 'members' }, 'edited the audit checklist', 'checklist');
    });
    return this.checklist(actor);
  }
}

// ─── helpers ────────────────────────────────────────────────────────────────────────────

async function requireAudit(repos: Repositories, auditId: string): Promise<StoredAudit> {
  const row = await repos.audits.get(auditId);
  if (!row) throw new KudzuError('NOT_FOUND', `no audit with id ${auditId}`, { field: 'auditId' });
  return row;
}

/**
 * An area has at most one audit in progress (a draft or an open audit): a second one would
 * split the night's answers. Refused naming the area and the audit already there.
 */
async function refuseSecondAuditInProgress(repos: Repositories, area: { id: string; name: string }): Promise<void> {
  const [inProgress] = await repos.audits.summaries({ areaId: area.id, statuses: ['draft', 'open'] });
  if (inProgress) {
    throw new KudzuError('CONFLICT', `areaId: ${area.name} already has an audit in progress, “${inProgress.period.label}” (${inProgress.status}); publish it before starting another audit for this area`, { field: 'areaId' });
  }
}

/** The public sees published audits only; a draft is "not found" to them, like a missing one. */
async function visibleAudit(repos: Repositories, actor: Actor, auditId: string): Promise<StoredAudit> {
  const row = await repos.audits.get(auditId);
  if (!row || !seesAudit(audienceOf(actor), row.status)) {
    throw new KudzuError('NOT_FOUND', `no audit with id ${auditId}`, { field: 'auditId' });
  }
  return row;
}

/** An audit that may still change: refused (INVALID_STATE) once published. */
async function editableAudit(repos: Repositories, auditId: string): Promise<StoredAudit> {
  const row = await requireAudit(repos, auditId);
  assertAuditEditable(auditOf(row));
  return row;
}

/** Keep changes to an audit still at the version it was read at; CONFLICT when someone saved it since. */
async function saveAudit(repos: Repositories, row: StoredAudit, changes: Parameters<Repositories['audits']['update']>[2]): Promise<void> {
  if (!(await repos.audits.update(row.id, row.version, changes))) throw staleVersion('audit', row.id);
}

function checkVersion(row: StoredAudit, version: number): void {
  if (row.version !== version) {
    throw new KudzuError('CONFLICT', `this audit was changed by someone else since you opened it (now version ${row.version}, you had ${version}); reload and try again`, { field: 'version' });
  }
}

/** A group the actor may see with at least one site inside the audit's area. */
async function groupInArea(repos: Repositories, actor: Actor, loaded: Pick<LoadedAudit, 'area' | 'groupIds'>, groupId: string) {
  const group = await repos.groups.getRaw(groupId);
  if (!group || !seesTier(audienceOf(actor), group.visibility)) {
    throw new KudzuError('BAD_INPUT', `groupId ${groupId}: no such group`, { field: 'groupId' });
  }
  if (!loaded.groupIds.has(groupId)) {
    throw new KudzuError('BAD_INPUT', `groupId ${groupId}: the group “${group.name}” has no site in ${loaded.area.name}, so it is not part of this audit`, { field: 'groupId' });
  }
  return group;
}

function assertCount(count: unknown): void {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new KudzuError('BAD_INPUT', `count must be a whole number ≥ 0, got ${JSON.stringify(count)}`, { field: 'count' });
  }
}

/** The checklist as stored (latest wording per key), seeding the default list the first time. */
async function currentChecklist(repos: Repositories, now: string): Promise<Check[]> {
  const stored = await repos.checks.all();
  if (stored.length > 0) return latestWordings(stored);
  await repos.checks.insertMany(DEFAULT_CHECKLIST.map((check, sortOrder) => ({ check, sortOrder })), now);
  return [...DEFAULT_CHECKLIST];
}

function latestWordings(checks: Check[]): Check[] {
  const latest = new Map<string, Check>();
  for (const check of checks) {
    const seen = latest.get(check.key);
    if (!seen || seen.version < check.version) latest.set(check.key, check);
  }
  return [...latest.values()];
}
