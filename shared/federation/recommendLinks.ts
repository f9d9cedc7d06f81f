/**
 * Which pact to make next, with reasons. Every candidate pair of groups without a pact is
 * scored by six parts, each a value from 0 to 1 times the network's weight for it, and each
 * explained in a sentence with its numbers:
 *
 * - weak domains: domains the latest audit shows weak or not governed that the pair works in
 *   and that the link brings into a circle (a group and its partners) that lacked them;
 * - import replacement: one produces what the other still gets from outside, with the chain
 *   of existing flows behind it (garden → community kitchen → food co-op);
 * - distance: how close their nearest sites are (walking too, when a street network is loaded);
 * - existing ties: shared members, flows between them, partners in common two steps away;
 * - resilience: bridges and cut vertices the link would take away, or parts it would join;
 * - headline: the audit re-scored as if the pact existed ("we would govern N of M").
 *
 * Pure: everything arrives as plain data already cut to what the viewer may see, so a
 * hidden group or link can neither rank a candidate nor appear in a reason.
 */
import type { AuditSnapshot, CheckAnswer, DomainScore } from '../audit/types';
import { scoreAudit, scoreGroup, activeChecks, type ScoredAudit } from '../audit/scoreAudit';
import { listWords, percent, plural } from '../audit/words';
import { DOMAINS, type DomainId } from '../taxonomy/domains';
import { haversineMetres } from '../geo/measure';
import type { FederationWeights, Reason, ReasonKind, Recommendation } from '../schemas/federation';
import type { ImportEntry } from '../schemas/group';
import { REASON_KINDS } from '../schemas/federation';
import { analyseNetwork, pairKey, type NetworkStructure, type Tie } from './networkStructure';

type Flow = ImportEntry['flow'];
type LinkKind = 'mutual_support_pact' | 'shared_fund' | 'shared_members' | 'flow';

export interface PlanGroup {
  id: string;
  name: string;
  /** Domains worked in, main first (explicit, or read from the group's sites). */
  domains: readonly DomainId[];
  produces: readonly Flow[];
  imports: readonly ImportEntry[];
  /** Its active sites' points, as the viewer is shown them. */
  positions: readonly [number, number][];
}

export interface PlanLink {
  fromGroupId: string;
  toGroupId: string;
  kind: LinkKind;
  flow: Flow | null;
  /** Draft links wait for a steward: they count as proposed, not as ties. */
  status: 'active' | 'draft';
}

export interface PlanInput {
  groups: readonly PlanGroup[];
  links: readonly PlanLink[];
  /** The latest published audit as the viewer may see it, or null. */
  audit: AuditSnapshot | null;
  weights: FederationWeights;
  /** One group's recommendations, or (null) the whole network's. */
  focusGroupId: string | null;
  top: number;
  /** Walking metres between two points when a street network is loaded; asked only for the results shown. */
  walkingMetres?: (from: [number, number], to: [number, number]) => number | null;
  /** A structure already analysed for the same groups and ties (the service keeps one). */
  structure?: NetworkStructure;
}

export interface PlanResult {
  recommendations: Recommendation[];
  candidateCount: number;
  headlineNow: string | null;
  auditLabel: string | null;
}

/** Metres at which nearness counts for nothing. */
export const NEARNESS_LIMIT_METRES = 3000;
/** A domain scoring below this counts as weak even when governed. */
export const WEAK_DOMAIN_SCORE = 0.5;
/** How many nearest groups each group is paired with when the whole network is asked. */
const NEAREST_CANDIDATES = 6;
const PACT_KINDS: ReadonlySet<LinkKind> = new Set(['mutual_support_pact', 'shared_fund']);

interface Prepared {
  input: PlanInput;
  groups: readonly PlanGroup[];
  index: Map<string, number>;
  neighbours: Set<number>[];
  circles: Set<DomainId>[];
  sharedMembers: Set<string>;
  flowsBetween: Map<string, PlanLink[]>;
  pacts: Set<string>;
  structure: NetworkStructure;
  weak: Map<DomainId, DomainScore>;
  producers: Map<Flow, number[]>;
  audit: AuditBasis | null;
}

interface AuditBasis {
  snapshot: AuditSnapshot;
  base: ScoredAudit;
  /** Groups in the audit that a pact would make autonomous (by passing the federation check). */
  wouldTurnAutonomous: Map<string, { before: number | null; after: number | null }>;
  /** What each of those groups' sites would add to coverage, by domain, in the need unit. */
  addedCapacity: Map<string, Map<DomainId, number>>;
  rescored: Map<string, ScoredAudit>;
}

