import { DOMAINS } from '../taxonomy/domains';
import type { FunctionType } from '../taxonomy/functionTypes';
import { computeCoverage } from './computeCoverage';
import type { NeedDefault } from './needDefaults';
import type {
  AnswerCounts,
  AnswerValue,
  AuditGroup,
  AuditRules,
  AuditScores,
  AuditSite,
  Check,
  CheckAnswer,
  CheckContribution,
  DateString,
  DomainContribution,
  DomainCoverage,
  DomainScore,
  GroupScore,
  NeedEstimate,
  UnknownAnswer,
} from './types';
import { UNIT_WORDS, amount, listWords, percent, plural } from './words';

/** The thresholds a network starts with; each can be changed by the network. */
export const DEFAULT_AUDIT_RULES: Readonly<AuditRules> = Object.freeze({
  autonomousGroupScore: 0.6,
  governedCoverage: 0.5,
  coverageWeight: 0.5,
});

/** What each answer is worth, as a share of the check's weight. */
export const ANSWER_POINTS: Readonly<Record<Exclude<AnswerValue, 'not_applicable'>, number>> = Object.freeze({
  pass: 1,
  partial: 0.5,
  fail: 0,
  unknown: 0,
});

export interface ScoreAuditInput {
  /** The audit's date (usually the period's end): checks retired on or before it are not asked. */
  asOf: DateString;
  checks: readonly Check[];
  groups: readonly AuditGroup[];
  answers: readonly CheckAnswer[];
  sites: readonly AuditSite[];
  population: number | null;
  needEstimates?: readonly NeedEstimate[];
  rules?: Partial<AuditRules>;
  needDefaults?: readonly NeedDefault[];
  functionTypes?: readonly FunctionType[];
}

export interface ScoredAudit {
  rules: AuditRules;
  scores: AuditScores;
  coverage: DomainCoverage[];
}

/** A check's short name for sentences: its key in words ("open_books" → "open books"). */
export function checkName(check: Pick<Check, 'key'>): string {
  return check.key.replace(/_/g, ' ');
}

/** Checks still asked on a date. */
export function activeChecks(checks: readonly Check[], asOf: DateString): Check[] {
  return checks.filter((check) => check.retiredOn === null || check.retiredOn > asOf);
}

/**
 * Score every group on the checks, compute coverage from the sites of autonomous groups,
 * then score and explain each domain and the headline "we govern N of M domains".
 */
export function scoreAudit(input: ScoreAuditInput): ScoredAudit {
  const rules: AuditRules = { ...DEFAULT_AUDIT_RULES, ...input.rules };
  const checks = activeChecks(input.checks, input.asOf);
  // Each group's answers picked out once (not by a scan of every answer per group).
  const answersByGroup = new Map<string, CheckAnswer[]>();
  for (const answer of input.answers) {
    const list = answersByGroup.get(answer.groupId);
    if (list) list.push(answer);
    else answersByGroup.set(answer.groupId, [answer]);
  }
  const groups = input.groups.map((group) => scoreGroup(group, checks, answersByGroup.get(group.id) ?? [], rules));
  const autonomousGroupIds = groups.filter((group) => group.autonomous).map((group) => group.groupId);
  const coverage = computeCoverage({
    population: input.population,
    sites: input.sites,
    autonomousGroupIds,
    needEstimates: input.needEstimates,
    needDefaults: input.needDefaults,
    functionTypes: input.functionTypes,
  });
  const groupById = new Map(groups.map((group) => [group.groupId, group]));
  const domains = coverage.map((entry) => scoreDomain(entry, input.sites, groupById, checks, rules));
  const assessed = domains.filter((domain) => domain.assessed);
  const governed = assessed.filter((domain) => domain.governed);
  const notAssessedCount = domains.length - assessed.length;
  const unknowns: UnknownAnswer[] = groups.flatMap((group) =>
    group.contributions
      .filter((contribution) => contribution.value === 'unknown')
      .map((contribution) => ({ groupId: group.groupId, checkKey: contribution.checkKey, answered: !contribution.unanswered })));

  const headline = `We govern ${governed.length} of ${plural(assessed.length, 'assessed domain')}`
    + (notAssessedCount > 0 ? ` (${notAssessedCount} not assessed)` : '');
  const reasons = [headline + '.'];
  if (governed.length > 0) reasons.push(`Governed: ${listWords(governed.map((domain) => domain.label))}.`);
  const notGoverned = assessed.filter((domain) => !domain.governed);
  if (notGoverned.length > 0) reasons.push(`Not yet governed: ${listWords(notGoverned.map((domain) => domain.label))}.`);
  if (notAssessedCount > 0) {
    reasons.push(`Not assessed (no need known, or no need and no sites): ${listWords(domains.filter((domain) => !domain.assessed).map((domain) => domain.label))}.`);
  }
  reasons.push(`${plural(autonomousGroupIds.length, 'group')} of ${groups.length} clear the check threshold of ${percent(rules.autonomousGroupScore)}.`);
  if (unknowns.length > 0) {
    reasons.push(`${plural(unknowns.length, 'answer')} unknown; unknown counts as 0, never as a pass.`);
  }

  return {
    rules,
    coverage,
    scores: {
      groups,
      domains,
      governedCount: governed.length,
      assessedCount: assessed.length,
      notAssessedCount,
      headline,
      reasons,
      unknowns,
    },
  };
}

