import { checkName } from './scoreAudit';
import type { AuditSnapshot, Challenge, ClosureProposal } from './types';
import { percent } from './words';

/**
 * Unsolved challenges that a new analysis shows are met, each with the reason, so an
 * assembly can mark them solved: a domain now governed; a group now passing the check it
 * failed; a closed site reopened, or a site of the same kind opened since the challenge.
 * Hand-made challenges are never proposed for closing; food-access ones are, by a re-analysis
 * (`proposeFoodAccessClosures`), since the snapshot holds no distances.
 */
export function proposeClosures(openChallenges: readonly Challenge[], snapshot: AuditSnapshot): ClosureProposal[] {
  const proposals: ClosureProposal[] = [];
  for (const challenge of openChallenges) {
    if (challenge.status === 'solved') continue;
    const reason = closureReason(challenge, snapshot);
    if (reason !== null) proposals.push({ challengeId: challenge.id, reason });
  }
  return proposals;
}

function closureReason(challenge: Challenge, snapshot: AuditSnapshot): string | null {
  const source = challenge.source;
  switch (source.kind) {
    case 'coverage': {
      const domain = snapshot.scores.domains.find((entry) => entry.domain === source.domain);
      if (!domain?.governed) return null;
      return `${domain.label} is now governed at ${snapshot.period.label}: coverage ${percent(domain.coverage ?? 0)} of need (threshold ${percent(snapshot.rules.governedCoverage)}).`;
    }
    case 'check': {
      const group = snapshot.scores.groups.find((entry) => entry.groupId === source.groupId);
      const contribution = group?.contributions.find((entry) => entry.checkKey === source.checkKey);
      if (!group || contribution?.value !== 'pass') return null;
      return `${group.groupName} now passes ${checkName({ key: source.checkKey })} at ${snapshot.period.label}.`;
    }
    case 'site_closed': {
      const site = snapshot.sites.find((entry) => entry.id === source.siteId);
      if (site?.status === 'active') return `${site.name} is open again at ${snapshot.period.label}.`;
      const createdOn = challenge.createdAt.slice(0, 10);
      const replacement = snapshot.sites.find((entry) =>
        entry.status === 'active' && entry.functionType === source.functionType && entry.id !== source.siteId
        && entry.openedOn !== null && entry.openedOn >= createdOn);
      if (replacement) return `${replacement.name} opened on ${replacement.openedOn}, a site of the same kind.`;
      return null;
    }
    case 'federation': {
      const pact = snapshot.links.find((link) => (link.kind === 'mutual_support_pact' || link.kind === 'shared_fund')
        && [link.fromGroupId, link.toGroupId].sort().join() === [source.fromGroupId, source.toGroupId].sort().join());
      if (!pact) return null;
      const names = [source.fromGroupId, source.toGroupId].map((id) => snapshot.groups.find((group) => group.id === id)?.name ?? 'a group not shown here');
      return `${names[0]} and ${names[1]} are in a ${pact.kind === 'shared_fund' ? 'shared fund' : 'mutual-support pact'} at ${snapshot.period.label}.`;
    }
    case 'manual':
    case 'food_access':
      return null;
  }
}
