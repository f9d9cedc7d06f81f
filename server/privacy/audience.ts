/**
 * The one place where privacy is applied on the way out. Every path that hands data to
 * someone — API, exports, tiles, reports — asks for an Audience and passes rows through
 * these presenters; repositories only follow the audience's instructions (which tiers to
 * select, which coordinates to search).
 */
import type { Geometry } from 'geojson';
import { canSeeTier, seesExactLocations, visibleTiers, type Precision, type Role, type Tier } from '../../shared/privacy/roles';
import type { Site } from '../../shared/schemas/site';
import type { Group, Link } from '../../shared/schemas/group';
import { governanceProfileSchema } from '../../shared/schemas/group';
import type { GroupTable, LinkTable, SiteTable } from '../db/schema';

export interface Audience {
  role: Role;
  /** The visibility tiers this audience may receive. */
  tiers: Tier[];
  /** Whether this audience receives real geometry, or the degraded `shown_*` columns. */
  exactLocations: boolean;
}

export function audienceFor(role: Role): Audience {
  return { role, tiers: visibleTiers(role), exactLocations: seesExactLocations(role) };
}

export type SiteRow = SiteTable & { group_name: string | null; group_visibility: string | null };

export function presentSite(row: SiteRow, audience: Audience): Site | null {
  if (!canSeeTier(audience.role, row.visibility as Tier)) return null;
  const degraded = !audience.exactLocations && row.precision !== 'exact';
  const geometryText = audience.exactLocations ? row.geometry : row.shown_geometry;
  const groupVisible = row.group_id !== null && row.group_visibility !== null && canSeeTier(audience.role, row.group_visibility as Tier);
  return {
    id: row.id,
    name: row.name,
    functionType: row.function_type,
    domain: row.domain,
    groupId: groupVisible ? row.group_id : null,
    groupName: groupVisible ? row.group_name : null,
    geometry: geometryText ? (JSON.parse(geometryText) as Site['geometry']) : null,
    locationDegraded: degraded,
    capacity: row.capacity,
    capacityUnit: row.capacity_unit as Site['capacityUnit'],
    openingHours: row.opening_hours,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    status: row.status as Site['status'],
    description: row.description,
    // A street address pins a place as surely as coordinates do.
    address: degraded ? null : row.address,
    visibility: row.visibility as Tier,
    precision: row.precision as Precision,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export function presentGroup(row: GroupTable, audience: Audience): Group | null {
  if (!canSeeTier(audience.role, row.visibility as Tier)) return null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    website: row.website,
    foundedOn: row.founded_on,
    visibility: row.visibility as Tier,
    governance: governanceProfileSchema.parse(JSON.parse(row.governance)),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** A link is shown only when it and both of its groups are visible to the audience. */
export function presentLink(row: LinkTable, audience: Audience, visibleGroupIds: ReadonlySet<string>): Link | null {
  if (!canSeeTier(audience.role, row.visibility as Tier)) return null;
  if (!visibleGroupIds.has(row.from_group_id) || !visibleGroupIds.has(row.to_group_id)) return null;
  return {
    id: row.id,
    fromGroupId: row.from_group_id,
    toGroupId: row.to_group_id,
    kind: row.kind as Link['kind'],
    flow: row.flow as Link['flow'],
    description: row.description,
    startedOn: row.started_on,
    visibility: row.visibility as Tier,
  };
}

export function parseGeometry(text: string): Geometry {
  return JSON.parse(text) as Geometry;
}
