/**
 * Privacy applied on the way out, for sites, groups and links. Every path that hands data
 * to someone — API, exports, tiles, reports — asks for an Audience and passes what the
 * repositories read through these presenters; what each audience may see is decided by the
 * audience policy (`policy.ts`), which these presenters only apply. Repositories only follow
 * the audience's instructions (which tiers to select, which coordinates to search).
 */
import type { Precision, Tier } from '../../shared/privacy/roles';
import type { Site } from '../../shared/schemas/site';
import { roundCoordinate, type MapSite, type ParcelGeometry } from '../../shared/map/compactSites';
import type { Group, Link } from '../../shared/schemas/group';
import { governanceProfileSchema } from '../../shared/schemas/group';
import type { GroupRow, LinkRow } from '../repositories/group.repository';
import type { MapSiteRow, SiteRow } from '../repositories/site.repository';
import { seesAddress, seesExactLocation, seesLink, seesTier, type Audience } from './policy';

export type { Audience } from './policy';
export { audienceFor } from './policy';

/** A site names its group only when the audience may see that group. */
function groupVisible(row: Pick<SiteRow, 'group_id' | 'group_visibility'>, audience: Audience): boolean {
  return row.group_id !== null && seesTier(audience, row.group_visibility);
}

export function presentSite(row: SiteRow, audience: Audience): Site | null {
  if (!seesTier(audience, row.visibility)) return null;
  const degraded = !seesExactLocation(audience, row.precision);
  const geometryText = degraded ? row.shown_geometry : row.geometry;
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
    address: seesAddress(audience, row.precision) ? row.address : null,
    visibility: row.visibility as Tier,
    precision: row.precision as Precision,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** A site as the map holds it: the same rules as `presentSite`, for the map's few fields. */
export function presentMapSite(row: MapSiteRow, audience: Audience): MapSite | null {
  if (!seesTier(audience, row.visibility)) return null;
  const outline = row.polygon ? (JSON.parse(row.polygon) as Site['geometry']) : null;
  return {
    id: row.id,
    name: row.name,
    functionType: row.function_type,
    domain: row.domain,
    groupId: groupVisible(row, audience) ? row.group_id : null,
    status: row.status as Site['status'],
    degraded: !seesExactLocation(audience, row.precision),
    position: row.lon !== null && row.lat !== null ? [roundCoordinate(row.lon), roundCoordinate(row.lat)] : null,
    parcel: outline && outline.type !== 'Point' ? (outline as ParcelGeometry) : null,
  };
}

export function presentGroup(row: GroupRow, audience: Audience): Group | null {
  if (!seesTier(audience, row.visibility)) return null;
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
export function presentLink(row: LinkRow, audience: Audience, visibleGroupIds: ReadonlySet<string>): Link | null {
  if (!seesLink(audience, row.visibility, visibleGroupIds.has(row.from_group_id), visibleGroupIds.has(row.to_group_id))) return null;
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

