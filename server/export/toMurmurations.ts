/**
 * Sites → Murmurations profiles (organizations schema): one profile per site, named, tagged
 * with its function type (by name and id), placed at its shown point; then one profile per
 * group that runs an exported site, with no place (it is not a site) and its links as
 * relationships. A site points at its group with a `parentOrganization` relationship, so
 * importing the file back joins the sites to their groups instead of making a group per site.
 *
 * Murmurations names everything by URL (`primary_url`, and `object_url` in relationships). A
 * group's URL is its website; a group with no website (and every site) is named by a page
 * under the instance's public base URL, `<base>/murmurations/groups/<id>` (or `/sites/<id>`),
 * with its id as `unique_id` — the field library's "a web page well-known to be linked to the
 * entity". `kudzuIdentity` recognises such a profile on import, so that URL never becomes a
 * group's website. Only the audience's groups are given (a hidden group has no profile, no
 * URL and is pointed at by nothing). A site shown nowhere gets no geolocation.
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

/** The page that stands for a Kudzu group or site in Murmurations: under the base URL, named by its id. */
export function kudzuProfileUrl(baseUrl: string, kind: 'groups' | 'sites', id: string): string {
  return new URL(`murmurations/${kind}/${encodeURIComponent(id)}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}

export function toMurmurations(sites: readonly Site[], typeLabel: (id: string) => string, groups: readonly Group[], links: readonly Link[], baseUrl: string): { text: string; count: number } {
  // Every group the audience sees has one URL: its website, or its page on this instance.
  const urlOf = new Map(groups.map((group) => [group.id, isUrl(group.website) ? group.website : kudzuProfileUrl(baseUrl, 'groups', group.id)]));
  const profiles = sites.map((site) => {
    const profile: Record<string, unknown> = { linked_schemas: [MURMURATIONS_SCHEMA], name: site.name, primary_url: kudzuProfileUrl(baseUrl, 'sites', site.id), unique_id: site.id };
    const label = typeLabel(site.functionType);
    profile.tags = label === site.functionType ? [label] : [label, site.functionType];
    if (site.description) profile.description = site.description;
    if (site.address) profile.full_address = site.address;
    if (site.geometry) {
      const [lon, lat] = representativePoint(site.geometry);
      profile.geolocation = { lat, lon };
    }
    const group = site.groupId ? urlOf.get(site.groupId) : undefined;
    if (group) profile.relationships = [{ predicate_url: PARENT_ORGANIZATION, object_url: group }];
    return profile;
  });
  const running = new Set(sites.map((site) => site.groupId).filter((id): id is string => id !== null));
  for (const group of groups.filter((entry) => running.has(entry.id))) {
    const profile: Record<string, unknown> = { linked_schemas: [MURMURATIONS_SCHEMA], name: group.name, primary_url: urlOf.get(group.id) };
    if (!isUrl(group.website)) profile.unique_id = group.id;
    if (group.description) profile.description = group.description;
    const relationships = links
      .filter((link) => link.fromGroupId === group.id || link.toGroupId === group.id)
      .map((link) => ({ link, other: urlOf.get(link.fromGroupId === group.id ? link.toGroupId : link.fromGroupId) }))
      .filter((entry): entry is { link: Link; other: string } => entry.other !== undefined)
      .map(({ link, other }) => ({ predicate_url: LINK_PREDICATES[link.kind] ?? KNOWS, object_url: other }));
    const unique = [...new Map(relationships.map((relationship) => [`${relationship.predicate_url} ${relationship.object_url}`, relationship])).values()];
    if (unique.length) profile.relationships = unique;
    profiles.push(profile);
  }
  return { text: JSON.stringify(profiles), count: profiles.length };
}
