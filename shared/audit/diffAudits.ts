import type { DomainId } from '../taxonomy/domains';
import { ANSWER_POINTS } from './scoreAudit';
import type { AnswerValue, AuditSite, AuditSnapshot, DomainScore } from './types';
import { plural } from './words';

/** Score changes smaller than this (half a percentage point) count as "about the same". */
export const SCORE_EPSILON = 0.005;

export interface SiteChange {
  siteId: string;
  name: string;
  moved: boolean;
  capacityChanged: boolean;
  previous: Pick<AuditSite, 'geometry' | 'capacity' | 'capacityUnit'>;
  current: Pick<AuditSite, 'geometry' | 'capacity' | 'capacityUnit'>;
}

export interface DomainChange {
  domain: DomainId;
  label: string;
  previousScore: number | null;
  currentScore: number | null;
  /** current − previous; null when either audit did not assess the domain. */
  delta: number | null;
  direction: 'stronger' | 'weaker' | 'same' | 'not_comparable';
  governed: 'gained' | 'lost' | 'kept' | 'still_not';
}

export interface CheckChange {
  groupId: string;
  groupName: string;
  checkKey: string;
  from: AnswerValue;
  to: AnswerValue;
}

export interface TallyChange {
  name: string;
  unit: string;
  previous: number | null;
  current: number | null;
  delta: number;
}

export interface AuditDiff {
  previousAuditId: string;
  currentAuditId: string;
  sitesOpened: AuditSite[];
  sitesClosed: AuditSite[];
  sitesChanged: SiteChange[];
  domainsStronger: DomainChange[];
  domainsWeaker: DomainChange[];
  /** Every domain, in taxonomy order, for charts. */
  domains: DomainChange[];
  governedBefore: number;
  governedNow: number;
  checksGained: CheckChange[];
  checksLost: CheckChange[];
  talliesUp: TallyChange[];
  talliesDown: TallyChange[];
  reasons: string[];
}

/**
 * What changed between two published audits. Sites are matched by id, domains by id,
 * answers by group and check key, tallies by name and unit (case and spacing ignored).
 * A check is gained when its answer moved up (fail → partial → pass) and lost when it
 * moved down; changes to or from unknown and not applicable are not counted either way.
 */
export function diffAudits(previous: AuditSnapshot, current: AuditSnapshot): AuditDiff {
  const previousSites = new Map(previous.sites.map((site) => [site.id, site]));
  const currentSites = new Map(current.sites.map((site) => [site.id, site]));
  const wasActive = (site: AuditSite | undefined) => site !== undefined && site.status === 'active';

  const sitesOpened = current.sites.filter((site) => site.status === 'active' && !wasActive(previousSites.get(site.id)));
  const sitesClosed = previous.sites
    .filter((site) => site.status === 'active' && !wasActive(currentSites.get(site.id)))
    .map((site) => currentSites.get(site.id) ?? { ...site, status: 'closed' as const });
  const sitesChanged: SiteChange[] = [];
  for (const site of current.sites) {
    const before = previousSites.get(site.id);
    if (!before || site.status !== 'active' || before.status !== 'active') continue;
    const moved = stableJson(before.geometry) !== stableJson(site.geometry);
    const capacityChanged = before.capacity !== site.capacity || before.capacityUnit !== site.capacityUnit;
    if (moved || capacityChanged) {
      sitesChanged.push({
        siteId: site.id, name: site.name, moved, capacityChanged,
        previous: { geometry: before.geometry, capacity: before.capacity, capacityUnit: before.capacityUnit },
        current: { geometry: site.geometry, capacity: site.capacity, capacityUnit: site.capacityUnit },
      });
    }
  }

  const previousDomains = new Map(previous.scores.domains.map((domain) => [domain.domain, domain]));
  const domains = current.scores.domains.map((domain) => compareDomain(previousDomains.get(domain.domain), domain));

  const previousAnswers = answerTable(previous);
  const currentAnswers = answerTable(current);
  const groupNames = new Map([...previous.groups, ...current.groups].map((group) => [group.id, group.name]));
  const checksGained: CheckChange[] = [];
  const checksLost: CheckChange[] = [];
  for (const [key, to] of currentAnswers) {
    const from = previousAnswers.get(key);
    if (from === undefined || from === to || !isRanked(from) || !isRanked(to)) continue;
    const [groupId, checkKey] = key.split('\u0000');
    const change = { groupId, groupName: groupNames.get(groupId) ?? groupId, checkKey, from, to };
    if (ANSWER_POINTS[to] > ANSWER_POINTS[from]) checksGained.push(change);
    else if (ANSWER_POINTS[to] < ANSWER_POINTS[from]) checksLost.push(change);
  }

  const tallies = compareTallies(previous, current);
  const talliesUp = tallies.filter((tally) => tally.delta > 0);
  const talliesDown = tallies.filter((tally) => tally.delta < 0);
  const domainsStronger = domains.filter((domain) => domain.direction === 'stronger');
  const domainsWeaker = domains.filter((domain) => domain.direction === 'weaker');

  const reasons = [
    `Since ${previous.period.label}: ${plural(sitesOpened.length, 'site')} opened, ${plural(sitesClosed.length, 'site')} closed, ${plural(sitesChanged.length, 'site')} changed.`,
    `We govern ${current.scores.governedCount} domains, ${signed(current.scores.governedCount - previous.scores.governedCount)} since the last audit.`,
    ...domains.filter((domain) => domain.governed === 'gained').map((domain) => `${domain.label} is now governed.`),
    ...domains.filter((domain) => domain.governed === 'lost').map((domain) => `${domain.label} is no longer governed.`),
    ...domainsStronger.filter((domain) => domain.governed !== 'gained').map((domain) => `${domain.label} is stronger (${signedPoints(domain.delta as number)}).`),
    ...domainsWeaker.filter((domain) => domain.governed !== 'lost').map((domain) => `${domain.label} is weaker (${signedPoints(domain.delta as number)}).`),
    `${plural(checksGained.length, 'check')} gained and ${plural(checksLost.length, 'check')} lost across groups.`,
  ];

  return {
    previousAuditId: previous.auditId,
    currentAuditId: current.auditId,
    sitesOpened,
    sitesClosed,
    sitesChanged,
    domainsStronger,
    domainsWeaker,
    domains,
    governedBefore: previous.scores.governedCount,
    governedNow: current.scores.governedCount,
    checksGained,
    checksLost,
    talliesUp,
    talliesDown,
    reasons,
  };
}