/**
 * A group's autonomy score: the weighted share of points over the checks that apply.
 * pass = 1, partial = ½, fail = 0, unknown = 0 (and counted as unknown); not applicable
 * leaves the check out. A check nobody answered is unknown.
 */
export function scoreGroup(
  group: AuditGroup,
  checks: readonly Check[],
  answers: readonly CheckAnswer[],
  rules: AuditRules = DEFAULT_AUDIT_RULES,
): GroupScore {
  const answerByKey = new Map(answers.filter((answer) => answer.groupId === group.id).map((answer) => [answer.checkKey, answer]));
  const counts: AnswerCounts = { pass: 0, partial: 0, fail: 0, unknown: 0, notApplicable: 0, unanswered: 0 };
  const staleWording: string[] = [];
  const contributions: CheckContribution[] = checks.map((check) => {
    const answer = answerByKey.get(check.key);
    let value: AnswerValue = answer?.value ?? 'unknown';
    // A check that may not be left out cannot be answered "not applicable"; treat as unknown.
    if (value === 'not_applicable' && !check.mayNotApply) value = 'unknown';
    if (answer && answer.checkVersion !== check.version) staleWording.push(checkName(check));
    const unanswered = answer === undefined;
    if (value === 'not_applicable') counts.notApplicable += 1;
    else counts[value] += 1;
    if (unanswered) counts.unanswered += 1;
    const possible = value === 'not_applicable' ? 0 : check.weight;
    const points = value === 'not_applicable' ? 0 : check.weight * ANSWER_POINTS[value];
    return { checkKey: check.key, question: check.question, weight: check.weight, value, unanswered, points, possible };
  });
  const points = contributions.reduce((total, entry) => total + entry.points, 0);
  const possible = contributions.reduce((total, entry) => total + entry.possible, 0);
  const score = possible > 0 ? points / possible : null;
  const autonomous = score !== null && score >= rules.autonomousGroupScore;

  const namesWith = (value: AnswerValue) => contributions.filter((entry) => entry.value === value).map((entry) => checkName({ key: entry.checkKey }));
  const reasons: string[] = [];
  if (score === null) {
    reasons.push(`${group.name}: no check applies, so there is no score and the group does not count as autonomous.`);
  } else {
    reasons.push(`${group.name}: ${amount(points)} of ${amount(possible)} points (${percent(score)}), ${autonomous ? 'autonomous' : 'not autonomous'} (threshold ${percent(rules.autonomousGroupScore)}).`);
  }
  const failing = namesWith('fail');
  if (failing.length > 0) reasons.push(`Failing: ${listWords(failing)}.`);
  const partial = namesWith('partial');
  if (partial.length > 0) reasons.push(`Partly met (half points): ${listWords(partial)}.`);
  const unknown = namesWith('unknown');
  if (unknown.length > 0) reasons.push(`Unknown, counted as 0 and not as a pass: ${listWords(unknown)}${counts.unanswered > 0 ? ` (${counts.unanswered} never answered)` : ''}.`);
  const notApplicable = namesWith('not_applicable');
  if (notApplicable.length > 0) reasons.push(`Not applicable, left out: ${listWords(notApplicable)}.`);
  if (staleWording.length > 0) reasons.push(`Answered to an earlier wording: ${listWords(staleWording)}.`);

  return { groupId: group.id, groupName: group.name, score, points, possible, autonomous, counts, contributions, reasons };
}

