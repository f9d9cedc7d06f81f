/**
 * The database as Kysely sees it. Column types are the lowest common denominator of
 * SQLite and PostgreSQL: text, integer, double precision; JSON is stored as text;
 * timestamps as ISO-8601 text; booleans as 0/1 integers.
 */


export interface DomainTable { id: string; label: string; description: string; colour: string; pattern: string; shape: string; letter: string; sort_order: number }
export interface FunctionTypeTable { id: string; label: string; domain_id: string; capacity_unit: string | null; retired: number }

export interface UserTable {
  id: string; email: string; display_name: string; password_hash: string; role: string;
  created_at: string; disabled: number;
}
export interface InvitationTable {
  id: string; token_hash: string; role: string; note: string; created_by: string | null;
  created_at: string; expires_at: string; accepted_by: string | null; accepted_at: string | null;
}
export interface SessionTable { id: string; user_id: string; created_at: string; expires_at: string; last_seen_at: string }

export interface GroupTable {
  id: string; name: string; description: string; website: string | null; founded_on: string | null;
  visibility: string; governance: string; version: number; created_at: string; updated_at: string;
  /** JSON arrays: domains worked in (main first), flows produced, {flow, from} still imported from outside. */
  domains: string; produces: string; imports: string;
}

export interface SiteTable {
  id: string; name: string; function_type: string; domain: string; group_id: string | null;
  /** The real geometry (GeoJSON text) and its representative point and bounding box. */
  geometry: string; lon: number; lat: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number;
  /** What anyone below steward receives: degraded per `precision`, computed on write. */
  shown_geometry: string | null; shown_lon: number | null; shown_lat: number | null;
  capacity: number | null; capacity_unit: string | null; opening_hours: string | null;
  opened_on: string | null; closed_on: string | null; status: string;
  description: string; address: string | null; visibility: string; precision: string;
  source: string | null; source_ref: string | null;
  version: number; created_at: string; updated_at: string; created_by: string | null; updated_by: string | null;
}

export interface LinkTable {
  id: string; from_group_id: string; to_group_id: string; kind: string; flow: string | null;
  description: string; started_on: string | null; visibility: string; created_at: string;
  /** 'active', or 'draft' until a steward confirms it. */
  status: string; proposed_by: string | null;
}

export interface AreaTable {
  id: string; name: string; kind: string; geometry: string; population: number | null; properties: string;
  min_lon: number; min_lat: number; max_lon: number; max_lat: number; centre_lon: number; centre_lat: number; created_at: string;
}

/** Reference layers that are not sites: demo streets, population polygons, imported source layers. */
export interface ReferenceFeatureTable {
  id: string; layer: string; name: string | null; geometry: string; properties: string;
  min_lon: number; min_lat: number; max_lon: number; max_lat: number;
}

/** Who may see each reference layer. */
export interface ReferenceLayerTable { layer: string; visibility: string; updated_at: string }

export interface ChangeLogTable {
  id: string; at: string; user_id: string | null; user_name: string | null; action: string; entity: string; entity_id: string;
  summary: string; visibility: string;
}

export interface SettingTable { key: string; value: string }

export interface AuditCheckTable {
  key: string; version: number; question: string; description: string; weight: number; may_not_apply: number;
  added_on: string | null; retired_on: string | null; sort_order: number; created_at: string;
}

export interface AuditTable {
  id: string; area_id: string; period_label: string; period_start: string; period_end: string; next_audit_on: string | null;
  status: string; rules: string; checks: string; opened_at: string | null; published_at: string | null;
  snapshot: string | null; snapshot_privacy: string | null; acknowledged_unknown: number;
  version: number; created_at: string; updated_at: string; created_by: string | null;
  /** A published audit's figures for lists and the trend (AuditSummaryFigures as JSON); null before publication. */
  summary: string | null;
}

export interface AuditAnswerTable {
  audit_id: string; group_id: string; check_key: string; check_version: number; result: string;
  evidence: string; evidence_url: string | null; answered_by: string | null; answered_by_user_id: string | null;
  version: number; updated_at: string;
}

export interface AuditNeedEstimateTable { audit_id: string; domain: string; need: number; note: string; updated_at: string }

export interface AuditTallyTable { id: string; audit_id: string; name: string; count: number; unit: string; domain: string | null; created_at: string }

export interface AuditTestimonyTable {
  id: string; audit_id: string; text: string; pseudonym: string | null; consent: number; visibility: string; moderation: string;
  domain: string | null; submitted_at: string; moderated_by: string | null; moderated_at: string | null;
}

export interface ChallengeTable {
  id: string; audit_id: string; area_id: string; title: string; description: string; domain: string | null;
  source_kind: string; source: string; proposal_key: string | null; status: string; claimed_by_group_id: string | null;
  solved_evidence: string | null; solved_evidence_url: string | null; due_on: string | null; carried_over_to: string;
  is_headline: number; sequel_of: string | null; location_kind: string; location_site_id: string | null;
  /** A challenge at an area: its place. At a site these are null: the site's own place is read when shown. */
  geometry: string | null; lon: number | null; lat: number | null;
  shown_geometry: string | null; shown_lon: number | null; shown_lat: number | null;
  visibility: string; history: string; created_at: string; version: number;
}

export interface Database {
  domains: DomainTable;
  function_types: FunctionTypeTable;
  users: UserTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  groups: GroupTable;
  sites: SiteTable;
  links: LinkTable;
  areas: AreaTable;
  reference_features: ReferenceFeatureTable;
  reference_layers: ReferenceLayerTable;
  change_log: ChangeLogTable;
  settings: SettingTable;
  audit_checks: AuditCheckTable;
  audits: AuditTable;
  audit_answers: AuditAnswerTable;
  audit_need_estimates: AuditNeedEstimateTable;
  audit_tallies: AuditTallyTable;
  audit_testimonies: AuditTestimonyTable;
  challenges: ChallengeTable;
  privacy_generation: PrivacyGenerationTable;
  audit_night_plans: AuditNightPlanTable;
  night_state: NightStateTable;
  night_events: NightEventTable;
  night_participants: NightParticipantTable;
  night_ballots: NightBallotTable;
  night_submissions: NightSubmissionTable;
}

/** A steward's plan for an audit night: `sections` is JSON ({ section, shown }[]). */
export interface AuditNightPlanTable {
  audit_id: string;
  sections: string;
  updated_at: string;
  updated_by: string | null;
}

/** One row (id 1): raised whenever what an audience may see changes (see PrivacyGenerationRepository). */
export interface PrivacyGenerationTable {
  id: number;
  generation: number;
}

/** Audit night: one row per night (audit). vote_options is JSON [{ challengeId, title }]. */
export interface NightStateTable {
  audit_id: string; code: string; last_seq: number; vote_status: string; vote_options: string;
}
/** What a night pushed (public content only), replayed from Last-Event-ID. payload is JSON. */
export interface NightEventTable {
  audit_id: string; seq: number; type: string; payload: string; created_at: string;
}
/** A phone that joined a night: the SHA-256 of its random token, never the token. */
export interface NightParticipantTable {
  token_hash: string; audit_id: string; joined_at: string; expires_at: string;
}
export interface NightBallotTable {
  audit_id: string; participant: string; challenge_id: string; cast_at: string;
}
/** A phone's submission: kind testimony | proposal | claim; payload JSON; status pending | approved | rejected. */
export interface NightSubmissionTable {
  id: string; audit_id: string; participant: string; idempotency_key: string; kind: string; target_id: string | null;
  payload: string; status: string; submitted_at: string; moderated_by: string | null; moderated_at: string | null;
}
