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
import { EARTH_RADIUS_M, haversineMetres } from '../geo/measure';
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
  /**
   * `audit` already analysed by `analyseAudit` (the service keeps one per audit, audience and
   * privacy generation): the base scoring and every re-scoring it has done are reused.
   */
  auditAnalysis?: AuditAnalysis;
}

export interface PlanResult {
  recommendations: Recommendation[];
  candidateCount: number;
  headlineNow: string | null;
  auditLabel: string | null;
}

const RADIANS = Math.PI / 180;
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
  /** Pairs with a pact (active or draft), as i * n + j with i < j. */
  pacts: Set<number>;
  structure: NetworkStructure;
  weak: Map<DomainId, DomainScore>;
  producers: Map<Flow, number[]>;
  audit: AuditAnalysis | null;
  /** The same facts as bit masks and counts, for scoring hundreds of thousands of pairs. */
  quick: QuickFacts;
}

/** Per group: its domains, its circle's domains and what it produces, as bits; per pair: tie counts. */
interface QuickFacts {
  domainBits: Int32Array;
  circleBits: Int32Array;
  produceBits: Int32Array;
  importBits: number[][];
  /** The weak domains in the order of `weak`, with what each adds to the part's value. */
  weak: { bit: number; share: number }[];
  weakBits: number;
  sharedMembers: Set<number>;
  flowCounts: Map<number, number>;
  /** Headline gain of a pact turning one group autonomous, by group index (-1: it would not turn). */
  gainAlone: Int32Array;
  /** Each group's partners (active ties), sorted. */
  partners: Int32Array[];
  /** Each group's node in the block–cut tree (the same node: a tie changes no point of failure). */
  treeNode: Int32Array;
  /** South and north of each group's sites in radians (NaN with no site): a lower bound on distance. */
  south: Float64Array;
  north: Float64Array;
}