/** The ties the structure is built from: active links, collapsed to pairs. */
export function tiesOf(links: readonly PlanLink[]): Tie[] {
  return links.filter((link) => link.status === 'active').map((link) => [link.fromGroupId, link.toGroupId] as const);
}

export function recommendLinks(input: PlanInput): PlanResult {
  const prepared = prepare(input);
  const focus = input.focusGroupId === null ? null : prepared.index.get(input.focusGroupId);
  if (input.focusGroupId !== null && focus === undefined) throw new Error(`unknown group ${input.focusGroupId}`);
  const pairs = focus === undefined || focus === null ? networkCandidates(prepared) : groupCandidates(prepared, focus);

  const scored: { i: number; j: number; score: number }[] = [];
  for (const [i, j] of pairs) {
    const values = valuesOf(prepared, i, j);
    let score = 0;
    for (const kind of REASON_KINDS) score += values[kind] * input.weights[kind];
    if (score > 0) scored.push({ i, j, score });
  }
  const name = (k: number) => prepared.groups[k].name;
  scored.sort((p, q) => q.score - p.score || name(p.i).localeCompare(name(q.i)) || name(p.j).localeCompare(name(q.j)));

  const recommendations = scored.slice(0, input.top).map(({ i, j }) => explain(prepared, i, j));
  return {
    recommendations,
    candidateCount: pairs.length,
    headlineNow: prepared.audit ? headlineOf(prepared.audit.base) : null,
    auditLabel: prepared.audit?.snapshot.period.label ?? null,
  };
}

function prepare(input: PlanInput): Prepared {
  const groups = [...input.groups].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(groups.map((group, k) => [group.id, k]));
  const neighbours = groups.map(() => new Set<number>());
  const sharedMembers = new Set<string>();
  const flowsBetween = new Map<string, PlanLink[]>();
  const pacts = new Set<string>();
  const links = input.links.filter((link) => index.has(link.fromGroupId) && index.has(link.toGroupId) && link.fromGroupId !== link.toGroupId);
  for (const link of links) {
    const key = pairKey(link.fromGroupId, link.toGroupId);
    if (PACT_KINDS.has(link.kind)) pacts.add(key);
    if (link.status !== 'active') continue;
    const a = index.get(link.fromGroupId) as number;
    const b = index.get(link.toGroupId) as number;
    neighbours[a].add(b);
    neighbours[b].add(a);
    if (link.kind === 'shared_members') sharedMembers.add(key);
    if (link.kind === 'flow') flowsBetween.set(key, [...(flowsBetween.get(key) ?? []), link]);
  }
  const circles = groups.map((group, k) => {
    const circle = new Set<DomainId>(group.domains);
    for (const other of neighbours[k]) for (const domain of groups[other].domains) circle.add(domain);
    return circle;
  });
  const producers = new Map<Flow, number[]>();
  groups.forEach((group, k) => { for (const flow of group.produces) producers.set(flow, [...(producers.get(flow) ?? []), k]); });
  const structure = input.structure ?? analyseNetwork(groups.map((group) => group.id), tiesOf(links));
  const audit = input.audit ? auditBasis(input.audit) : null;
  const weak = new Map<DomainId, DomainScore>();
  for (const domain of audit?.base.scores.domains ?? []) {
    if (domain.assessed && (!domain.governed || (domain.score ?? 0) < WEAK_DOMAIN_SCORE)) weak.set(domain.domain, domain);
  }
  return { input, groups, index, neighbours, circles, sharedMembers, flowsBetween, pacts, structure, weak, producers, audit };
}

// ─── candidates ───────────────────────────────────────────────────────────────────────

function groupCandidates(prepared: Prepared, focus: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let other = 0; other < prepared.groups.length; other++) {
    if (other === focus || hasPact(prepared, focus, other)) continue;
    pairs.push([focus, other]);
  }
  return pairs;
}

/**
 * The whole network: not every pair (that grows with the square of the groups) but every
 * pair with something to say for it — a partner in common, one producing what the other
 * imports, near neighbours, and pairs across a single point of failure from a group's
 * nearest neighbours.
 */
