import { randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { presentChallenge, presentProposals, type ChallengeView } from '../privacy/auditPresenter';
import { auditStatusesFor, ROOM, roomSeesAudit, roomSeesChallenge, seesAudit, seesChallenge, seesTier, stricterTier } from '../privacy/policy';
import { audienceOf, requireRole, type Actor } from './context';
import { logChange } from './site.service';
import { auditOf, challengeRecordOf, placeAtPoint } from './auditRows';
import { countedSnapshot, loadAudit, snapshotOf } from './auditContents';
import { PresentedAudits, presentationTag } from './presentedAudits';
import { generationReadsOf, type PrivacyGenerationReads } from './privacyGenerationReads';
import { assertAuditEditable } from '../../shared/audit/auditLifecycle';
import { challengeFromProposal, chooseHeadline, createChallenge, openSequel, transitionChallenge, type ChallengeAction } from '../../shared/audit/challengeLifecycle';
import { proposeChallenges } from '../../shared/audit/proposeChallenges';
import { proposeClosures } from '../../shared/audit/proposeClosures';
import type { Challenge, ChallengeLocation, ChallengePlace, ChallengeProposal, ClosureProposal, StoredAudit, StoredChallenge } from '../../shared/audit/types';
import { KudzuError } from '../../shared/errors';
import type { Tier } from '../../shared/privacy/roles';
import type { ChallengeCreateInput, ChallengeSolveInput } from '../../shared/schemas/audit';

export interface ChallengeProposals {
  /** Challenges the audit suggests raising (not yet raised). */
  proposals: ChallengeProposal[];
  /** Raised challenges the live map shows are met, with the reason. */
  closures: ClosureProposal[];
}

export interface ChallengeServiceOptions {
  /** Keep each audience's challenge lists per privacy generation (on unless measuring without it). */
  presentationCache?: boolean;
  /** The privacy generation, read once per round trip for all who ask at once (one per process). */
  generation?: PrivacyGenerationReads;
}

export interface ChallengeFilter { auditId?: string; areaId?: string }

export class ChallengeService {
  private readonly presented: PresentedAudits | null;
  private readonly generation: PrivacyGenerationReads;

  constructor(private readonly db: Store, options: ChallengeServiceOptions = {}) {
    this.presented = options.presentationCache === false ? null : new PresentedAudits();
    this.generation = options.generation ?? generationReadsOf(db);
  }

  /**
   * The entity tag of a challenge list as the actor is shown it. Every write to a challenge,
   * and every change to what a challenge shows (its site's or group's tier, place or
   * deletion, its audit's publication), raises the privacy generation, so the tag moves with
   * anything the list could show.
   */
  async presentationTag(actor: Actor, filter: ChallengeFilter): Promise<string> {
    return presentationTag('challenges', JSON.stringify([filter.auditId ?? null, filter.areaId ?? null]), actor.viewer.role, await this.generation.current());
  }

  /**
   * Challenges of an audit (raised there or carried over to it) or of an area, as the
   * actor may see them. The public sees only challenges of published audits. Built once
   * per audience, filter and privacy generation.
   */
  async list(actor: Actor, filter: ChallengeFilter): Promise<ChallengeView[]> {
    if (!this.presented) return this.listNow(actor, filter);
    return this.presented.getOrBuild(await this.presentationTag(actor, filter), () => this.listNow(actor, filter));
  }

  private async listNow(actor: Actor, filter: ChallengeFilter): Promise<ChallengeView[]> {
    const repos = repositories(this.db);
    const audience = audienceOf(actor);
    let rows: StoredChallenge[];
    if (filter.auditId) {
      const [audit] = await repos.audits.summaries({ id: filter.auditId });
      if (!audit || !seesAudit(audience, audit.status)) throw new KudzuError('NOT_FOUND', `no audit with id ${filter.auditId}`, { field: 'auditId' });
      rows = await repos.challenges.forAudit(filter.auditId);
    } else {
      rows = await repos.challenges.list({ areaId: filter.areaId, tiers: audience.tiers });
    }
    const statuses = new Map((await repos.audits.summaries({ statuses: auditStatusesFor(audience) })).map((audit) => [audit.id, audit.status]));
    const visibleGroups = new Set((await repos.groups.list(audience)).map((group) => group.id));
    return rows.map(challengeRecordOf)
      .filter((record) => seesChallenge(audience, record.visibility, statuses.get(record.challenge.auditId) ?? 'unknown'))
      .map((record) => presentChallenge(record, audience, visibleGroups))
      .filter((view): view is ChallengeView => view !== null);
  }

  /**
   * The challenges of an audit as audit night's room sees them (the public, shown the open
   * audit too): for the vote's options and the phones' claims.
   */
  async listForRoom(auditId: string): Promise<ChallengeView[]> {
    const repos = repositories(this.db);
    const [audit] = await repos.audits.summaries({ id: auditId });
    if (!audit || !roomSeesAudit(audit.status)) throw new KudzuError('NOT_FOUND', `no audit night for audit ${auditId}`, { field: 'auditId' });
    const rows = await repos.challenges.forAudit(auditId);
    const statuses = new Map((await repos.audits.summaries({})).map((summary) => [summary.id, summary.status]));
    const visibleGroups = new Set((await repos.groups.list(ROOM)).map((group) => group.id));
    return rows.map(challengeRecordOf)
      .filter((record) => roomSeesChallenge(record.visibility, statuses.get(record.challenge.auditId) ?? 'unknown'))
      .map((record) => presentChallenge(record, ROOM, visibleGroups))
      .filter((view): view is ChallengeView => view !== null);
  }

  async get(actor: Actor, challengeId: string): Promise<ChallengeView> {
    const repos = repositories(this.db);
    const row = await visibleChallenge(repos, actor, challengeId);
    const audience = audienceOf(actor);
    const visibleGroups = new Set((await repos.groups.list(audience)).map((group) => group.id));
    return presentChallenge(challengeRecordOf(row), audience, visibleGroups) as ChallengeView;
  }

  /** What the audit suggests raising, and which raised challenges now look met. */
  async proposals(actor: Actor, auditId: string): Promise<ChallengeProposals> {
    requireRole(actor, 'auditor', 'reading proposed challenges');
    const repos = repositories(this.db);
    const { proposals, privacy, snapshot, area } = await proposalsFor(repos, actor, auditId);
    const audience = audienceOf(actor);
    const open = (await repos.challenges.list({ areaId: area, tiers: audience.tiers })).map(({ challenge }) => challenge).filter((challenge) => challenge.status !== 'solved');
    return { proposals: presentProposals(proposals, privacy, audience), closures: proposeClosures(open, snapshot) };
  }

  /** A challenge made by hand, due by the next audit unless a date is given. */
  async create(actor: Actor, input: ChallengeCreateInput): Promise<ChallengeView> {
    requireRole(actor, 'auditor', 'raising a challenge');
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      const audit = await editableAudit(repos, input.auditId);
      const { location, place } = await placeOf(repos, actor, audit, input.location.kind === 'site' ? { kind: 'site', siteId: input.location.siteId, geometry: null } : { kind: 'area', areaId: audit.areaId }, 'location.siteId');
      const challenge = createChallenge({
        id, auditId: audit.id, title: input.title, description: input.description, domain: input.domain,
        source: { kind: 'manual' }, location, dueOn: input.dueOn ?? audit.nextAuditOn,
      }, { at: actor.now.toISOString(), by: actor.viewer.displayName ?? actor.viewer.userId });
      await repos.challenges.insert({ challenge, place, proposalKey: null });
      await logChange(repos, actor, 'create', { id, visibility: place.visibility }, `raised the challenge “${input.title}”`, 'challenge');
    });
    return this.get(actor, id);
  }

  /** Raise one of the audit's proposals, named by its key. */
  async fromProposal(actor: Actor, auditId: string, proposalKey: string): Promise<ChallengeView> {
    requireRole(actor, 'auditor', 'raising a challenge');
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      const audit = await editableAudit(repos, auditId);
      const { proposals, privacy } = await proposalsFor(repos, actor, auditId);
      const proposal = presentProposals(proposals, privacy, audienceOf(actor)).find((entry) => entry.key === proposalKey);
      if (!proposal) throw new KudzuError('NOT_FOUND', `proposalKey “${proposalKey}” is not a current proposal of this audit (it may already be raised)`, { field: 'proposalKey' });
      const original = proposals.find((entry) => entry.key === proposalKey) as ChallengeProposal;
      const { place } = await placeOf(repos, actor, audit, original.location, 'proposalKey');
      const groupTier = original.source.kind === 'check' ? ((await repos.groups.getRaw(original.source.groupId))?.visibility as Tier | undefined) : undefined;
      const challenge = challengeFromProposal(original, { id, auditId, dueOn: audit.nextAuditOn }, { at: actor.now.toISOString(), by: actor.viewer.displayName ?? actor.viewer.userId });
      const visibility = groupTier ? stricterTier(place.visibility, groupTier) : place.visibility;
      await repos.challenges.insert({ challenge, place: { ...place, visibility }, proposalKey });
      await logChange(repos, actor, 'create', { id, visibility }, `raised the challenge “${challenge.title}”`, 'challenge');
    });
    return this.get(actor, id);
  }

  /** A group takes the challenge on. */
  async claim(actor: Actor, challengeId: string, version: number, groupId: string): Promise<ChallengeView> {
    requireRole(actor, 'member', 'claiming a challenge');
    const group = await repositories(this.db).groups.getRaw(groupId);
    if (!group || !seesTier(audienceOf(actor), group.visibility)) throw new KudzuError('BAD_INPUT', `groupId ${groupId}: no such group`, { field: 'groupId' });
    return this.act(actor, challengeId, version, { type: 'claim', groupId }, `claimed by ${group.name}`);
  }

  async release(actor: Actor, challengeId: string, version: number): Promise<ChallengeView> {
    requireRole(actor, 'member', 'releasing a claim');
    return this.act(actor, challengeId, version, { type: 'release' }, 'claim released');
  }

  /** Solved, with evidence; optionally opening a sequel at once. */
  async solve(actor: Actor, input: ChallengeSolveInput): Promise<{ solved: ChallengeView; sequel: ChallengeView | null }> {
    requireRole(actor, 'member', 'solving a challenge');
    let sequelId: string | null = null;
    await inTransaction(this.db, async (repos) => {
      const stored = await visibleChallenge(repos, actor, input.challengeId);
      const solved = await this.transition(repos, actor, stored, input.version, { type: 'solve', evidence: input.evidence, evidenceUrl: input.evidenceUrl });
      if (input.sequel) {
        sequelId = randomUUID();
        // The sequel belongs to the area's next unpublished audit, or else to the same one.
        const next = (await repos.audits.summaries({ areaId: stored.place.areaId, statuses: ['draft', 'open'] })).at(0);
        const sequel = openSequel(solved, {
          id: sequelId, auditId: next?.id ?? stored.challenge.auditId, title: input.sequel.title, description: input.sequel.description,
          dueOn: next?.nextAuditOn ?? stored.challenge.dueOn,
        }, { at: actor.now.toISOString(), by: actor.viewer.displayName ?? actor.viewer.userId });
        await repos.challenges.insert({ challenge: sequel, place: stored.place, proposalKey: null });
      }
      await logChange(repos, actor, 'update', loggedAs(stored), `solved the challenge “${stored.challenge.title}”`, 'challenge');
    });
    return { solved: await this.get(actor, input.challengeId), sequel: sequelId ? await this.get(actor, sequelId) : null };
  }

  /** Not met by this audit: carried over to the next one of the same area, due then. */
  async carryOver(actor: Actor, challengeId: string, version: number, toAuditId: string): Promise<ChallengeView> {
    requireRole(actor, 'auditor', 'carrying a challenge over');
    const repos = repositories(this.db);
    const stored = await visibleChallenge(repos, actor, challengeId);
    const [target] = await repos.audits.summaries({ id: toAuditId });
    if (!target || target.areaId !== stored.place.areaId) throw new KudzuError('BAD_INPUT', `toAuditId ${toAuditId}: not an audit of the same area`, { field: 'toAuditId' });
    if (target.id === stored.challenge.auditId) throw new KudzuError('BAD_INPUT', 'toAuditId is the audit the challenge was raised at; carry it over to the next one', { field: 'toAuditId' });
    assertAuditEditable(auditOf(target));
    return this.act(actor, challengeId, version, { type: 'carry_over', toAuditId, dueOn: target.nextAuditOn ?? target.period.end }, `carried over to ${target.period.label}`);
  }

  /** Make one challenge the headline of an unpublished audit, and no other. */
  async chooseHeadline(actor: Actor, auditId: string, challengeId: string): Promise<ChallengeView[]> {
    requireRole(actor, 'auditor', 'choosing the headline challenge');
    await inTransaction(this.db, async (repos) => {
      const audit = await editableAudit(repos, auditId);
      const loaded = await loadAudit(repos, audit);
      const audience = audienceOf(actor);
      const visible = loaded.challenges.filter((stored) => seesTier(audience, challengeRecordOf(stored).visibility));
      const before = visible.map(({ challenge }) => challenge);
      const after = chooseHeadline(before, challengeId);
      for (const [index, challenge] of after.entries()) {
        if (challenge === before[index]) continue;
        if (!(await repos.challenges.update(challenge, before[index].version))) throw staleChallenge(challenge.id);
      }
      // Hidden challenges of the audit lose the headline too: exactly one per audit.
      for (const { challenge } of loaded.challenges.filter((entry) => !visible.includes(entry) && entry.challenge.headline)) {
        await repos.challenges.update({ ...challenge, headline: false, version: challenge.version + 1 }, challenge.version);
      }
      const chosen = after.find((challenge) => challenge.id === challengeId) as Challenge;
      await logChange(repos, actor, 'update', { id: challengeId, visibility: visible.find((stored) => stored.challenge.id === challengeId)?.place.visibility ?? 'members' }, `chose “${chosen.title}” as the headline challenge of ${audit.period.label}`, 'challenge');
    });
    return this.list(actor, { auditId });
  }

  private async act(actor: Actor, challengeId: string, version: number, action: ChallengeAction, summary: string): Promise<ChallengeView> {
    await inTransaction(this.db, async (repos) => {
      const stored = await visibleChallenge(repos, actor, challengeId);
      await this.transition(repos, actor, stored, version, action);
      await logChange(repos, actor, 'update', loggedAs(stored), `challenge “${stored.challenge.title}”: ${summary}`, 'challenge');
    });
    return this.get(actor, challengeId);
  }

  private async transition(repos: Repositories, actor: Actor, { challenge }: StoredChallenge, version: number, action: ChallengeAction): Promise<Challenge> {
    if (challenge.version !== version) throw staleChallenge(challenge.id);
    const moved = transitionChallenge(challenge, action, { at: actor.now.toISOString(), by: actor.viewer.displayName ?? actor.viewer.userId });
    // A carried-over challenge is not the headline of the audit it moves to until chosen there.
    const next = action.type === 'carry_over' ? { ...moved, headline: false } : moved;
    if (!(await repos.challenges.update(next, version))) throw staleChallenge(challenge.id);
    return next;
  }
}

