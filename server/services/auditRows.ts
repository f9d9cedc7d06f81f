/** Stored audit rows to the audit's plain data and back. No rules here: just shapes. */
import type { AuditAnswerTable, AuditCheckTable, AuditTable, AuditTallyTable, AuditTestimonyTable, ChallengeTable } from '../db/schema';
import type { ChallengeRow } from '../repositories/challenge.repository';
import type { ChallengeRecord } from '../privacy/auditPresenter';
import { challengeTier } from '../privacy/policy';
import type { SiteGeometry } from '../../shared/schemas/geometry';
import type {
  AnswerValue,
  Audit,
  AuditRules,
  AuditStatus,
  Challenge,
  ChallengeLocation,
  ChallengeSource,
  ChallengeStatus,
  Check,
  CheckAnswer,
  ModerationState,
  Tally,
  Testimony,
} from '../../shared/audit/types';
import type { DomainId } from '../../shared/taxonomy/domains';
import type { Tier } from '../../shared/privacy/roles';

export function auditOf(row: Pick<AuditTable, 'id' | 'area_id' | 'period_label' | 'period_start' | 'period_end' | 'next_audit_on' | 'status' | 'opened_at' | 'published_at' | 'version'>): Audit {
  return {
    id: row.id,
    areaId: row.area_id,
    period: { label: row.period_label, start: row.period_start, end: row.period_end },
    nextAuditOn: row.next_audit_on,
    status: row.status as AuditStatus,
    openedAt: row.opened_at,
    publishedAt: row.published_at,
    version: row.version,
  };
}

export function rulesOf(row: AuditTable): Partial<AuditRules> {
  return JSON.parse(row.rules) as Partial<AuditRules>;
}

export function checksOf(row: AuditTable): Check[] {
  return JSON.parse(row.checks) as Check[];
}

export function checkOf(row: AuditCheckTable): Check {
  return {
    key: row.key, version: row.version, question: row.question, description: row.description, weight: row.weight,
    mayNotApply: row.may_not_apply === 1, addedOn: row.added_on, retiredOn: row.retired_on,
  };
}

export function checkRow(check: Check, sortOrder: number, now: string): AuditCheckTable {
  return {
    key: check.key, version: check.version, question: check.question, description: check.description, weight: check.weight,
    may_not_apply: check.mayNotApply ? 1 : 0, added_on: check.addedOn, retired_on: check.retiredOn, sort_order: sortOrder, created_at: now,
  };
}

export function answerOf(row: AuditAnswerTable): CheckAnswer {
  return {
    auditId: row.audit_id, groupId: row.group_id, checkKey: row.check_key, checkVersion: row.check_version,
    value: row.result as AnswerValue, evidence: row.evidence, evidenceUrl: row.evidence_url,
    answeredBy: row.answered_by, answeredAt: row.updated_at, version: row.version,
  };
}

export function answerRow(answer: CheckAnswer, userId: string | null): AuditAnswerTable {
  return {
    audit_id: answer.auditId, group_id: answer.groupId, check_key: answer.checkKey, check_version: answer.checkVersion,
    result: answer.value, evidence: answer.evidence, evidence_url: answer.evidenceUrl, answered_by: answer.answeredBy,
    answered_by_user_id: userId, version: answer.version, updated_at: answer.answeredAt ?? '',
  };
}

export function tallyOf(row: AuditTallyTable): Tally {
  return { id: row.id, auditId: row.audit_id, name: row.name, count: row.count, unit: row.unit, domain: row.domain as DomainId | null };
}

export function testimonyOf(row: AuditTestimonyTable): Testimony {
  return {
    id: row.id, auditId: row.audit_id, text: row.text, pseudonym: row.pseudonym, consent: row.consent === 1,
    visibility: row.visibility as Tier, moderation: row.moderation as ModerationState, domain: row.domain as DomainId | null,
    submittedAt: row.submitted_at,
  };
}