function networkCandidates(prepared: Prepared): [number, number][] {
  const { groups, neighbours } = prepared;
  const n = groups.length;
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const add = (a: number, b: number) => {
    if (a === b) return;
    const [i, j] = a < b ? [a, b] : [b, a];
    const key = i * n + j;
    if (seen.has(key) || hasPact(prepared, i, j)) return;
    seen.add(key);
    pairs.push([i, j]);
  };
  for (let middle = 0; middle < n; middle++) {
    const around = [...neighbours[middle]];
    for (let p = 0; p < around.length; p++) for (let q = p + 1; q < around.length; q++) add(around[p], around[q]);
  }
  groups.forEach((group, k) => {
    for (const entry of group.imports) for (const producer of prepared.producers.get(entry.flow) ?? []) add(producer, k);
  });
  const centres = groups.map((group) => centreOf(group.positions));
  const located = centres.flatMap((centre, k) => (centre ? [{ k, centre }] : []));
  const byLongitude = [...located].sort((a, b) => a.centre[0] - b.centre[0]);
  for (let p = 0; p < byLongitude.length; p++) {
    const nearest: { k: number; metres: number }[] = [];
    for (let q = Math.max(0, p - 30); q < Math.min(byLongitude.length, p + 31); q++) {
      if (q === p) continue;
      nearest.push({ k: byLongitude[q].k, metres: haversineMetres(byLongitude[p].centre, byLongitude[q].centre) });
    }
    nearest.sort((a, b) => a.metres - b.metres);
    for (const { k } of nearest.slice(0, NEAREST_CANDIDATES)) add(byLongitude[p].k, k);
  }
  return pairs;
}

function hasPact(prepared: Prepared, i: number, j: number): boolean {
  return prepared.pacts.has(pairKey(prepared.groups[i].id, prepared.groups[j].id));
}

// ─── the six parts ────────────────────────────────────────────────────────────────────

type Values = Record<ReasonKind, number>;

function valuesOf(prepared: Prepared, i: number, j: number): Values {
  const a = prepared.groups[i];
  const b = prepared.groups[j];
  const weakDomains = strengthenedDomains(prepared, i, j);
  const replaced = replacements(prepared, i, j).length;
  const metres = nearestMetres(a.positions, b.positions);
  const ties = tiesBetween(prepared, i, j);
  const effect = prepared.structure.effectOfTie(a.id, b.id);
  const gain = headlineGainCount(prepared, a.id, b.id);
  return {
    weak_domains: Math.min(1, weakDomains.reduce((total, domain) => total + (1 - (domain.score ?? 0)), 0)),
    import_replacement: Math.min(1, replaced * 0.5),
    distance: metres === null ? 0 : Math.max(0, 1 - metres / NEARNESS_LIMIT_METRES),
    existing_ties: Math.min(1, (ties.sharedMembers ? 0.5 : 0) + 0.25 * ties.flows.length + 0.25 * ties.common.length),
    resilience: Math.min(1, 0.5 * (effect.bridges + effect.cutVertices) + (effect.joinsParts ? 0.5 : 0)),
    headline: Math.min(1, gain),
  };
}

function strengthenedDomains(prepared: Prepared, i: number, j: number): DomainScore[] {
  const a = prepared.groups[i];
  const b = prepared.groups[j];
  const found: DomainScore[] = [];
  for (const [id, domain] of prepared.weak) {
    const aWorks = a.domains.includes(id);
    const bWorks = b.domains.includes(id);
    if (!aWorks && !bWorks) continue;
    // Both already reach it through their partners: the link adds nothing here.
    if (prepared.circles[i].has(id) && prepared.circles[j].has(id) && !(aWorks && bWorks)) continue;
    found.push(domain);
  }
  return found;
}

interface Replacement { producer: number; importer: number; entry: ImportEntry }

function replacements(prepared: Prepared, i: number, j: number): Replacement[] {
  const found: Replacement[] = [];
  for (const [producer, importer] of [[i, j], [j, i]] as const) {
    const produces = prepared.groups[producer].produces;
    for (const entry of prepared.groups[importer].imports) if (produces.includes(entry.flow)) found.push({ producer, importer, entry });
  }
  return found;
}

/** Groups whose existing flows of `flow` feed `producer`, furthest first (at most three steps). */
function upstreamChain(prepared: Prepared, producer: number, flow: Flow): number[] {
  const chain: number[] = [];
  const visited = new Set([producer]);
  let current = producer;
  for (let step = 0; step < 3; step++) {
    const feeders = [...prepared.neighbours[current]]
      .filter((other) => !visited.has(other))
      .filter((other) => (prepared.flowsBetween.get(pairKey(prepared.groups[other].id, prepared.groups[current].id)) ?? [])
        .some((link) => link.flow === flow && link.fromGroupId === prepared.groups[other].id))
      .sort((p, q) => prepared.groups[p].name.localeCompare(prepared.groups[q].name));
    if (feeders.length === 0) break;
    current = feeders[0];
    visited.add(current);
    chain.unshift(current);
  }
  return chain;
}

