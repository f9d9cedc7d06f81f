/**
 * Sites → Murmurations profiles (organizations schema): one profile per site, named, tagged
 * with its function type (by name and id), placed at its shown point, with its group's
 * website as the primary URL when it has one. A site shown nowhere gets no geolocation.
 */
import type { Site } from '../../shared/schemas/site';
import { representativePoint } from '../../shared/privacy/degradeLocation';

export const MURMURATIONS_SCHEMA = 'organizations_schema-v1.0.0';

export function toMurmurations(sites: readonly Site[], typeLabel: (id: string) => string, websites: ReadonlyMap<string, string>): { text: string; count: number } {
  const profiles = sites.map((site) => {
    const profile: Record<string, unknown> = { linked_schemas: [MURMURATIONS_SCHEMA], name: site.name };
    const label = typeLabel(site.functionType);
    profile.tags = label === site.functionType ? [label] : [label, site.functionType];
    const website = site.groupId ? websites.get(site.groupId) : undefined;
    if (website && /^https?:\/\//.test(website)) profile.primary_url = website;
    if (site.description) profile.description = site.description;
    if (site.address) profile.full_address = site.address;
    if (site.geometry) {
      const [lon, lat] = representativePoint(site.geometry);
      profile.geolocation = { lat, lon };
    }
    return profile;
  });
  return { text: JSON.stringify(profiles), count: profiles.length };
}
