/** The published audit as a report: what the screens, the command line and the zine read. */
import type { Role } from '../../shared/privacy/roles';
import type { Audit, AuditSnapshot, Challenge, DateString, DomainScore, Tally } from '../../shared/audit/types';
import { diffAudits, type AuditDiff } from '../../shared/audit/diffAudits';
import { domainScoreSeries, type DomainScorePoint } from '../../shared/audit/domainScoreSeries';
import { checkName } from '../../shared/audit/scoreAudit';
import type { DomainId } from '../../shared/taxonomy/domains';
import type { CapacityUnit } from '../../shared/taxonomy/functionTypes';

/** A domain's score as the report shows it: without the groups behind it, with the need and the capacity met. */
export interface ReportDomain extends Pick<DomainScore, 'domain' | 'label' | 'assessed' | 'governed' | 'score' | 'coverage' | 'reasons'> {
  need: number | null;
  autonomousCapacity: number;
  unit: CapacityUnit;
}

export interface AuditReport {
  auditId: string;
  areaId: string;
  areaName: string;
  period: Audit['period'];
  status: Audit['status'];
  /** True for a draft or open audit: figures from the live map, not yet frozen. */
  preview: boolean;
  publishedAt: string | null;
  nextAuditOn: DateString | null;
  /** Who the report was made for: it holds only what that role may see. */
  audience: Role;
  headline: { governed: number; total: number; notAssessed: number; text: string };
  reasons: string[];
  domains: ReportDomain[];
  groups: { groupId: string; name: string; score: number | null; autonomous: boolean; reasons: string[] }[];
  /**
   * `count` is the audit's own figure (the one its reasons give), whoever reads it; `items`
   * are the ones this audience may see, and `notShown` how many belong to groups it may not.
   */
  unknowns: { count: number; notShown: number; acknowledged: boolean; items: { group: string; check: string }[] };
  tallies: Tally[];
  testimonies: { id: string; text: string; teller: string; domain: DomainId | null }[];
  headlineChallenge: Challenge | null;
  challenges: Challenge[];
  previous: { auditId: string; label: string } | null;
  diff: AuditDiff | null;
  /** Each domain's score over every published audit of the area, oldest first. */
  series: Record<DomainId, DomainScorePoint[]>;
}

/** Build a report from snapshots already presented for the audience. */
export function buildReport(input: {
  audit: Audit;
  areaName: string;
  audience: Role;
  snapshot: AuditSnapshot;
  /** How many answers the audit itself left unknown, before any were hidden from this audience. */
  unknownCount: number;
  previous: AuditSnapshot | null;
  history: readonly AuditSnapshot[];
}): AuditReport {
  const { audit, snapshot, previous } = input;
  const scores = snapshot.scores;
  const groupNames = new Map(snapshot.groups.map((group) => [group.id, group.name]));
  const history = input.history.some((entry) => entry.auditId === snapshot.auditId) || audit.status !== 'published'
    ? input.history
    : [...input.history, snapshot];
  return {
    auditId: audit.id,
    areaId: audit.areaId,
    areaName: input.areaName,
    period: audit.period,
    status: audit.status,
    preview: audit.status !== 'published',
    publishedAt: audit.publishedAt,
    nextAuditOn: audit.nextAuditOn,
    audience: input.audience,
    headline: { governed: scores.governedCount, total: scores.assessedCount, notAssessed: scores.notAssessedCount, text: scores.headline },
    reasons: scores.reasons,
    domains: scores.domains.map((domain) => {
      const coverage = snapshot.coverage.find((entry) => entry.domain === domain.domain);
      return {
        domain: domain.domain, label: domain.label, assessed: domain.assessed, governed: domain.governed,
        score: domain.score, coverage: domain.coverage, need: coverage?.need ?? null,
        autonomousCapacity: coverage?.autonomousCapacity ?? 0, unit: coverage?.unit ?? 'people', reasons: domain.reasons,
      };
    }),
    groups: scores.groups.map((group) => ({ groupId: group.groupId, name: group.groupName, score: group.score, autonomous: group.autonomous, reasons: group.reasons })),
    unknowns: {
      count: Math.max(input.unknownCount, snapshot.unknowns.length),
      notShown: Math.max(0, input.unknownCount - snapshot.unknowns.length),
      acknowledged: snapshot.acknowledgedUnknown,
      items: snapshot.unknowns.map((unknown) => ({ group: groupNames.get(unknown.groupId) ?? unknown.groupId, check: checkName({ key: unknown.checkKey }) })),
    },
    tallies: snapshot.tallies,
    testimonies: snapshot.testimonies.map((testimony) => ({ id: testimony.id, text: testimony.text, teller: testimony.pseudonym ?? 'a neighbour', domain: testimony.domain })),
    headlineChallenge: snapshot.challenges.find((challenge) => challenge.id === snapshot.headlineChallengeId)
      ?? snapshot.challenges.find((challenge) => challenge.headline) ?? null,
    challenges: snapshot.challenges,
    previous: previous ? { auditId: previous.auditId, label: previous.period.label } : null,
    diff: previous ? diffAudits(previous, snapshot) : null,
    series: domainScoreSeries(history),
  };
}