function tiesBetween(prepared: Prepared, i: number, j: number): { sharedMembers: boolean; flows: PlanLink[]; common: number[] } {
  const key = pairKey(prepared.groups[i].id, prepared.groups[j].id);
  const [small, large] = prepared.neighbours[i].size <= prepared.neighbours[j].size ? [i, j] : [j, i];
  const common = [...prepared.neighbours[small]].filter((k) => prepared.neighbours[large].has(k));
  return { sharedMembers: prepared.sharedMembers.has(key), flows: prepared.flowsBetween.get(key) ?? [], common };
}

function centreOf(positions: readonly [number, number][]): [number, number] | null {
  if (positions.length === 0) return null;
  return [positions.reduce((t, p) => t + p[0], 0) / positions.length, positions.reduce((t, p) => t + p[1], 0) / positions.length];
}

function nearestPair(a: readonly [number, number][], b: readonly [number, number][]): { metres: number; from: [number, number]; to: [number, number] } | null {
  let best: { metres: number; from: [number, number]; to: [number, number] } | null = null;
  for (const p of a) for (const q of b) {
    const metres = haversineMetres(p, q);
    if (!best || metres < best.metres) best = { metres, from: p, to: q };
  }
  return best;
}

function nearestMetres(a: readonly [number, number][], b: readonly [number, number][]): number | null {
  return nearestPair(a, b)?.metres ?? null;
}

// ─── the audit, re-scored ─────────────────────────────────────────────────────────────

const FEDERATION_CHECK = 'federation';

function rescoreInput(snapshot: AuditSnapshot, answers: readonly CheckAnswer[]) {
  return {
    asOf: snapshot.period.end, checks: snapshot.checks, groups: snapshot.groups, answers, sites: snapshot.sites,
    population: snapshot.area.population, needEstimates: snapshot.needEstimates, rules: snapshot.rules,
  };
}

function auditBasis(snapshot: AuditSnapshot): AuditBasis {
  const base = scoreAudit(rescoreInput(snapshot, snapshot.answers));
  const wouldTurnAutonomous = new Map<string, { before: number | null; after: number | null }>();
  const checks = activeChecks(snapshot.checks, snapshot.period.end);
  if (checks.some((check) => check.key === FEDERATION_CHECK)) {
    const answersByGroup = new Map<string, CheckAnswer[]>();
    for (const answer of snapshot.answers) answersByGroup.set(answer.groupId, [...(answersByGroup.get(answer.groupId) ?? []), answer]);
    for (const group of base.scores.groups) {
      if (group.autonomous) continue;
      const own = { ...snapshot, answers: answersByGroup.get(group.groupId) ?? [] };
      const after = scoreGroup({ id: group.groupId, name: group.groupName }, checks, withFederationPass(own, [group.groupId]), base.rules);
      if (after.autonomous) wouldTurnAutonomous.set(group.groupId, { before: group.score, after: after.score });
    }
  }
  const addedCapacity = new Map<string, Map<DomainId, number>>();
  for (const entry of base.coverage) {
    for (const site of entry.sites) {
      if (site.groupId === null || !wouldTurnAutonomous.has(site.groupId) || site.reason !== NOT_AUTONOMOUS_REASON) continue;
      const byDomain = addedCapacity.get(site.groupId) ?? new Map<DomainId, number>();
      byDomain.set(entry.domain, (byDomain.get(entry.domain) ?? 0) + (site.capacity ?? 0));
      addedCapacity.set(site.groupId, byDomain);
    }
  }
  return { snapshot, base, wouldTurnAutonomous, addedCapacity, rescored: new Map() };
}

/** computeCoverage's reason for a site left out only because its group is not autonomous. */
const NOT_AUTONOMOUS_REASON = 'its group does not clear the check threshold';

/**
 * The governed count if these groups turned autonomous, for ranking every candidate quickly:
 * their sites' capacity joins the autonomous capacity, exactly as re-scoring would count it.
 * The recommendations shown are re-scored in full with scoreAudit (which this agrees with).
 */