/** An audit scored once, with what each group's passing the federation check would change. */
export interface AuditAnalysis {
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

interface Ranked { i: number; j: number; score: number; order: number }

export function recommendLinks(input: PlanInput): PlanResult {
  const prepared = prepare(input);
  const focus = input.focusGroupId === null ? null : prepared.index.get(input.focusGroupId);
  if (input.focusGroupId !== null && focus === undefined) throw new Error(`unknown group ${input.focusGroupId}`);
  const pairs = focus === undefined || focus === null ? networkCandidates(prepared) : groupCandidates(prepared, focus);

  // Keep only the best `top` as we go (the order a stable sort of every candidate would give).
  const name = (k: number) => prepared.groups[k].name;
  const before = (p: Ranked, q: Ranked) => q.score - p.score || name(p.i).localeCompare(name(q.i)) || name(p.j).localeCompare(name(q.j)) || p.order - q.order;
  const best: Ranked[] = [];
  for (let order = 0; order < pairs.length / 2; order++) {
    const i = pairs[2 * order];
    const j = pairs[2 * order + 1];
    const full = best.length >= input.top;
    if (full && input.top === 0) break;
    const score = quickScore(prepared, i, j, input.weights, full ? best[best.length - 1].score : 0);
    if (score <= 0) continue;
    if (full && score < best[best.length - 1].score) continue;
    const candidate = { i, j, score, order };
    if (best.length >= input.top && before(candidate, best[best.length - 1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(candidate, best[at - 1]) < 0) at -= 1;
    best.splice(at, 0, candidate);
    if (best.length > input.top) best.pop();
  }

  const recommendations = best.map(({ i, j }) => explain(prepared, i, j));
  return {
    recommendations,
    candidateCount: pairs.length / 2,
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
  const pacts = new Set<number>();
  const quickSharedMembers = new Set<number>();
  const links = input.links.filter((link) => index.has(link.fromGroupId) && index.has(link.toGroupId) && link.fromGroupId !== link.toGroupId);
  for (const link of links) {
    const key = pairKey(link.fromGroupId, link.toGroupId);
    const a = index.get(link.fromGroupId) as number;
    const b = index.get(link.toGroupId) as number;
    if (PACT_KINDS.has(link.kind)) pacts.add(a < b ? a * groups.length + b : b * groups.length + a);
    if (link.status === 'active' && link.kind === 'shared_members') quickSharedMembers.add(a < b ? a * groups.length + b : b * groups.length + a);
    if (link.status !== 'active') continue;
    neighbours[a].add(b);
    neighbours[b].add(a);
    if (link.kind === 'shared_members') sharedMembers.add(key);
    if (link.kind === 'flow') flowsBetween.set(key, [...(flowsBetween.get(key) ?? []), link]);
  }
  const pairIndex = (a: number, b: number) => (a < b ? a * groups.length + b : b * groups.length + a);
  const circles = groups.map((group, k) => {
    const circle = new Set<DomainId>(group.domains);
    for (const other of neighbours[k]) for (const domain of groups[other].domains) circle.add(domain);
    return circle;
  });
  const producers = new Map<Flow, number[]>();
  groups.forEach((group, k) => {
    for (const flow of group.produces) {
      const list = producers.get(flow);
      if (list) list.push(k);
      else producers.set(flow, [k]);
    }
  });
  const structure = input.structure ?? analyseNetwork(groups.map((group) => group.id), tiesOf(links));
  const audit = auditAnalysisFor(input);
  const weak = new Map<DomainId, DomainScore>();
  for (const domain of audit?.base.scores.domains ?? []) {
    if (domain.assessed && (!domain.governed || (domain.score ?? 0) < WEAK_DOMAIN_SCORE)) weak.set(domain.domain, domain);
  }
  const quick = quickFacts(groups, neighbours, weak, audit, quickSharedMembers, structure);
  for (const [key, flows] of flowsBetween) {
    const [a, b] = key.split('\u0000').map((id) => index.get(id) as number);
    quick.flowCounts.set(pairIndex(a, b), flows.length);
  }
  return { input, groups, index, neighbours, circles, sharedMembers, flowsBetween, pacts, structure, weak, producers, audit, quick };
}

function quickFacts(
  groups: readonly PlanGroup[], neighbours: readonly Set<number>[], weak: ReadonlyMap<DomainId, DomainScore>,
  audit: AuditAnalysis | null, sharedMembers: Set<number>, structure: NetworkStructure,
): QuickFacts {
  const bits = new Map<string, number>();
  const bitOf = (name: string): number => {
    let bit = bits.get(name);
    if (bit === undefined) {
      if (bits.size >= 31) throw new Error('more than 31 domains or flows');
      bit = 1 << bits.size;
      bits.set(name, bit);
    }
    return bit;
  };
  const maskOf = (names: readonly string[]) => names.reduce((mask, name) => mask | bitOf(name), 0);
  const domainBits = Int32Array.from(groups, (group) => maskOf(group.domains));
  const circleBits = Int32Array.from(groups, (_, k) => [...neighbours[k]].reduce((mask, other) => mask | domainBits[other], domainBits[k]));
  const flowBits = new Map<string, number>();
  const flowBit = (flow: string) => {
    let bit = flowBits.get(flow);
    if (bit === undefined) { bit = 1 << flowBits.size; flowBits.set(flow, bit); }
    return bit;
  };
  const produceBits = Int32Array.from(groups, (group) => group.produces.reduce((mask, flow) => mask | flowBit(flow), 0));
  const importBits = groups.map((group) => group.imports.map((entry) => flowBit(entry.flow)));
  const gainAlone = new Int32Array(groups.length).fill(-1);
  if (audit) {
    groups.forEach((group, k) => {
      if (audit.wouldTurnAutonomous.has(group.id)) gainAlone[k] = Math.max(0, governedCountWith(audit, [group.id]) - audit.base.scores.governedCount);
    });
  }
  const weakDomains = [...weak].map(([id, domain]) => ({ bit: bitOf(id), share: 1 - (domain.score ?? 0) }));
  return {
    domainBits, circleBits, produceBits, importBits,
    weak: weakDomains, weakBits: weakDomains.reduce((mask, { bit }) => mask | bit, 0),
    sharedMembers, flowCounts: new Map(), gainAlone,
    partners: neighbours.map((around) => Int32Array.from(around).sort()),
    treeNode: Int32Array.from(groups, (group) => structure.treeNode(group.id)),
    south: Float64Array.from(groups, (group) => (group.positions.length === 0 ? NaN : Math.min(...group.positions.map((p) => p[1])) * RADIANS)),
    north: Float64Array.from(groups, (group) => (group.positions.length === 0 ? NaN : Math.max(...group.positions.map((p) => p[1])) * RADIANS)),
  };
}

// ─── candidates ───────────────────────────────────────────────────────────────────────

/** Candidate pairs, flat: [i0, j0, i1, j1, …]. */
type Pairs = number[];

function groupCandidates(prepared: Prepared, focus: number): Pairs {
  const pairs: Pairs = [];
  for (let other = 0; other < prepared.groups.length; other++) {
    if (other === focus || hasPact(prepared, focus, other)) continue;
    pairs.push(focus, other);
  }
  return pairs;
}

/**
 * The whole network: not every pair (that grows with the square of the groups) but every
 * pair with something to say for it — a partner in common, one producing what the other
 * imports, near neighbours, and pairs across a single point of failure from a group's
 * nearest neighbours.
 */
function networkCandidates(prepared: Prepared): Pairs {
  const { groups, neighbours, pacts } = prepared;
  const n = groups.length;
  // Pairs met so far (pacts count as met, so they are never added), by i * n + j.
  const seen = pairMarks(n * n);
  for (const key of pacts) seen.mark(key);
  const pairs: Pairs = [];
  const add = (a: number, b: number) => {
    if (a === b) return;
    const i = a < b ? a : b;
    const j = a < b ? b : a;
    if (seen.mark(i * n + j)) pairs.push(i, j);
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
    // The nearest few of the 60 nearest by longitude, ties in longitude order (as a stable sort gives).
    const nearest: { k: number; metres: number }[] = [];
    for (let q = Math.max(0, p - 30); q < Math.min(byLongitude.length, p + 31); q++) {
      if (q === p) continue;
      const metres = haversineMetres(byLongitude[p].centre, byLongitude[q].centre);
      if (nearest.length === NEAREST_CANDIDATES && metres >= nearest[NEAREST_CANDIDATES - 1].metres) continue;
      let at = nearest.length;
      while (at > 0 && nearest[at - 1].metres > metres) at -= 1;
      nearest.splice(at, 0, { k: byLongitude[q].k, metres });
      if (nearest.length > NEAREST_CANDIDATES) nearest.pop();
    }
    for (const { k } of nearest) add(byLongitude[p].k, k);
  }
  return pairs;
}

/** A set of pair keys: one bit each while that stays under 8 MB, else a hash set. `mark` says whether the key is new. */
function pairMarks(size: number): { mark(key: number): boolean } {
  if (size <= 64 * 1024 * 1024) {
    const bits = new Uint32Array(Math.ceil(size / 32));
    return {
      mark(key) {
        const word = key >>> 5;
        const bit = 1 << (key & 31);
        if ((bits[word] & bit) !== 0) return false;
        bits[word] |= bit;
        return true;
      },
    };
  }
  const keys = new Set<number>();
  return { mark: (key) => (keys.has(key) ? false : (keys.add(key), true)) };
}

function hasPact(prepared: Prepared, i: number, j: number): boolean {
  return prepared.pacts.has(i < j ? i * prepared.groups.length + j : j * prepared.groups.length + i);
}

function auditAnalysisFor(input: PlanInput): AuditAnalysis | null {
  if (!input.audit) return null;
  if (!input.auditAnalysis) return analyseAudit(input.audit);
  if (input.auditAnalysis.snapshot !== input.audit) throw new Error('the audit analysis kept is for another snapshot than the audit given');
  return input.auditAnalysis;
}

// ─── the six parts ────────────────────────────────────────────────────────────────────

type Values = Record<ReasonKind, number>;

/**
 * A pair's score from the quick facts: the same six values, weighted and added in the same
 * order, as the reasons' own functions give (`valuesOf`), without building their lists.
 * Hundreds of thousands of candidates go through here, so the parts that cost little come
 * first, and a pair that could not reach `floor` even with the best possible rest returns
 * -1 without measuring its distance, partners in common or resilience.
 */
function quickScore(prepared: Prepared, i: number, j: number, weights: FederationWeights, floor: number): number {
  const { quick, groups } = prepared;
  const key = i < j ? i * groups.length + j : j * groups.length + i;

  let weakTotal = 0;
  if (((quick.domainBits[i] | quick.domainBits[j]) & quick.weakBits) !== 0) {
    for (let w = 0; w < quick.weak.length; w++) {
      const { bit, share } = quick.weak[w];
      const aWorks = (quick.domainBits[i] & bit) !== 0;
      const bWorks = (quick.domainBits[j] & bit) !== 0;
      if (!aWorks && !bWorks) continue;
      if ((quick.circleBits[i] & bit) !== 0 && (quick.circleBits[j] & bit) !== 0 && !(aWorks && bWorks)) continue;
      weakTotal += share;
    }
  }
  const weak = Math.min(1, weakTotal);

  let replaced = 0;
  const importsI = quick.importBits[i];
  const importsJ = quick.importBits[j];
  for (let k = 0; k < importsJ.length; k++) if ((quick.produceBits[i] & importsJ[k]) !== 0) replaced += 1;
  for (let k = 0; k < importsI.length; k++) if ((quick.produceBits[j] & importsI[k]) !== 0) replaced += 1;
  const replacement = Math.min(1, replaced * 0.5);

  const headline = Math.min(1, headlineGainQuick(prepared, i, j));
  const partnersI = quick.partners[i];
  const partnersJ = quick.partners[j];
  // Shared members and flows are links, so only partners can have them: look them up only then.
  const tied = isPartner(partnersI, j);
  const tiesBeforeCommon = (tied && quick.sharedMembers.has(key) ? 0.5 : 0) + 0.25 * (tied ? quick.flowCounts.get(key) ?? 0 : 0);

  // Sites further apart north–south than nearness counts (with a metre to spare) score 0 without measuring.
  const apart = Math.max(quick.south[j] - quick.north[i], quick.south[i] - quick.north[j]) * EARTH_RADIUS_M;
  const mayBeNear = !(apart > NEARNESS_LIMIT_METRES + 1);
  const mayRelieve = quick.treeNode[i] !== quick.treeNode[j];
  const atMost = weak * weights.weak_domains + replacement * weights.import_replacement + (mayBeNear ? weights.distance : 0)
    + Math.min(1, tiesBeforeCommon + 0.25 * Math.min(partnersI.length, partnersJ.length)) * weights.existing_ties
    + (mayRelieve ? weights.resilience : 0) + headline * weights.headline;
  if (atMost < floor - 1e-9) return -1;

  const nearness = mayBeNear ? distanceValue(nearestMetres(groups[i].positions, groups[j].positions)) : 0;

  // Partners in common: a walk through both sorted lists of partners.
  let common = 0;
  for (let p = 0, q = 0; p < partnersI.length && q < partnersJ.length;) {
    if (partnersI[p] === partnersJ[q]) { common += 1; p += 1; q += 1; } else if (partnersI[p] < partnersJ[q]) p += 1; else q += 1;
  }

  let resilience = 0;
  if (mayRelieve) {
    const effect = prepared.structure.effectOfTie(groups[i].id, groups[j].id);
    resilience = Math.min(1, 0.5 * (effect.bridges + effect.cutVertices) + (effect.joinsParts ? 0.5 : 0));
  }
  // Added in REASON_KINDS order, as explain adds valuesOf's.
  let score = 0;
  score += weak * weights.weak_domains;
  score += replacement * weights.import_replacement;
  score += nearness * weights.distance;
  score += Math.min(1, tiesBeforeCommon + 0.25 * common) * weights.existing_ties;
  score += resilience * weights.resilience;
  score += headline * weights.headline;
  return score;
}

/** Whether `other` is in a sorted list of partners (a binary search). */
function isPartner(partners: Int32Array, other: number): boolean {
  let low = 0;
  let high = partners.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (partners[middle] === other) return true;
    if (partners[middle] < other) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

function distanceValue(metres: number | null): number {
  return metres === null ? 0 : Math.max(0, 1 - metres / NEARNESS_LIMIT_METRES);
}

/** headlineGainCount by group index, with a pact turning one group autonomous looked up, not counted. */
function headlineGainQuick(prepared: Prepared, i: number, j: number): number {
  const alone = prepared.quick.gainAlone;
  if (alone[i] === -1 && alone[j] === -1) return 0;
  if (alone[i] === -1) return alone[j];
  if (alone[j] === -1) return alone[i];
  return headlineGainCount(prepared, prepared.groups[i].id, prepared.groups[j].id);
}

/** The six values, by the same functions that write the reasons' sentences. */
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
    distance: distanceValue(metres),
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

/** Score the audit once, and find the groups a pact would make autonomous. */
export function analyseAudit(snapshot: AuditSnapshot): AuditAnalysis {
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
function governedCountWith(audit: AuditAnalysis, turned: readonly string[]): number {
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
  // The quick count ranks every candidate; a full re-scoring is done only where it finds a change.
  if (turned.length === 0 || headlineGainCount(prepared, a, b) === 0) return null;
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
    const audit = prepared.audit as AuditAnalysis;
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
