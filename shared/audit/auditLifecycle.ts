import type { FunctionType } from '../taxonomy/functionTypes';
import { validateHeadline } from './challengeLifecycle';
import { AuditError } from './errors';
import type { NeedDefault } from './needDefaults';
import { scoreAudit } from './scoreAudit';
import type {
  Audit,
  AuditArea,
  AuditGroup,
  AuditLink,
  AuditRules,
  AuditSite,
  AuditSnapshot,
  AuditStatus,
  Challenge,
  Check,
  CheckAnswer,
  InstantString,
  NeedEstimate,
  Tally,
  Testimony,
} from './types';

/**
 * An audit moves draft → open (audit night) → published. It may go back from open to
 * draft; nothing leaves published. Publishing freezes everything into an AuditSnapshot.
 */
const TRANSITIONS: Readonly<Record<AuditStatus, readonly AuditStatus[]>> = Object.freeze({
  draft: ['open'],
  open: ['draft', 'published'],
  published: [],
});

export function canTransitionAudit(from: AuditStatus, to: AuditStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Refuse any change to a published audit (answers, tallies, testimonies, challenges). */
export function assertAuditEditable(audit: Pick<Audit, 'status' | 'id'>): void {
  if (audit.status === 'published') {
    throw new AuditError('audit.published_is_frozen', `audit ${audit.id} is published and cannot be changed; changes belong to the next audit`, { field: 'auditId' });
  }
}

export function openAudit(audit: Audit, at: InstantString): Audit {
  assertTransition(audit, 'open');
  return { ...audit, status: 'open', openedAt: at, version: audit.version + 1 };
}

export function returnAuditToDraft(audit: Audit): Audit {
  assertTransition(audit, 'draft');
  return { ...audit, status: 'draft', version: audit.version + 1 };
}

/** What an audit holds when it is published. */
export interface AuditContents {
  area: AuditArea;
  sites: readonly AuditSite[];
  groups: readonly AuditGroup[];
  links: readonly AuditLink[];
  checks: readonly Check[];
  answers: readonly CheckAnswer[];
  needEstimates: readonly NeedEstimate[];
  rules?: Partial<AuditRules>;
  tallies: readonly Tally[];
  testimonies: readonly Testimony[];
  challenges: readonly Challenge[];
  needDefaults?: readonly NeedDefault[];
  functionTypes?: readonly FunctionType[];
}

export interface PublishOptions {
  /** Required (true) to publish while some checks are still unknown. */
  acknowledgeUnknown: boolean;
  at: InstantString;
}

/**
 * Publish an open audit. Refused when the audit is not open, when there is not exactly one
 * headline challenge, or when checks are unknown and `acknowledgeUnknown` is not true.
 * Returns the published audit and its deep-frozen snapshot.
 */
export function publishAudit(audit: Audit, contents: AuditContents, options: PublishOptions): { audit: Audit; snapshot: AuditSnapshot } {
  assertTransition(audit, 'published');
  validateHeadline(contents.challenges);
  const snapshot = buildSnapshot(audit, contents, { at: options.at, acknowledgedUnknown: options.acknowledgeUnknown });
  if (snapshot.unknowns.length > 0 && options.acknowledgeUnknown !== true) {
    const groupNames = new Map(contents.groups.map((group) => [group.id, group.name]));
    const examples = snapshot.unknowns.slice(0, 5).map((unknown) => `${groupNames.get(unknown.groupId) ?? unknown.groupId}: ${unknown.checkKey.replace(/_/g, ' ')}`);
    throw new AuditError(
      'audit.unknown_answers_not_acknowledged',
      `publishing is refused: ${snapshot.unknowns.length} check answer${snapshot.unknowns.length === 1 ? ' is' : 's are'} unknown (${examples.join('; ')}${snapshot.unknowns.length > 5 ? '; …' : ''}). Answer them, or publish with acknowledgeUnknown so they are listed as unknown.`,
      { field: 'acknowledgeUnknown' },
    );
  }
  return {
    audit: { ...audit, status: 'published', publishedAt: options.at, version: audit.version + 1 },
    snapshot: deepFreeze(snapshot),
  };
}

/**
 * The snapshot an audit would publish, without the publication rules: for previews on
 * audit night and for proposing challenges before publication. Only approved testimonies
 * given with consent are kept.
 */
export function buildSnapshot(audit: Audit, contents: AuditContents, options: { at: InstantString; acknowledgedUnknown: boolean }): AuditSnapshot {
  const copy = structuredClone({
    area: contents.area,
    sites: [...contents.sites],
    groups: [...contents.groups],
    links: [...contents.links],
    checks: [...contents.checks],
    answers: contents.answers.filter((answer) => answer.auditId === audit.id),
    needEstimates: [...contents.needEstimates],
    tallies: [...contents.tallies],
    testimonies: contents.testimonies.filter((testimony) => testimony.moderation === 'approved' && testimony.consent),
    challenges: [...contents.challenges],
  });
  const scored = scoreAudit({
    asOf: audit.period.end,
    checks: copy.checks,
    groups: copy.groups,
    answers: copy.answers,
    sites: copy.sites,
    population: copy.area.population,
    needEstimates: copy.needEstimates,
    rules: contents.rules,
    needDefaults: contents.needDefaults,
    functionTypes: contents.functionTypes,
  });
  return {
    auditId: audit.id,
    ...copy,
    period: { ...audit.period },
    nextAuditOn: audit.nextAuditOn,
    publishedAt: options.at,
    rules: scored.rules,
    coverage: scored.coverage,
    scores: scored.scores,
    headlineChallengeId: copy.challenges.find((challenge) => challenge.headline)?.id ?? null,
    unknowns: scored.scores.unknowns,
    acknowledgedUnknown: options.acknowledgedUnknown,
  };
}

function assertTransition(audit: Audit, to: AuditStatus): void {
  if (audit.status === 'published') assertAuditEditable(audit);
  if (!canTransitionAudit(audit.status, to)) {
    const hint = audit.status === 'draft' && to === 'published' ? '; open it for audit night first' : '';
    throw new AuditError('audit.illegal_transition', `an audit that is ${audit.status} cannot become ${to}${hint}`, { field: 'status' });
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
