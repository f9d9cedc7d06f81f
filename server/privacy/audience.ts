/**
 * The one place where privacy is applied on the way out. Every path that hands data to
 * someone — API, exports, tiles, reports — asks for an Audience and passes rows through
 * these presenters; repositories only follow the audience's instructions (which tiers to
 * select, which coordinates to search).
 */
import { canSeeTier, seesExactLocations, visibleTiers, type Precision, type Role, type Tier } from '../../shared/privacy/roles';
import type { Site } from '../../shared/schemas/site';
import { roundCoordinate, type MapSite, type ParcelGeometry } from '../../shared/map/compactSites';
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

/** Whether the audience receives a degraded location for a site rather than its real one. */
function locationDegraded(row: Pick<SiteTable, 'precision'>, audience: Audience): boolean {
  return !audience.exactLocations && row.precision !== 'exact';
}

/** A site names its group only when the audience may see that group. */
function groupVisible(row: Pick<SiteRow, 'group_id' | 'group_visibility'>, audience: Audience): boolean {
  return row.group_id !== null && row.group_visibility !== null && canSeeTier(audience.role, row.group_visibility as Tier);
}

export function presentSite(row: SiteRow, audience: Audience): Site | null {
  if (!canSeeTier(audience.role, row.visibility as Tier)) return null;
  const degraded = locationDegraded(row, audience);
  const geometryText = audience.exactLocations ? row.geometry : row.shown_geometry;
  const showsGroup = groupVisible(row, audience);
  return {
    id: row.id,
    name: row.name,
    functionType: row.function_type,
    domain: row.domain,
    groupId: showsGroup ? row.group_id : null,
    groupName: showsGroup ? row.group_name : null,
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

/**
 * The few columns the map needs, already chosen for the audience by the repository: the
 * point and outline are the real ones for an audience that sees exact locations and the
 * `shown_*` ones for everyone else; `polygon` is the outline only when it is not a point.
 */
export type MapSiteRow = Pick<SiteTable, 'id' | 'name' | 'function_type' | 'domain' | 'group_id' | 'status' | 'visibility' | 'precision'> & {
  group_visibility: string | null;
  lon: number | null;
  lat: number | null;
  polygon: string | null;
};

/** A site as the map holds it: the same rules as `presentSite`, for the map's few fields. */
export function presentMapSite(row: MapSiteRow, audience: Audience): MapSite | null {
  if (!canSeeTier(audience.role, row.visibility as Tier)) return null;
  const outline = row.polygon ? (JSON.parse(row.polygon) as Site['geometry']) : null;
  return {
    id: row.id,
    name: row.name,
    functionType: row.function_type,
    domain: row.domain,
    groupId: groupVisible(row, audience) ? row.group_id : null,
    status: row.status as Site['status'],
    degraded: locationDegraded(row, audience),
    position: row.lon !== null && row.lat !== null ? [roundCoordinate(row.lon), roundCoordinate(row.lat)] : null,
    parcel: outline && outline.type !== 'Point' ? (outline as ParcelGeometry) : null,
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
    domains: JSON.parse(row.domains) as Group['domains'],
    produces: JSON.parse(row.produces) as Group['produces'],
    imports: JSON.parse(row.imports) as Group['imports'],
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
    status: row.status as Link['status'],
  };
}

