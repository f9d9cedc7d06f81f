/**
 * Privacy applied on the way out, for sites, groups and links. Every path that hands data
 * to someone — API, exports, tiles, reports — asks for an Audience and passes what the
 * repositories read through these presenters; what each audience may see is decided by the
 * audience policy (`policy.ts`), which these presenters only apply. Repositories only follow
 * the audience's instructions (which tiers to select, which coordinates to search).
 */
import type { Site } from '../../shared/schemas/site';
import { roundCoordinate, type MapSite } from '../../shared/map/compactSites';
import type { Group, Link } from '../../shared/schemas/group';
import type { MapSiteRecord, SiteWithGroup } from '../domain/site';
import type { StoredGroup, StoredLink } from '../domain/group';
import { seesAddress, seesExactLocation, seesLink, seesTier, type Audience } from './policy';

export type { Audience } from './policy';
export { audienceFor } from './policy';

/** A site names its group only when the audience may see that group. */
function groupVisible(groupId: string | null, groupVisibility: string | null | undefined, audience: Audience): boolean {
  return groupId !== null && seesTier(audience, groupVisibility);
}

export function presentSite(site: SiteWithGroup, audience: Audience): Site | null {
  if (!seesTier(audience, site.visibility)) return null;
  const degraded = !seesExactLocation(audience, site.precision);
  const place = degraded ? site.location.shown : site.location.exact;
  const showsGroup = groupVisible(site.groupId, site.group?.visibility, audience);
  return {
    id: site.id,
    name: site.name,
    functionType: site.functionType,
    domain: site.domain,
    groupId: showsGroup ? site.groupId : null,
    groupName: showsGroup ? site.group?.name ?? null : null,
    geometry: place ? place.geometry : null,
    locationDegraded: degraded,
    capacity: site.capacity,
    capacityUnit: site.capacityUnit,
    openingHours: site.openingHours,
    openedOn: site.openedOn,
    closedOn: site.closedOn,
    status: site.status,
    description: site.description,
    address: seesAddress(audience, site.precision) ? site.address : null,
    visibility: site.visibility,
    precision: site.precision,
    version: site.version,
    updatedAt: site.updatedAt,
  };
}

/** A site as the map holds it: the same rules as `presentSite`, for the map's few fields. */
export function presentMapSite(site: MapSiteRecord, audience: Audience): MapSite | null {
  if (!seesTier(audience, site.visibility)) return null;
  return {
    id: site.id,
    name: site.name,
    functionType: site.functionType,
    domain: site.domain,
    groupId: groupVisible(site.groupId, site.groupVisibility, audience) ? site.groupId : null,
    status: site.status,
    degraded: !seesExactLocation(audience, site.precision),
    position: site.point ? [roundCoordinate(site.point.lon), roundCoordinate(site.point.lat)] : null,
    parcel: site.outline,
  };
}

export function presentGroup(group: StoredGroup, audience: Audience): Group | null {
  if (!seesTier(audience, group.visibility)) return null;
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    website: group.website,
    foundedOn: group.foundedOn,
    visibility: group.visibility,
    governance: group.governance,
    domains: group.domains,
    produces: group.produces,
    imports: group.imports,
    version: group.version,
    updatedAt: group.updatedAt,
  };
}

/** A link is shown only when it and both of its groups are visible to the audience. */
export function presentLink(link: StoredLink, audience: Audience, visibleGroupIds: ReadonlySet<string>): Link | null {
  if (!seesLink(audience, link.visibility, visibleGroupIds.has(link.fromGroupId), visibleGroupIds.has(link.toGroupId))) return null;
  return {
    id: link.id,
    fromGroupId: link.fromGroupId,
    toGroupId: link.toGroupId,
    kind: link.kind,
    flow: link.flow,
    description: link.description,
    startedOn: link.startedOn,
    visibility: link.visibility,
    status: link.status,
  };
}

