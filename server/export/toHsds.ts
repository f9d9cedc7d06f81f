/**
 * Sites → Open Referral HSDS 3 JSON, in the specification's paged-list shape: one service per
 * site, at one location (the site's shown point), run by its group as the organization, with
 * its function type as a taxonomy term of the "kudzu-function-types" taxonomy and its opening
 * hours as a schedule's description. HSDS wants UUIDs; each is derived from the Kudzu id, so
 * the same site always gets the same ones.
 */
import { createHash } from 'node:crypto';
import type { Site } from '../../shared/schemas/site';
import { representativePoint } from '../../shared/privacy/degradeLocation';

export const HSDS_TAXONOMY = 'kudzu-function-types';

export function stableUuid(kind: string, id: string): string {
  const hex = createHash('sha1').update(`kudzu ${kind} ${id}`).digest('hex');
  // Version 5 layout (name-based, SHA-1).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function toHsds(sites: readonly Site[], typeLabel: (id: string) => string): { text: string; count: number } {
  const contents = sites.map((site) => {
    const serviceId = stableUuid('service', site.id);
    const location = site.geometry ? locationOf(site) : null;
    const service: Record<string, unknown> = {
      id: serviceId,
      name: site.name,
      status: site.status === 'closed' ? 'inactive' : 'active',
      description: site.description || undefined,
      service_at_locations: location ? [{ id: stableUuid('service_at_location', site.id), location }] : [],
      attributes: [{
        id: stableUuid('attribute', site.id),
        link_type: 'service',
        link_entity: 'service',
        taxonomy_term: { id: stableUuid('taxonomy_term', site.functionType), code: site.functionType, name: typeLabel(site.functionType), taxonomy: HSDS_TAXONOMY },
      }],
    };
    if (site.openingHours) service.schedules = [{ id: stableUuid('schedule', site.id), description: site.openingHours }];
    if (site.groupId && site.groupName) {
      service.organization = { id: stableUuid('organization', site.groupId), name: site.groupName, description: site.groupName };
    }
    return service;
  });
  const page = { total_items: contents.length, total_pages: 1, page_number: 1, size: contents.length, first_page: true, last_page: true, empty: contents.length === 0, contents };
  return { text: JSON.stringify(page), count: contents.length };
}

function locationOf(site: Site): Record<string, unknown> {
  const [longitude, latitude] = representativePoint(site.geometry!);
  const location: Record<string, unknown> = { id: stableUuid('location', site.id), location_type: 'physical', name: site.name, latitude, longitude };
  if (site.address) location.addresses = [{ id: stableUuid('address', site.id), address_1: site.address, city: '', state_province: '', postal_code: '', country: '', address_type: 'physical' }];
  return location;
}
