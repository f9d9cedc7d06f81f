import { domainById } from '../taxonomy/domains';
import { diffAudits } from './diffAudits';
import { checkName } from './scoreAudit';
import type { AuditSnapshot, Challenge, ChallengeLocation, ChallengeProposal, ChallengeSource } from './types';
import { UNIT_WORDS, amount, percent } from './words';

/**
 * Candidate challenges from an audit, for people to raise or ignore: every assessed domain
 * below the coverage threshold, every failed check of every group, and (given the previous
 * audit) every site closed since then. Needs already covered by a challenge in the snapshot
 * that is not solved are left out. Ordered: domains, then closed sites, then checks.
 */
export function proposeChallenges(snapshot: AuditSnapshot, previous?: AuditSnapshot): ChallengeProposal[] {
  const areaLocation: ChallengeLocation = { kind: 'area', areaId: snapshot.area.id };
  const proposals: ChallengeProposal[] = [];

  for (const domain of snapshot.scores.domains) {
    if (!domain.assessed || domain.governed) continue;
    const coverage = snapshot.coverage.find((entry) => entry.domain === domain.domain);
    if (!coverage || coverage.need === null) continue;
    const target = coverage.need * snapshot.rules.governedCoverage;
    // People and households come whole: a shortfall of 9.5 people is 10 more.
    const missing = Math.ceil(Math.max(0, target - coverage.autonomousCapacity) - 1e-9);
    proposals.push({
      key: `coverage:${domain.domain}`,
      title: `${domain.label}: reach ${percent(snapshot.rules.governedCoverage)} of need`,
      // The shortfall is what is missing to the threshold, not to the whole need: the sentence
      // names both figures so the two cannot read as a contradiction (whole people on both sides).
      description: `${domain.label}: sites run by autonomous groups give ${amount(Math.floor(coverage.autonomousCapacity + 1e-9))} of the ${amount(coverage.need)} ${UNIT_WORDS[coverage.unit]} needed `
        + `(${percent(domain.coverage ?? 0)}; the threshold is ${percent(snapshot.rules.governedCoverage)}). `
        + `About ${amount(missing)} more ${UNIT_WORDS[coverage.unit]} would reach the threshold. How the need is counted: ${coverage.needReason}`,
      domain: domain.domain,
      source: { kind: 'coverage', domain: domain.domain },
      location: areaLocation,
    });
  }

  if (previous) {
    for (const site of diffAudits(previous, snapshot).sitesClosed) {
      const label = domainById(site.domain)?.label ?? site.domain;
      proposals.push({
        key: `site_closed:${site.id}`,
        title: `Replace ${site.name}`,
        description: `${site.name} (${label.toLowerCase()}) was open at ${previous.period.label} and is closed at ${snapshot.period.label}`
          + (site.capacity !== null && site.capacityUnit !== null ? `; it served ${amount(site.capacity)} ${UNIT_WORDS[site.capacityUnit]}.` : '.'),
        domain: site.domain,
        source: { kind: 'site_closed', siteId: site.id, functionType: site.functionType },
        location: { kind: 'site', siteId: site.id, geometry: site.geometry },
      });
    }
  }

  const checks = new Map(snapshot.checks.map((check) => [check.key, check]));
  for (const group of snapshot.scores.groups) {
    const site = snapshot.sites.find((candidate) => candidate.groupId === group.groupId && candidate.status === 'active');
    for (const contribution of group.contributions) {
      if (contribution.value !== 'fail') continue;
      const check = checks.get(contribution.checkKey);
      const answer = snapshot.answers.find((entry) => entry.groupId === group.groupId && entry.checkKey === contribution.checkKey);
      proposals.push({
        key: `check:${group.groupId}:${contribution.checkKey}`,
        title: `${group.groupName}: ${checkName({ key: contribution.checkKey })}`,
        description: `${group.groupName} fails the check “${check?.question ?? contribution.question}”`
          + (answer?.evidence ? ` (evidence: ${answer.evidence})` : '')
          + `. Its score is ${group.score === null ? 'not computed' : percent(group.score)}.`,
        domain: site?.domain ?? null,
        source: { kind: 'check', groupId: group.groupId, checkKey: contribution.checkKey },
        location: site ? { kind: 'site', siteId: site.id, geometry: site.geometry } : areaLocation,
      });
    }
  }

  const covered = new Set(snapshot.challenges.filter((challenge) => challenge.status !== 'solved').map((challenge) => sourceKey(challenge.source)));
  return proposals.filter((proposal) => !covered.has(sourceKey(proposal.source)));
}

/** A key naming the need a challenge is about, so proposals do not repeat open challenges. */
export function sourceKey(source: ChallengeSource | Challenge['source']): string {
  switch (source.kind) {
    case 'manual': return 'manual';
    case 'coverage': return `coverage:${source.domain}`;
    case 'check': return `check:${source.groupId}:${source.checkKey}`;
    case 'site_closed': return `site_closed:${source.siteId}`;
    case 'food_access': return `food_access:${source.zoneId}`;
    case 'federation': return `federation:${[source.fromGroupId, source.toGroupId].sort().join(':')}`;
  }
}