function scoreDomain(
  coverage: DomainCoverage,
  sites: readonly AuditSite[],
  groupById: ReadonlyMap<string, GroupScore>,
  checks: readonly Check[],
  rules: AuditRules,
): DomainScore {
  const label = DOMAINS.find((domain) => domain.id === coverage.domain)?.label ?? coverage.domain;
  const groupIds = [...new Set(sites
    .filter((site) => site.domain === coverage.domain && site.status === 'active' && site.groupId !== null)
    .map((site) => site.groupId as string))]
    .filter((groupId) => groupById.has(groupId))
    .sort();
  const domainGroups = groupIds.map((groupId) => groupById.get(groupId) as GroupScore);

  // Each group's values by check, looked up rather than searched for every check and value.
  const valuesByCheck = domainGroups.map((group) => {
    const values = new Map<string, Set<AnswerValue>>();
    for (const entry of group.contributions) {
      const found = values.get(entry.checkKey);
      if (found) found.add(entry.value);
      else values.set(entry.checkKey, new Set([entry.value]));
    }
    return values;
  });
  const checkContributions: DomainContribution[] = checks.flatMap((check) => {
    const withValue = (value: AnswerValue) => domainGroups
      .filter((_, index) => valuesByCheck[index].get(check.key)?.has(value) ?? false)
      .map((group) => group.groupId);
    const failingGroupIds = withValue('fail');
    const partialGroupIds = withValue('partial');
    const unknownGroupIds = withValue('unknown');
    if (failingGroupIds.length + partialGroupIds.length + unknownGroupIds.length === 0) return [];
    return [{ kind: 'check' as const, checkKey: check.key, question: check.question, failingGroupIds, partialGroupIds, unknownGroupIds }];
  });

  const assessed = coverage.need !== null && coverage.need > 0;
  if (!assessed) {
    let why: string;
    if (coverage.need === null) why = 'the need is unknown (no population for the area and no estimate from the assembly)';
    else if (coverage.activeSiteCount === 0) why = 'there is no need and no site';
    else why = `the need is 0 but ${plural(coverage.activeSiteCount, 'active site')} exist; enter the need to assess it`;
    return {
      domain: coverage.domain, label, assessed: false, governed: false, score: null, coverage: null, groupIds,
      reasons: [`${label}: not assessed — ${why}.`],
      contributions: checkContributions,
    };
  }

  const coverageShare = coverage.coverage ?? 0;
  const scoredGroups = domainGroups.filter((group) => group.score !== null);
  const meanGroupScore = scoredGroups.length > 0
    ? scoredGroups.reduce((total, group) => total + (group.score as number), 0) / scoredGroups.length
    : null;
  const coveragePoints = rules.coverageWeight * Math.min(1, coverageShare);
  const groupPoints = (1 - rules.coverageWeight) * (meanGroupScore ?? 0);
  const score = coveragePoints + groupPoints;
  const governed = coverageShare >= rules.governedCoverage;

  const autonomousCount = coverage.autonomousSiteIds.length;
  const failingPhrases = checkContributions
    .filter((entry): entry is Extract<DomainContribution, { kind: 'check' }> => entry.kind === 'check' && entry.failingGroupIds.length > 0)
    .map((entry) => `${plural(entry.failingGroupIds.length, 'group')} failing ${checkName({ key: entry.checkKey })}`);
  const reasons = [
    `${label}: coverage ${percent(coverageShare)} of need (threshold ${percent(rules.governedCoverage)}) from ${plural(autonomousCount, 'autonomous site')}`
      + (failingPhrases.length > 0 ? `; ${failingPhrases.join('; ')}` : ''),
    governed
      ? `Governed: sites run by autonomous groups give ${amount(coverage.autonomousCapacity)} of the ${amount(coverage.need as number)} ${UNIT_WORDS[coverage.unit]} needed.`
      : `Not governed: sites run by autonomous groups give ${amount(coverage.autonomousCapacity)} of the ${amount(coverage.need as number)} ${UNIT_WORDS[coverage.unit]} needed, below ${percent(rules.governedCoverage)}.`,
    `Score ${percent(score)}: coverage ${percent(Math.min(1, coverageShare))} weighted ${percent(rules.coverageWeight)}, and the groups' mean check score `
      + (meanGroupScore === null ? 'none (no group runs a site here)' : percent(meanGroupScore))
      + ` weighted ${percent(1 - rules.coverageWeight)}.`,
    coverage.needReason,
  ];
  const notCounted = coverage.sites.filter((site) => !site.counted && site.reason !== 'closed');
  if (notCounted.length > 0) {
    reasons.push(`Not counted: ${listWords(notCounted.map((site) => `${site.siteName} (${site.reason})`))}.`);
  }
  const unknownGroups = new Set(checkContributions.flatMap((entry) => entry.kind === 'check' ? entry.unknownGroupIds : []));
  if (unknownGroups.size > 0) {
    reasons.push(`${plural(unknownGroups.size, 'group')} here with unknown checks, counted as 0.`);
  }

  return {
    domain: coverage.domain,
    label,
    assessed: true,
    governed,
    score,
    coverage: coverageShare,
    groupIds,
    reasons,
    contributions: [
      { kind: 'coverage', coverage: coverageShare, threshold: rules.governedCoverage, weight: rules.coverageWeight, points: coveragePoints },
      { kind: 'groups', meanGroupScore, groupIds, weight: 1 - rules.coverageWeight, points: groupPoints },
      ...checkContributions,
    ],
  };
}