async function proposalsFor(repos: Repositories, actor: Actor, auditId: string) {
  const row = await repos.audits.get(auditId);
  if (!row) throw new KudzuError('NOT_FOUND', `no audit with id ${auditId}`, { field: 'auditId' });
  const loaded = await loadAudit(repos, row);
  const { snapshot, privacy } = await snapshotOf(repos, loaded, actor.now.toISOString());
  const previousAudit = await repos.audits.previousPublished(row.areaId, row.period.end);
  const previous = previousAudit ? countedSnapshot(previousAudit) : undefined;
  return { proposals: proposeChallenges(snapshot, previous), privacy, snapshot, area: row.areaId };
}

async function editableAudit(repos: Repositories, auditId: string): Promise<StoredAudit> {
  const row = await repos.audits.get(auditId);
  if (!row) throw new KudzuError('NOT_FOUND', `no audit with id ${auditId}`, { field: 'auditId' });
  assertAuditEditable(auditOf(row));
  return row;
}

/** A challenge the actor may see now; any other is "not found", exactly like a missing one. */
async function visibleChallenge(repos: Repositories, actor: Actor, challengeId: string): Promise<StoredChallenge> {
  const stored = await repos.challenges.get(challengeId);
  const [audit] = stored ? await repos.audits.summaries({ id: stored.challenge.auditId }) : [];
  if (!stored || !audit || !seesChallenge(audienceOf(actor), challengeRecordOf(stored).visibility, audit.status)) {
    throw new KudzuError('NOT_FOUND', `no challenge with id ${challengeId}`, { field: 'challengeId' });
  }
  return stored;
}