export function challengeOf(row: ChallengeRow): Challenge {
  // A challenge at a site is where the site is now (no location once the site is gone).
  const location: ChallengeLocation = row.location_kind === 'site'
    ? { kind: 'site', siteId: row.location_site_id as string, geometry: row.site_geometry ? JSON.parse(row.site_geometry) : null }
    : { kind: 'area', areaId: row.area_id };
  return {
    id: row.id,
    auditId: row.audit_id,
    title: row.title,
    description: row.description,
    domain: row.domain as DomainId | null,
    source: JSON.parse(row.source) as ChallengeSource,
    location,
    status: row.status as ChallengeStatus,
    claimedByGroupId: row.claimed_by_group_id,
    solvedEvidence: row.solved_evidence,
    solvedEvidenceUrl: row.solved_evidence_url,
    dueOn: row.due_on,
    carriedOverTo: JSON.parse(row.carried_over_to) as string[],
    sequelOf: row.sequel_of,
    headline: row.is_headline === 1,
    createdAt: row.created_at,
    history: JSON.parse(row.history),
    version: row.version,
  };
}

/** A challenge with where it is and who may see it now, for the presenters. */
export function challengeRecordOf(row: ChallengeRow): ChallengeRecord {
  const atSite = row.location_kind === 'site';
  const pair = (lon: number | null, lat: number | null): [number, number] | null => (lon !== null && lat !== null ? [lon, lat] : null);
  const shown = atSite ? row.site_shown_geometry : row.shown_geometry;
  return {
    challenge: challengeOf(row),
    areaId: row.area_id,
    visibility: challengeTier(row.visibility, atSite ? row.site_visibility : null),
    exactPoint: atSite ? pair(row.site_lon, row.site_lat) : pair(row.lon, row.lat),
    shownPoint: atSite ? pair(row.site_shown_lon, row.site_shown_lat) : pair(row.shown_lon, row.shown_lat),
    shownGeometry: shown ? (JSON.parse(shown) as SiteGeometry) : null,
  };
}

/** The columns a challenge's lifecycle changes (location and visibility are set once). */
export function challengeChanges(challenge: Challenge): Pick<ChallengeTable, LifecycleColumn> {
  return {
    status: challenge.status,
    claimed_by_group_id: challenge.claimedByGroupId,
    solved_evidence: challenge.solvedEvidence,
    solved_evidence_url: challenge.solvedEvidenceUrl,
    due_on: challenge.dueOn,
    carried_over_to: JSON.stringify(challenge.carriedOverTo),
    is_headline: challenge.headline ? 1 : 0,
    history: JSON.stringify(challenge.history),
    version: challenge.version,
  };
}

/** Where a new challenge is and its own tier. A challenge at a site stores no place: it is read from the site. */
export interface ChallengePlace {
  areaId: string;
  visibility: Tier;
  geometry: string | null; lon: number | null; lat: number | null;
  shownGeometry: string | null; shownLon: number | null; shownLat: number | null;
}

export const NO_PLACE = { geometry: null, lon: null, lat: null, shownGeometry: null, shownLon: null, shownLat: null } as const;

export function challengeRow(challenge: Challenge, place: ChallengePlace, proposalKey: string | null): ChallengeTable {
  if (challenge.location.kind === 'site') place = { ...place, ...NO_PLACE };
  return {
    id: challenge.id,
    audit_id: challenge.auditId,
    area_id: place.areaId,
    title: challenge.title,
    description: challenge.description,
    domain: challenge.domain,
    source_kind: challenge.source.kind,
    source: JSON.stringify(challenge.source),
    proposal_key: proposalKey,
    location_kind: challenge.location.kind,
    location_site_id: challenge.location.kind === 'site' ? challenge.location.siteId : null,
    geometry: place.geometry, lon: place.lon, lat: place.lat,
    shown_geometry: place.shownGeometry, shown_lon: place.shownLon, shown_lat: place.shownLat,
    visibility: place.visibility,
    created_at: challenge.createdAt,
    sequel_of: challenge.sequelOf,
    ...challengeChanges(challenge),
  };
}

type LifecycleColumn = 'status' | 'claimed_by_group_id' | 'solved_evidence' | 'solved_evidence_url' | 'due_on' | 'carried_over_to' | 'is_headline' | 'history' | 'version';
