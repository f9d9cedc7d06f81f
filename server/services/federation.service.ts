import { randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { presentGroup, presentLink, presentSite, type Audience } from '../privacy/audience';
import { presentSnapshot } from '../privacy/auditPresenter';
import { audienceOf, requireRole, type Actor } from './context';
import { logChange } from './site.service';
import { storedSnapshot } from './auditContents';
import type { ChallengeService } from './challenge.service';
import type { GroupService } from './group.service';
import type { AccessService } from './access.service';
import { walkingBetween } from '../../shared/network/walkingBetween';
import { parseInput } from './validate';
import { siteFilterSchema } from '../../shared/schemas/site';
import { analyseNetwork, type NetworkStructure } from '../../shared/federation/networkStructure';
import { analyseAudit, recommendLinks, tiesOf, type AuditAnalysis, type PlanGroup, type PlanLink } from '../../shared/federation/recommendLinks';
import { PresentedAudits } from './presentedAudits';
import { assertAuditEditable } from '../../shared/audit/auditLifecycle';
import { createChallenge } from '../../shared/audit/challengeLifecycle';
import { auditOf, placeAtPoint } from './auditRows';
import { KudzuError } from '../../shared/errors';
import type { Tier } from '../../shared/privacy/roles';
import { stricterTier } from '../privacy/policy';
import type { AuditSnapshot, StoredAudit } from '../../shared/audit/types';
import type { Group, Link } from '../../shared/schemas/group';
import type { Site } from '../../shared/schemas/site';
import { DOMAIN_IDS, type DomainId } from '../../shared/taxonomy/domains';
import {
  DEFAULT_FEDERATION_WEIGHTS, federationWeightsSchema, proposePactSchema, recommendInputSchema,
  type FederationWeights, type Network, type ProposePactInput, type Recommendations,
} from '../../shared/schemas/federation';
import type { z } from 'zod';
import type { ChallengeView } from '../privacy/auditPresenter';

const WEIGHTS_KEY = 'federation.weights';
/** How many analysed networks are kept (one per distinct view of the network). */
const KEPT_STRUCTURES = 4;

/** Everything the planner reads, already cut to what one viewer may see. */
interface VisibleNetwork {
  groups: Group[];
  links: Link[];
  sitesByGroup: Map<string, Site[]>;
}

export type PactProposal =
  | { kind: 'challenge'; challenge: ChallengeView }
  | { kind: 'draft_link'; link: Link };

/**
 * Federation planning: the network of groups and links, its single points of failure, and
 * which pact to make next. Everything is read through the presenters for the actor's
 * audience first, so a hidden group or link never reaches the planner (and so can neither
 * rank a candidate nor appear in a reason).
 */
export class FederationService {
  /** Analysed structures by a fingerprint of the visible groups and ties. */
  private readonly structures = new Map<string, NetworkStructure>();
  /**
   * The latest published audit as each audience sees it, scored once: keyed on the audit, the
   * role and the privacy generation, like every presented copy of a published audit.
   */
  private readonly analysedAudits = new PresentedAudits(KEPT_STRUCTURES);

  constructor(
    private readonly db: Store,
    private readonly groups: GroupService,
    private readonly challenges: ChallengeService,
    private readonly access?: AccessService,
  ) {}

  async network(actor: Actor): Promise<Network> {
    const visible = await this.visible(actor);
    const plan = planGroups(visible);
    const structure = this.structureOf(plan, visible.links);
    return {
      nodes: plan.map((group) => {
        const source = visible.groups.find((entry) => entry.id === group.id) as Group;
        return {
          id: group.id, name: group.name, mainDomain: group.domains[0] ?? null, domains: [...group.domains],
          participants: source.governance.activeParticipants, cutVertex: structure.cutVertices.has(group.id),
          position: centre(group.positions),
        };
      }),
      edges: visible.links.map((link) => ({
        id: link.id, fromGroupId: link.fromGroupId, toGroupId: link.toGroupId, kind: link.kind, flow: link.flow, status: link.status,
        bridge: link.status === 'active' && structure.isBridge(link.fromGroupId, link.toGroupId),
      })),
    };
  }

  /** The weights of the score's parts: anyone may read them, so every ranking can be checked. */
  async weights(): Promise<FederationWeights> {
    const stored = await repositories(this.db).settings.getJson(WEIGHTS_KEY);
    if (stored === undefined) return { ...DEFAULT_FEDERATION_WEIGHTS };
    const parsed = federationWeightsSchema.safeParse(stored);
    return parsed.success ? parsed.data : { ...DEFAULT_FEDERATION_WEIGHTS };
  }

  async setWeights(actor: Actor, draft: FederationWeights): Promise<FederationWeights> {
    requireRole(actor, 'steward', 'changing the federation weights');
    const weights = parseInput(federationWeightsSchema, draft);
    await repositories(this.db).settings.setJson(WEIGHTS_KEY, weights);
    return weights;
  }

  /** Candidate pacts for one group or the whole network, ranked, each part explained. */
  async recommend(actor: Actor, draft: z.input<typeof recommendInputSchema>): Promise<Recommendations> {
    const input = parseInput(recommendInputSchema, draft);
    const visible = await this.visible(actor);
    if (input.groupId !== null && !visible.groups.some((group) => group.id === input.groupId)) {
      throw new KudzuError('NOT_FOUND', `groupId: no group with id ${input.groupId}`, { field: 'groupId' });
    }
    const plan = planGroups(visible);
    const weights = await this.weights();
    const analysed = await this.latestAuditAnalysed(actor);
    const streets = await this.access?.walkingNetwork(actor);
    const result = recommendLinks({
      groups: plan, links: planLinks(visible.links), audit: analysed?.snapshot ?? null, auditAnalysis: analysed ?? undefined,
      weights, focusGroupId: input.groupId, top: input.top,
      structure: this.structureOf(plan, visible.links),
      walkingMetres: streets ? (from, to) => walkingBetween(streets, from, to) : undefined,
    });
    return { groupId: input.groupId, weights, auditLabel: result.auditLabel, headlineNow: result.headlineNow, candidateCount: result.candidateCount, recommendations: result.recommendations };
  }

  /**
   * "Propose this pact": an open challenge naming both groups, raised at the area's audit
   * that is still open or in draft, or a draft link for stewards to confirm.
   */
  async proposePact(actor: Actor, draft: z.input<typeof proposePactSchema>): Promise<PactProposal> {
    requireRole(actor, 'member', 'proposing a pact');
    const input: ProposePactInput = parseInput(proposePactSchema, draft);
    if (input.as === 'draft_link') {
      const link = await this.groups.createLink(actor, {
        fromGroupId: input.fromGroupId, toGroupId: input.toGroupId, kind: 'mutual_support_pact', description: input.note, visibility: 'members',
      }, 'draft');
      return { kind: 'draft_link', link };
    }
    requireRole(actor, 'auditor', 'raising a challenge');
    if (input.fromGroupId === input.toGroupId) throw new KudzuError('BAD_INPUT', 'toGroupId: a pact joins two different groups', { field: 'toGroupId' });
    const audience = audienceOf(actor);
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      const named: { name: string; visibility: Tier }[] = [];
      for (const [field, groupId] of [['fromGroupId', input.fromGroupId], ['toGroupId', input.toGroupId]] as const) {
        const row = await repos.groups.getRaw(groupId);
        const group = row ? presentGroup(row, audience) : null;
        if (!group) throw new KudzuError('BAD_INPUT', `${field}: no group with id ${groupId}`, { field });
        named.push({ name: group.name, visibility: group.visibility });
      }
      const audit = (await repos.audits.summaries({ statuses: ['open', 'draft'] }))[0];
      if (!audit) throw new KudzuError('INVALID_STATE', 'as: no audit is open or in draft to raise the challenge at; propose a draft link instead', { field: 'as' });
      assertAuditEditable(auditOf(audit));
      const area = await repos.areas.get(audit.areaId);
      // The challenge is no more visible than the less visible of its two groups.
      const visibility = stricterTier(named[0].visibility, named[1].visibility);
      const challenge = createChallenge({
        id, auditId: audit.id, title: `Make a pact: ${named[0].name} and ${named[1].name}`,
        description: input.note || `Proposed from the federation planner: a mutual-support pact between ${named[0].name} and ${named[1].name}.`,
        domain: null, source: { kind: 'federation', fromGroupId: input.fromGroupId, toGroupId: input.toGroupId },
        location: { kind: 'area', areaId: audit.areaId }, dueOn: audit.nextAuditOn,
      }, { at: actor.now.toISOString(), by: actor.viewer.displayName ?? actor.viewer.userId });
      await repos.challenges.insert({ challenge, place: placeAtPoint(audit.areaId, visibility, area ? [area.centre.lon, area.centre.lat] : null), proposalKey: null });
      await logChange(repos, actor, 'create', { id, visibility }, `raised the challenge “${challenge.title}”`, 'challenge');
    });
    return { kind: 'challenge', challenge: await this.challenges.get(actor, id) };
  }

  private async visible(actor: Actor): Promise<VisibleNetwork> {
    const repos = repositories(this.db);
    const audience = audienceOf(actor);
    const groups = (await repos.groups.list(audience)).map((row) => presentGroup(row, audience)).filter((group): group is Group => group !== null);
    const ids = new Set(groups.map((group) => group.id));
    const links = (await repos.links.list(audience)).map((row) => presentLink(row, audience, ids)).filter((link): link is Link => link !== null);
    const sitesByGroup = new Map<string, Site[]>();
    for (const row of await repos.sites.list(siteFilterSchema.parse({ status: 'active' }), audience)) {
      const site = presentSite(row, audience);
      if (!site || site.groupId === null || !ids.has(site.groupId)) continue;
      sitesByGroup.set(site.groupId, [...(sitesByGroup.get(site.groupId) ?? []), site]);
    }
    return { groups, links, sitesByGroup };
  }

  private async latestAuditAnalysed(actor: Actor): Promise<AuditAnalysis | null> {
    const repos = repositories(this.db);
    // Which one from the summaries; only that audit's snapshot is read, and only when not kept.
    const [newest] = await repos.audits.summaries({ statuses: ['published'] });
    if (!newest) return null;
    const key = JSON.stringify([newest.id, actor.viewer.role, await repos.privacyGeneration.current()]);
    return this.analysedAudits.getOrBuild(key, async () => {
      const latest = await repos.audits.get(newest.id);
      return latest ? analyseAudit(await presentedAudit(repos, latest, audienceOf(actor))) : null;
    });
  }

  private structureOf(plan: readonly PlanGroup[], links: readonly Link[]): NetworkStructure {
    const ties = tiesOf(planLinks(links));
    const key = `${plan.map((group) => group.id).join(',')}|${ties.map(([a, b]) => (a < b ? `${a}~${b}` : `${b}~${a}`)).sort().join(',')}`;
    let structure = this.structures.get(key);
    if (!structure) {
      structure = analyseNetwork(plan.map((group) => group.id), ties);
      this.structures.set(key, structure);
      while (this.structures.size > KEPT_STRUCTURES) this.structures.delete(this.structures.keys().next().value as string);
    }
    return structure;
  }
}

