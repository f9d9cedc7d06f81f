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

export interface ChangeLogTable {
  id: string; at: string; user_id: string | null; user_name: string | null; action: string; entity: string; entity_id: string;
  summary: string; visibility: string;
}

export interface SettingTable { key: string; value: string }

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
  change_log: ChangeLogTable;
  settings: SettingTable;
}
