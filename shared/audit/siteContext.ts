/**
 * What a site's panel says about the site beyond its own record: the challenges still open
 * there or for its group, and how its group did on the checks at the latest published audit.
 * Pure: it takes challenges and a snapshot already presented for the reader.
 */
import { checkName } from './scoreAudit';
import type { AnswerValue, AuditSnapshot, Challenge } from './types';

export interface SiteCheckResult {
  checkKey: string;
  name: string;
  question: string;
  value: AnswerValue;
  /** Nobody answered it: unknown, counted as 0. */
  unanswered: boolean;
  evidence: string | null;
}

export interface GroupCheckResults {
  auditId: string;
  periodLabel: string;
  groupId: string;
  groupName: string;
  /** 0..1, or null when no check applies. */
  score: number | null;
  autonomous: boolean;
  threshold: number;
  checks: SiteCheckResult[];
}

/** Why a challenge is on this site's panel. */
export type SiteChallengeReason = 'at this site' | 'for its group' | 'claimed by its group';

export interface SiteChallenge {
  challenge: Challenge;
  reason: SiteChallengeReason;
}

/** Challenges not yet solved that are placed at the site, about its group, or claimed by it. */
export function siteChallenges(challenges: readonly Challenge[], site: { id: string; groupId: string | null }): SiteChallenge[] {
  const found: SiteChallenge[] = [];
  for (const challenge of challenges) {
    if (challenge.status === 'solved') continue;
    const atSite = (challenge.location.kind === 'site' && challenge.location.siteId === site.id)
      || (challenge.source.kind === 'site_closed' && challenge.source.siteId === site.id);
    const forGroup = site.groupId !== null && (
      (challenge.source.kind === 'check' && challenge.source.groupId === site.groupId)
      || (challenge.source.kind === 'federation' && (challenge.source.fromGroupId === site.groupId || challenge.source.toGroupId === site.groupId)));
    const claimed = site.groupId !== null && challenge.claimedByGroupId === site.groupId;
    const reason: SiteChallengeReason | null = atSite ? 'at this site' : forGroup ? 'for its group' : claimed ? 'claimed by its group' : null;
    if (reason) found.push({ challenge, reason });
  }
  return found;
}

/** The group's answers at one audit, in the checklist's order; null when the audit did not score the group. */
export function groupCheckResults(snapshot: AuditSnapshot, groupId: string): GroupCheckResults | null {
  const score = snapshot.scores.groups.find((group) => group.groupId === groupId);
  if (!score) return null;
  const answers = new Map(snapshot.answers.filter((answer) => answer.groupId === groupId).map((answer) => [answer.checkKey, answer]));
  return {
    auditId: snapshot.auditId,
    periodLabel: snapshot.period.label,
    groupId,
    groupName: score.groupName,
    score: score.score,
    autonomous: score.autonomous,
    threshold: snapshot.rules.autonomousGroupScore,
    checks: score.contributions.map((contribution) => ({
      checkKey: contribution.checkKey,
      name: checkName({ key: contribution.checkKey }),
      question: contribution.question,
      value: contribution.value,
      unanswered: contribution.unanswered,
      evidence: answers.get(contribution.checkKey)?.evidence || null,
    })),
  };
}