/** A published audit as this audience may see it. */
async function presentedAudit(repos: Repositories, row: StoredAudit, audience: Audience): Promise<AuditSnapshot> {
  const { snapshot, privacy } = await storedSnapshot(repos, row);
  return presentSnapshot(snapshot, privacy, audience);
}

function planGroups(visible: VisibleNetwork): PlanGroup[] {
  return visible.groups.map((group) => {
    const sites = visible.sitesByGroup.get(group.id) ?? [];
    return {
      id: group.id, name: group.name, domains: group.domains.length > 0 ? group.domains : domainsOfSites(sites),
      produces: group.produces, imports: group.imports,
      positions: sites.flatMap((site) => { const point = pointOf(site); return point ? [point] : []; }),
    };
  }).sort((a, b) => a.id.localeCompare(b.id));
}

function planLinks(links: readonly Link[]): PlanLink[] {
  return links.map((link) => ({ fromGroupId: link.fromGroupId, toGroupId: link.toGroupId, kind: link.kind, flow: link.flow, status: link.status }));
}

/** Domains a group's sites are in, the most sites first. */
function domainsOfSites(sites: readonly Site[]): DomainId[] {
  const counts = new Map<DomainId, number>();
  for (const site of sites) if ((DOMAIN_IDS as readonly string[]).includes(site.domain)) counts.set(site.domain as DomainId, (counts.get(site.domain as DomainId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || DOMAIN_IDS.indexOf(a[0]) - DOMAIN_IDS.indexOf(b[0])).map(([domain]) => domain);
}

/** A site's point as shown: a point itself, or the first corner's ring average for a parcel. */
function pointOf(site: Site): [number, number] | null {
  const geometry = site.geometry;
  if (!geometry) return null;
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  if (!ring || ring.length === 0) return null;
  return [ring.reduce((t, p) => t + p[0], 0) / ring.length, ring.reduce((t, p) => t + p[1], 0) / ring.length];
}

function centre(positions: readonly [number, number][]): [number, number] | null {
  if (positions.length === 0) return null;
  return [positions.reduce((t, p) => t + p[0], 0) / positions.length, positions.reduce((t, p) => t + p[1], 0) / positions.length];
}
