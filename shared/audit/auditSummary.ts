import type { AuditSnapshot, DomainScore } from './types';

/** One domain's score as a published audit's summary keeps it (all the trend chart needs). */
export type DomainScoreSummary = Pick<DomainScore, 'domain' | 'assessed' | 'score' | 'governed'>;

/**
 * The few figures lists and the trend chart show of a published audit, taken from its
 * snapshot once, at publication, so they never parse the snapshot again. Scores count what
 * the audit counted; they name no site or group, so every audience is shown the same ones.
 */
export interface AuditSummaryFigures {
  headline: string;
  governedCount: number;
  assessedCount: number;
  domainScores: DomainScoreSummary[];
}

export function auditSummaryOf(snapshot: Pick<AuditSnapshot, 'scores'>): AuditSummaryFigures {
  return {
    headline: snapshot.scores.headline,
    governedCount: snapshot.scores.governedCount,
    assessedCount: snapshot.scores.assessedCount,
    domainScores: snapshot.scores.domains.map(({ domain, assessed, score, governed }) => ({ domain, assessed, score, governed })),
  };
}