function governedCountWith(audit: AuditBasis, turned: readonly string[]): number {
  const { rules, coverage } = audit.base;
  let governed = 0;
  for (const entry of coverage) {
    if (entry.need === null || entry.need <= 0) continue;
    let capacity = entry.autonomousCapacity;
    for (const id of turned) capacity += audit.addedCapacity.get(id)?.get(entry.domain) ?? 0;
    if (capacity / entry.need >= rules.governedCoverage) governed += 1;
  }
  return governed;
}

/** The answers as if the groups passed the federation check (a pact is what passing asks for). */
function withFederationPass(snapshot: AuditSnapshot, groupIds: readonly string[]): CheckAnswer[] {
  const version = snapshot.checks.filter((check) => check.key === FEDERATION_CHECK).reduce((latest, check) => Math.max(latest, check.version), 1);
  const changed = new Set(groupIds);
  const answers = snapshot.answers.filter((answer) => !(changed.has(answer.groupId) && answer.checkKey === FEDERATION_CHECK));
  for (const groupId of groupIds) {
    answers.push({ auditId: snapshot.auditId, groupId, checkKey: FEDERATION_CHECK, checkVersion: version, value: 'pass', evidence: 'as if the proposed pact existed', evidenceUrl: null, answeredBy: null, answeredAt: null, version: 1 });
  }
  return answers;
}

/** How many more domains would be governed, by the quick count (0 when none). */
function headlineGainCount(prepared: Prepared, a: string, b: string): number {
  const audit = prepared.audit;
  if (!audit) return 0;
  const turned = [a, b].filter((id) => audit.wouldTurnAutonomous.has(id));
  if (turned.length === 0) return 0;
  return Math.max(0, governedCountWith(audit, turned) - audit.base.scores.governedCount);
}

/** The audit before and after, when the pact would turn a group autonomous; null otherwise. */
function headlineGain(prepared: Prepared, a: string, b: string): { before: ScoredAudit; after: ScoredAudit; turned: string[] } | null {
  const audit = prepared.audit;
  if (!audit) return null;
  const turned = [a, b].filter((id) => audit.wouldTurnAutonomous.has(id)).sort();
  if (turned.length === 0) return null;
  const key = turned.join('\u0000');
  let after = audit.rescored.get(key);
  if (!after) {
    after = scoreAudit(rescoreInput(audit.snapshot, withFederationPass(audit.snapshot, turned)));
    audit.rescored.set(key, after);
  }
  if (after.scores.governedCount === audit.base.scores.governedCount) return null;
  return { before: audit.base, after, turned };
}

function headlineOf(scored: ScoredAudit): string {
  return `we govern ${scored.scores.governedCount} of ${plural(scored.scores.assessedCount, 'assessed domain')}`;
}

// ─── sentences ────────────────────────────────────────────────────────────────────────

function domainLabel(id: DomainId): string {
  return (DOMAINS.find((domain) => domain.id === id)?.label ?? id).toLowerCase();
}

