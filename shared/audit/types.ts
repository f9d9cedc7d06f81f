/**
 * The words of the sovereignty audit as plain data. Everything here is serialisable (no
 * classes, no Dates: dates are YYYY-MM-DD strings, instants ISO strings) so the server can
 * store it and a published snapshot can be written to a file and read back unchanged.
 */
import type { DomainId } from '../taxonomy/domains';
import type { CapacityUnit } from '../taxonomy/functionTypes';
import type { Precision, Tier } from '../privacy/roles';
import type { SiteGeometry } from '../schemas/geometry';
import type { AuditSummaryFigures } from './auditSummary';

/** A calendar date, YYYY-MM-DD. Dates compare correctly as strings. */
export type DateString = string;
/** An instant, ISO 8601 (2025-03-14T19:30:00Z). */
export type InstantString = string;

// ─── States ────────────────────────────────────────────────────────────────────────────

/** Where an audit is in its life: prepared, opened on audit night, published (final). */
export const AUDIT_STATUSES = ['draft', 'open', 'published'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** Where a challenge is: raised, taken on by a group, met, or moved to a later audit. */
export const CHALLENGE_STATUSES = ['open', 'claimed', 'solved', 'carried_over'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** A testimony waits for moderation; only an approved one is ever shown. */
export const MODERATION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

// ─── Checks ────────────────────────────────────────────────────────────────────────────

/**
 * One governance question, as a network's checklist holds it. `key` never changes;
 * rewording or reweighting bumps `version`, so an audit that kept an older version keeps
 * the words its answers were given to.
 */
export interface Check {
  key: string;
  version: number;
  question: string;
  /** What passing looks like, in words an assembly can read aloud. */
  description: string;
  /** How much the check counts in a group's score (> 0). */
  weight: number;
  /** True when some groups may answer "not applicable" (e.g. assets held in common). */
  mayNotApply: boolean;
  addedOn: DateString | null;
  /** From this date the check is no longer asked; older audits keep it. */
  retiredOn: DateString | null;
}

export const ANSWER_VALUES = ['pass', 'partial', 'fail', 'unknown', 'not_applicable'] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** A group's answer to one check at one audit. */
export interface CheckAnswer {
  auditId: string;
  groupId: string;
  checkKey: string;
  /** The version of the check's wording the answer was given to. */
  checkVersion: number;
  value: AnswerValue;
  evidence: string;
  evidenceUrl: string | null;
  /** Who answered (a user id or a display name), null when imported. */
  answeredBy: string | null;
  answeredAt: InstantString | null;
  /** Optimistic concurrency: 1 for the first answer, +1 for every change. */
  version: number;
}

/** A likely answer read from a group's own profile, for auditors to confirm or change. */
export interface AnswerSuggestion {
  groupId: string;
  checkKey: string;
  value: AnswerValue;
  reason: string;
  /** Always true: a suggestion is never an answer until an auditor confirms it. */
  suggestion: true;
}

// ─── What an audit looks at ────────────────────────────────────────────────────────────

export interface AuditPeriod {
  /** How people call it: "Spring 2025", "2025 Q1". */
  label: string;
  start: DateString;
  end: DateString;
}

export interface AuditArea {
  id: string;
  name: string;
  /** Residents, when known; need is derived from it unless the assembly gives its own. */
  population: number | null;
}

export type SiteStatus = 'active' | 'closed';

/** A site as the audit sees it. Geometry arrives already degraded for its audience. */
export interface AuditSite {
  id: string;
  name: string;
  functionType: string;
  domain: DomainId;
  groupId: string | null;
  geometry: SiteGeometry | null;
  capacity: number | null;
  capacityUnit: CapacityUnit | null;
  status: SiteStatus;
  openedOn: DateString | null;
  closedOn: DateString | null;
}

export interface AuditGroup {
  id: string;
  name: string;
}

export interface AuditLink {
  id: string;
  fromGroupId: string;
  toGroupId: string;
  kind: 'mutual_support_pact' | 'shared_fund' | 'shared_members' | 'flow';
  flow: 'food' | 'money' | 'labour' | 'space' | 'skills' | 'tools' | null;
}

/** The assembly's own estimate of need in a domain; it overrides the default. */
export interface NeedEstimate {
  domain: DomainId;
  /** In the domain's need unit (see NEED_DEFAULTS). */
  need: number;
  note: string;
}

/** The thresholds a network sets. Defaults in DEFAULT_AUDIT_RULES (scoreAudit.ts). */
export interface AuditRules {
  /** A group is autonomous when its score is at least this (0..1). */
  autonomousGroupScore: number;
  /** A domain is governed when autonomous sites cover at least this share of need (0..1). */
  governedCoverage: number;
  /** How much coverage counts in a domain's score; the rest is its groups' mean score. */
  coverageWeight: number;
}

// ─── Coverage ──────────────────────────────────────────────────────────────────────────

export interface SiteCapacityContribution {
  siteId: string;
  siteName: string;
  groupId: string | null;
  /** Capacity converted to the domain's need unit; null when none was recorded. */
  capacity: number | null;
  /** Whether the capacity counts towards coverage. */
  counted: boolean;
  /** Why it counts or not, in words. */
  reason: string;
}

export interface DomainCoverage {
  domain: DomainId;
  /** The unit need and capacity are both expressed in. */
  unit: CapacityUnit;
  /** Null when neither a population nor an estimate is known. */
  need: number | null;
  needSource: 'assembly' | 'default' | 'none';
  /** How the need was reached, in words. */
  needReason: string;
  /** Capacity of active sites run by autonomous groups, in the need unit. */
  autonomousCapacity: number;
  /** Capacity of every active site in the domain, autonomous or not. */
  totalCapacity: number;
  /** autonomousCapacity / need, uncapped; null when need is unknown or 0. */
  coverage: number | null;
  activeSiteCount: number;
  autonomousSiteIds: string[];
  sites: SiteCapacityContribution[];
}

// ─── Scores ────────────────────────────────────────────────────────────────────────────

export interface CheckContribution {
  checkKey: string;
  question: string;
  weight: number;
  value: AnswerValue;
  /** True when nobody answered: reported as unknown, scored 0, never as a pass. */
  unanswered: boolean;
  /** weight × (1 pass, ½ partial, 0 otherwise). */
  points: number;
  /** weight, or 0 for not applicable. */
  possible: number;
}

export interface AnswerCounts {
  pass: number;
  partial: number;
  fail: number;
  /** Answered "unknown" plus never answered. */
  unknown: number;
  notApplicable: number;
  /** Of the unknowns, how many were never answered at all. */
  unanswered: number;
}

export interface GroupScore {
  groupId: string;
  groupName: string;
  /** 0..1, or null when no check applies. */
  score: number | null;
  points: number;
  possible: number;
  autonomous: boolean;
  counts: AnswerCounts;
  contributions: CheckContribution[];
  reasons: string[];
}

export type DomainContribution =
  | { kind: 'coverage'; coverage: number | null; threshold: number; weight: number; points: number }
  | { kind: 'groups'; meanGroupScore: number | null; groupIds: string[]; weight: number; points: number }
  | {
      kind: 'check';
      checkKey: string;
      question: string;
      failingGroupIds: string[];
      partialGroupIds: string[];
      unknownGroupIds: string[];
    };

export interface DomainScore {
  domain: DomainId;
  label: string;
  /** False when there is no need and no site, or need is unknown: not counted either way. */
  assessed: boolean;
  governed: boolean;
  /** 0..1, null when not assessed. */
  score: number | null;
  coverage: number | null;
  /** Groups running active sites in this domain. */
  groupIds: string[];
  reasons: string[];
  contributions: DomainContribution[];
}

export interface UnknownAnswer {
  groupId: string;
  checkKey: string;
  /** False when nobody answered; true when the answer given was "unknown". */
  answered: boolean;
}

export interface AuditScores {
  groups: GroupScore[];
  domains: DomainScore[];
  governedCount: number;
  assessedCount: number;
  notAssessedCount: number;
  /** "We govern 3 of 8 assessed domains" */
  headline: string;
  reasons: string[];
  unknowns: UnknownAnswer[];
}

// ─── Tallies and testimonies ───────────────────────────────────────────────────────────

export interface Tally {
  id: string;
  auditId: string;
  /** "families housed without landlords" */
  name: string;
  /** A whole number ≥ 0. */
  count: number;
  /** "families", "conflicts", "meals" */
  unit: string;
  domain: DomainId | null;
}

export interface Testimony {
  id: string;
  auditId: string;
  text: string;
  /** Testimonies are pseudonymous by default: null shows as "a neighbour". */
  pseudonym: string | null;
  /** The teller agreed to publish it at `visibility`. */
  consent: boolean;
  visibility: Tier;
  moderation: ModerationState;
  domain: DomainId | null;
  submittedAt: InstantString;
}

// ─── Challenges ────────────────────────────────────────────────────────────────────────

export type ChallengeSource =
  | { kind: 'manual' }
  | { kind: 'coverage'; domain: DomainId }
  | { kind: 'check'; groupId: string; checkKey: string }
  | { kind: 'site_closed'; siteId: string; functionType: string }
  | { kind: 'food_access'; zoneId: string; people: number }
  | { kind: 'federation'; fromGroupId: string; toGroupId: string };

export type ChallengeLocation =
  | { kind: 'site'; siteId: string; geometry: SiteGeometry | null }
  | { kind: 'area'; areaId: string };

export interface ChallengeEvent {
  at: InstantString;
  from: ChallengeStatus | null;
  to: ChallengeStatus;
  by: string | null;
  note: string;
}

export interface Challenge {
  id: string;
  /** The audit it was raised at. */
  auditId: string;
  title: string;
  description: string;
  domain: DomainId | null;
  source: ChallengeSource;
  location: ChallengeLocation;
  status: ChallengeStatus;
  claimedByGroupId: string | null;
  solvedEvidence: string | null;
  solvedEvidenceUrl: string | null;
  /** Due by the next audit. */
  dueOn: DateString | null;
  /** The audits it has been carried over to, oldest first. */
  carriedOverTo: string[];
  /** The challenge this one follows on from. */
  sequelOf: string | null;
  headline: boolean;
  createdAt: InstantString;
  history: ChallengeEvent[];
  version: number;
}

/** A challenge the analyses suggest; a person decides whether to raise it. */
export interface ChallengeProposal {
  /** Stable across runs: "coverage:food", "check:g1:open_books", "site_closed:s9". */
  key: string;
  title: string;
  description: string;
  domain: DomainId | null;
  source: ChallengeSource;
  location: ChallengeLocation;
}

export interface ClosureProposal {
  challengeId: string;
  reason: string;
}

// ─── Audits ────────────────────────────────────────────────────────────────────────────

export interface Audit {
  id: string;
  areaId: string;
  period: AuditPeriod;
  nextAuditOn: DateString | null;
  status: AuditStatus;
  openedAt: InstantString | null;
  publishedAt: InstantString | null;
  version: number;
}

/** Everything an audit was, frozen at publication. */
export interface AuditSnapshot {
  auditId: string;
  area: AuditArea;
  period: AuditPeriod;
  nextAuditOn: DateString | null;
  publishedAt: InstantString;
  rules: AuditRules;
  sites: AuditSite[];
  groups: AuditGroup[];
  links: AuditLink[];
  /** The checks with the words they had at this audit. */
  checks: Check[];
  answers: CheckAnswer[];
  needEstimates: NeedEstimate[];
  coverage: DomainCoverage[];
  scores: AuditScores;
  tallies: Tally[];
  testimonies: Testimony[];
  challenges: Challenge[];
  /** Always set in a published snapshot; null only in a preview built before one is chosen. */
  headlineChallengeId: string | null;
  /** Checks left unknown at publication, acknowledged by whoever published. */
  unknowns: UnknownAnswer[];
  acknowledgedUnknown: boolean;
}

/** Who may see each thing a snapshot holds; stored beside it at publication. */
export interface SnapshotPrivacy {
  sites: Record<string, { visibility: Tier; precision: Precision; shownGeometry: SiteGeometry | null }>;
  groups: Record<string, Tier>;
  links: Record<string, Tier>;
  challenges: Record<string, { visibility: Tier; shownGeometry: SiteGeometry | null }>;
}

// ─── As the network keeps them ─────────────────────────────────────────────────────────

/** An audit as listed: who, where, when, status, and a published audit's figures. */
export interface AuditHeader extends Audit {
  /** A published audit's figures for lists and the trend; null before publication. */
  figures: AuditSummaryFigures | null;
  updatedAt: InstantString;
}

/** An audit as kept: the checks and thresholds it works with and, once published, what it counted. */
export interface StoredAudit extends AuditHeader {
  /** The thresholds the assembly set (the rest are the defaults). */
  rules: Partial<AuditRules>;
  /** The checks with the words they had when the audit was started. */
  checks: Check[];
  /** Frozen at publication (steward-level truth, never sent as is); null before. */
  snapshot: AuditSnapshot | null;
  /** Who could see each thing of the snapshot at publication; null before. */
  snapshotPrivacy: SnapshotPrivacy | null;
  acknowledgedUnknown: boolean;
  createdAt: InstantString;
  createdBy: string | null;
}

/** A need estimate as kept for one audit. */
export interface StoredNeedEstimate extends NeedEstimate {
  auditId: string;
  updatedAt: InstantString;
}

/** Who moderated a testimony and when (null until someone did). */
export interface Moderation {
  moderation: ModerationState;
  visibility: Tier;
  moderatedBy: string | null;
  moderatedAt: InstantString | null;
}

/**
 * Where a challenge is and its own tier. A challenge at an area keeps its place (the area's
 * centre); one at a site keeps none: the site's own place is read when it is shown.
 */
export interface ChallengePlace {
  areaId: string;
  visibility: Tier;
  geometry: SiteGeometry | null;
  point: [number, number] | null;
  shownGeometry: SiteGeometry | null;
  shownPoint: [number, number] | null;
}

/** The site a challenge stands at, as the site is now. */
export interface ChallengeSitePlace {
  visibility: Tier;
  point: [number, number];
  shownGeometry: SiteGeometry | null;
  shownPoint: [number, number] | null;
}

/** A challenge as kept, with its own place and tier and the site it stands at (null at an area or once the site is gone). */
export interface StoredChallenge {
  challenge: Challenge;
  place: ChallengePlace;
  proposalKey: string | null;
  site: ChallengeSitePlace | null;
}
