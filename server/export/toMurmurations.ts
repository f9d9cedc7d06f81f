/**
 * Sites → Murmurations profiles (organizations schema): one profile per site, named, tagged
 * with its function type (by name and id), placed at its shown point; then one profile per
 * group that runs an exported site, with no place (it is not a site), its website as the
 * primary URL and its links as relationships to the other groups' websites. A site points
 * at its group with a `parentOrganization` relationship, so importing the file back joins
 * the sites to their groups instead of making a group per site. Murmurations names
 * everything by URL: a group with no website cannot be pointed at, and its sites come back
 * each as its own organisation. A site shown nowhere gets no geolocation.
 */
import type { Site } from '../../shared/schemas/site';
import type { Group, Link } from '../../shared/schemas/group';
import { representativePoint } from '../../shared/privacy/degradeLocation';

export const MURMURATIONS_SCHEMA = 'organizations_schema-v1.0.0';
const PARENT_ORGANIZATION = 'https://schema.org/parentOrganization';
/** Links as relationships: shared members as schema.org's member, any other link as knows. */
const LINK_PREDICATES: Readonly<Record<string, string>> = { shared_members: 'https://schema.org/member' };
const KNOWS = 'https://schema.org/knows';

const isUrl = (value: string | null | undefined): value is string => typeof value === 'string' && /^https?:\/\/.+/.test(value);

export function toMurmurations(sites: readonly Site[], typeLabel: (id: string) => string, groups: readonly Group[], links: readonly Link[]): { text: string; count: number } {
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const profiles = sites.map((site) => {
    const profile: Record<string, unknown> = { linked_schemas: [MURMURATIONS_SCHEMA], name: site.name };
    const label = typeLabel(site.functionType);
    profile.tags = label === site.functionType ? [label] : [label, site.functionType];
    if (site.description) profile.description = site.description;
    if (site.address) profile.full_address = site.address;
    if (site.geometry) {
      const [lon, lat] = representativePoint(site.geometry);
      profile.geolocation = { lat, lon };
    }
    const website = site.groupId ? groupById.get(site.groupId)?.website : null;
    if (isUrl(website)) profile.relationships = [{ predicate_url: PARENT_ORGANIZATION, object_url: website }];
    return profile;
  });
  const running = new Set(sites.map((site) => site.groupId).filter((id): id is string => id !== null));
  for (const group of groups.filter((entry) => running.has(entry.id))) {
    const profile: Record<string, unknown> = { linked_schemas: [MURMURATIONS_SCHEMA], name: group.name };
    if (isUrl(group.website)) profile.primary_url = group.website;
    if (group.description) profile.description = group.description;
    const relationships = links
      .filter((link) => link.fromGroupId === group.id || link.toGroupId === group.id)
      .map((link) => ({ link, other: groupById.get(link.fromGroupId === group.id ? link.toGroupId : link.fromGroupId) }))
      .filter(({ other }) => isUrl(other?.website))
      .map(({ link, other }) => ({ predicate_url: LINK_PREDICATES[link.kind] ?? KNOWS, object_url: other!.website as string }));
    const unique = [...new Map(relationships.map((relationship) => [`${relationship.predicate_url} ${relationship.object_url}`, relationship])).values()];
    if (unique.length) profile.relationships = unique;
    profiles.push(profile);
  }
  return { text: JSON.stringify(profiles), count: profiles.length };
}