function compareDomain(before: DomainScore | undefined, now: DomainScore): DomainChange {
  const previousScore = before?.score ?? null;
  const currentScore = now.score;
  const delta = previousScore === null || currentScore === null ? null : currentScore - previousScore;
  const direction = delta === null ? 'not_comparable' : delta > SCORE_EPSILON ? 'stronger' : delta < -SCORE_EPSILON ? 'weaker' : 'same';
  const wasGoverned = before?.governed ?? false;
  const governed = now.governed ? (wasGoverned ? 'kept' : 'gained') : (wasGoverned ? 'lost' : 'still_not');
  return { domain: now.domain, label: now.label, previousScore, currentScore, delta, direction, governed };
}

type Ranked = Exclude<AnswerValue, 'unknown' | 'not_applicable'>;
function isRanked(value: AnswerValue): value is Ranked {
  return value === 'pass' || value === 'partial' || value === 'fail';
}

/** group + check → answer value, taken from the scores (so unanswered checks read as unknown). */
function answerTable(snapshot: AuditSnapshot): Map<string, AnswerValue> {
  const table = new Map<string, AnswerValue>();
  for (const group of snapshot.scores.groups) {
    for (const contribution of group.contributions) table.set(`${group.groupId}\u0000${contribution.checkKey}`, contribution.value);
  }
  return table;
}

function compareTallies(previous: AuditSnapshot, current: AuditSnapshot): TallyChange[] {
  const keyOf = (tally: { name: string; unit: string }) => `${normalise(tally.name)}\u0000${normalise(tally.unit)}`;
  const before = new Map(previous.tallies.map((tally) => [keyOf(tally), tally]));
  const now = new Map(current.tallies.map((tally) => [keyOf(tally), tally]));
  const changes: TallyChange[] = [];
  for (const key of new Set([...before.keys(), ...now.keys()])) {
    const a = before.get(key);
    const b = now.get(key);
    const delta = (b?.count ?? 0) - (a?.count ?? 0);
    if (delta !== 0) {
      changes.push({ name: (b ?? a)!.name, unit: (b ?? a)!.unit, previous: a?.count ?? null, current: b?.count ?? null, delta });
    }
  }
  return changes;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** JSON with object keys sorted, so two equal geometries compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner);
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : `${value}`;
}

function signedPoints(delta: number): string {
  const points = Math.round(delta * 100);
  return `${points > 0 ? '+' : ''}${points} points`;
}
