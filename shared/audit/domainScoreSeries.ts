import { DOMAIN_IDS } from '../taxonomy/domains';
import type { DomainId } from '../taxonomy/domains';
import type { AuditSnapshot, DateString, DomainScore } from './types';

export interface DomainScorePoint {
  auditId: string;
  /** The period's label ("Spring 2025"), for axis ticks. */
  period: string;
  /** The period's end, for a time scale. */
  date: DateString;
  /** 0..1, or null where the domain was not assessed (a gap in the line). */
  score: number | null;
  governed: boolean;
}

/** What the trend needs of one published audit: its period and each domain's score (a snapshot has them). */
export interface ScoredPeriod {
  auditId: string;
  period: Pick<AuditSnapshot['period'], 'label' | 'end'>;
  scores: { domains: readonly Pick<DomainScore, 'domain' | 'assessed' | 'score' | 'governed'>[] };
}

/**
 * Each domain's score across published audits, oldest first, ready for a d3 line per
 * domain (use `score !== null` as the line's `defined`).
 */
export function domainScoreSeries(snapshots: readonly ScoredPeriod[]): Record<DomainId, DomainScorePoint[]> {
  const ordered = [...snapshots].sort((a, b) =>
    a.period.end < b.period.end ? -1 : a.period.end > b.period.end ? 1 : a.auditId < b.auditId ? -1 : a.auditId > b.auditId ? 1 : 0);
  const series = Object.fromEntries(DOMAIN_IDS.map((domain) => [domain, [] as DomainScorePoint[]])) as Record<DomainId, DomainScorePoint[]>;
  for (const snapshot of ordered) {
    for (const domain of DOMAIN_IDS) {
      const score = snapshot.scores.domains.find((entry) => entry.domain === domain);
      series[domain].push({
        auditId: snapshot.auditId,
        period: snapshot.period.label,
        date: snapshot.period.end,
        score: score?.assessed ? score.score : null,
        governed: score?.governed ?? false,
      });
    }
  }
  return series;
}