function metresWords(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)} km` : `${Math.round(metres / 10) * 10} m`;
}

const OUTSIDE_WORDS: Record<ImportEntry['from'], string> = { landlords: 'landlords', shops: 'shops', grants: 'grants', state: 'the state' };

function explain(prepared: Prepared, i: number, j: number): Recommendation {
  const { groups, input } = prepared;
  const a = groups[i];
  const b = groups[j];
  const values = valuesOf(prepared, i, j);
  const sentences: Record<ReasonKind, string> = {
    weak_domains: '', import_replacement: '', distance: '', existing_ties: '', resilience: '', headline: '',
  };
  const label = prepared.audit ? `the ${prepared.audit.snapshot.period.label} audit` : 'the latest audit';

  const weakDomains = strengthenedDomains(prepared, i, j);
  if (weakDomains.length > 0) {
    const described = weakDomains.map((domain) => `${domainLabel(domain.domain)} (${domain.governed ? `weak: score ${percent(domain.score ?? 0)}` : `not governed: coverage ${percent(domain.coverage ?? 0)} of need`})`);
    sentences.weak_domains = `Strengthens ${plural(weakDomains.length, 'domain')} ${label} shows weak or not governed: ${listWords(described)}; the link brings ${weakDomains.length === 1 ? 'it' : 'them'} into a circle of partners that lacked ${weakDomains.length === 1 ? 'it' : 'them'}.`;
  }

  const found = replacements(prepared, i, j);
  if (found.length > 0) {
    sentences.import_replacement = found.map(({ producer, importer, entry }) => {
      const chain = [...upstreamChain(prepared, producer, entry.flow), producer, importer].map((k) => groups[k].name);
      return `${groups[producer].name} produces ${entry.flow} that ${groups[importer].name} now gets from ${OUTSIDE_WORDS[entry.from]}`
        + (chain.length > 2 ? `, closing the chain ${chain.join(' → ')}` : '') + '.';
    }).join(' ');
  }

  const nearest = nearestPair(a.positions, b.positions);
  if (nearest) {
    const walking = input.walkingMetres?.(nearest.from, nearest.to) ?? null;
    sentences.distance = `Their nearest sites are ${metresWords(nearest.metres)} apart in a straight line`
      + (walking !== null ? ` and ${metresWords(walking)} walking` : '')
      + (values.distance === 0 ? `, beyond the ${metresWords(NEARNESS_LIMIT_METRES)} at which nearness counts.` : `; nearness counts up to ${metresWords(NEARNESS_LIMIT_METRES)}.`);
  } else {
    sentences.distance = `No site of ${a.positions.length === 0 ? a.name : b.name} is shown, so distance is not counted.`;
  }

  const ties = tiesBetween(prepared, i, j);
  const tieWords: string[] = [];
  if (ties.sharedMembers) tieWords.push('they already share members');
  for (const link of ties.flows) tieWords.push(`${link.flow} flows from ${groups[prepared.index.get(link.fromGroupId) as number].name} to ${groups[prepared.index.get(link.toGroupId) as number].name}`);
  if (ties.common.length > 0) {
    const names = ties.common.map((k) => groups[k].name).sort();
    tieWords.push(`${plural(ties.common.length, 'partner')} in common two steps away (${listWords(names.slice(0, 3))}${names.length > 3 ? ` and ${names.length - 3} more` : ''})`);
  }
  if (tieWords.length > 0) sentences.existing_ties = `${capitalise(listWords(tieWords))}.`;

  const tie = prepared.structure.explainTie(a.id, b.id);
  if (tie.joinsParts && tie.partSizes) {
    sentences.resilience = `Joins two parts of the network that share no tie today (${plural(tie.partSizes[0], 'group')} and ${plural(tie.partSizes[1], 'group')}).`;
  } else if (tie.bridges + tie.cutVertices > 0) {
    const nameOf = (id: string) => groups[prepared.index.get(id) as number].name;
    const parts: string[] = [];
    if (tie.bridgeTies.length > 0) parts.push(`${listWords(tie.bridgeTies.map(([p, q]) => `the tie ${nameOf(p)}–${nameOf(q)}`))} would no longer be the only link between two parts of the network`);
    if (tie.cutVertexIds.length > 0) parts.push(`losing ${listWords(tie.cutVertexIds.map(nameOf).sort())} would no longer split it`);
    sentences.resilience = `Removes ${plural(tie.bridges + tie.cutVertices, 'single point')} of failure: ${parts.join('; ')}.`;
  }

  const gain = headlineGain(prepared, a.id, b.id);
  let headlineAfter: string | null = null;
  if (gain) {
    const audit = prepared.audit as AuditBasis;
    const turned = gain.turned.map((id) => {
      const change = audit.wouldTurnAutonomous.get(id) as { before: number | null; after: number | null };
      const groupName = groups[prepared.index.get(id) as number]?.name ?? id;
      return `${groupName} (${percent(change.before ?? 0)} → ${percent(change.after ?? 0)})`;
    });
    const newlyGoverned = gain.after.scores.domains.filter((domain) => domain.governed && !gain.before.scores.domains.find((old) => old.domain === domain.domain)?.governed);
    headlineAfter = `We would govern ${gain.after.scores.governedCount} of ${plural(gain.after.scores.assessedCount, 'assessed domain')}`;
    sentences.headline = `Re-scoring ${label} as if this pact existed: ${headlineAfter.charAt(0).toLowerCase()}${headlineAfter.slice(1)} (now ${gain.before.scores.governedCount}). `
      + `Passing the federation check would make ${listWords(turned)} autonomous, so ${listWords(newlyGoverned.map((domain) => domainLabel(domain.domain)))} would count as governed.`;
  }

  const reasons: Reason[] = REASON_KINDS.filter((kind) => sentences[kind] !== '').map((kind) => ({
    kind, value: round(values[kind]), weight: input.weights[kind], points: round(values[kind] * input.weights[kind]), sentence: sentences[kind],
  }));
  return {
    fromGroupId: a.id, toGroupId: b.id, fromName: a.name, toName: b.name,
    score: round(REASON_KINDS.reduce((total, kind) => total + values[kind] * input.weights[kind], 0)),
    reasons, headlineAfter,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