/** A challenge as the change log names it: its id and its own tier. */
function loggedAs({ challenge, place }: StoredChallenge): { id: string; visibility: string } {
  return { id: challenge.id, visibility: place.visibility };
}

/** Where a challenge is, and who may see it: a site's tier and degraded point, or the area's centre. */
async function placeOf(repos: Repositories, actor: Actor, audit: StoredAudit, location: ChallengeLocation, field: string): Promise<{ location: ChallengeLocation; place: ChallengePlace }> {
  if (location.kind === 'site') {
    const site = await repos.sites.getRaw(location.siteId);
    if (!site || !seesTier(audienceOf(actor), site.visibility)) throw new KudzuError('BAD_INPUT', `${field}: no site with id ${location.siteId}`, { field });
    // The site's place is not copied: the challenge is shown where, and to whom, the site is shown.
    return {
      location: { kind: 'site', siteId: site.id, geometry: site.location.exact.geometry },
      place: { areaId: audit.areaId, visibility: site.visibility, ...NO_PLACE },
    };
  }
  const area = await repos.areas.get(audit.areaId);
  return {
    location: { kind: 'area', areaId: audit.areaId },
    place: placeAtPoint(audit.areaId, 'public', area ? [area.centre.lon, area.centre.lat] : null),
  };
}

const NO_PLACE = { geometry: null, point: null, shownGeometry: null, shownPoint: null } as const;

function staleChallenge(id: string): KudzuError {
  return new KudzuError('CONFLICT', `this challenge was changed by someone else since you opened it (${id}); reload and try again`, { field: 'version' });
}
