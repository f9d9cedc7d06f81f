/**
 * Murmurations profiles (organizations schema) → records: a JSON array of profiles, one
 * profile, an index answer (`{ data: [...] }`) or a list of `{ profile }` entries. Each
 * profile is a row, checked field by field against what the organizations schema requires
 * (linked_schemas, name; geolocation with lat and lon when given); its tags are the source
 * types, its primary URL the group's website and its relationships the links between groups.
 * A profile with no place is an organisation, not a site: it names a group (by its primary
 * URL). A site profile with a `parentOrganization` relationship belongs to that
 * group, as Kudzu's own export writes it, instead of being an organisation of its own.
 * Kudzu names a group without a website, and each site, by a page of its own instance
 * (`…/murmurations/groups/<unique_id>`): such a URL identifies the group for the
 * relationships in the file but is not its website, and a site named so with no parent
 * belongs to no group.
 */
import { z } from 'zod';
import { parseJsonText } from './parseJsonText';
import { cellText, type SourceRecord, type SourceRecords } from './sourceRecord';
import type { ColumnChoice, ImportIssue } from './validationReport';

const url = z.string().max(2000).regex(/^https?:\/\/.+/, 'must start with http:// or https://');

/** The fields Kudzu reads, with the constraints the Murmurations field library puts on them. */
const profileSchema = z.object({
  linked_schemas: z.array(z.string().regex(/^[a-z][a-z0-9_]{7,97}-v[0-9]+\.[0-9]+\.[0-9]+$/, 'a schema name like organizations_schema-v1.0.0'), { error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list of schema names') }).min(1, 'names at least one schema'),
  name: z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a text') }).min(1, 'is required').max(200, 'is at most 200 characters'),
  primary_url: url.optional(),
  tags: z.array(z.string().max(100)).max(100).optional(),
  description: z.string().optional(),
  full_address: z.string().optional(),
  geolocation: z.object({
    lat: z.number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') }).min(-90, 'is below -90').max(90, 'is above 90'),
    lon: z.number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') }).min(-180, 'is below -180').max(180, 'is above 180'),
  }).optional(),
  relationships: z.array(z.object({ predicate_url: url, object_url: url })).optional(),
  unique_id: z.string().optional(),
});

/** A profile Kudzu named by its own page (see the export): which kind of thing, or null for a real URL. */
function kudzuIdentity(profile: { primary_url?: string; unique_id?: string }): 'groups' | 'sites' | null {
  if (!profile.primary_url || !profile.unique_id) return null;
  const match = /\/murmurations\/(groups|sites)\/([^/?#]+)$/.exec(profile.primary_url);
  return match && decodeURIComponent(match[2]) === profile.unique_id ? (match[1] as 'groups' | 'sites') : null;
}

const PARENT = /parentOrganization/i;

function normaliseUrl(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readMurmurationsRecords(text: string): SourceRecords {
  const columns: ColumnChoice = { name: 'name', latitude: 'geolocation.lat', longitude: 'geolocation.lon', type: 'tags', address: 'full_address', id: 'primary_url' };
  const base = { format: 'murmurations' as const, columns, fieldNames: { name: 'name', type: 'tags', address: 'full_address' }, availableColumns: [] as string[] };
  const parsed = parseJsonText(text, 'JSON');
  if ('issue' in parsed) return { ...base, total: 0, records: [], errors: [parsed.issue], notes: [] };
  const root = parsed.value;
  const list = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.data) ? root.data : [root];
  const errors: ImportIssue[] = [];
  const records: SourceRecord[] = [];
  const notes: string[] = [];
  let withoutPlace = 0;
  // Organisations by primary URL: the groups a site profile may name as its parentOrganization.
  const organisations = new Map<string, { name: string; website: string | null; links: { to: string; kind: string }[] }>();
  for (const entry of list) {
    const profile = isObject(entry) && isObject(entry.profile) ? entry.profile : entry;
    const checked = profileSchema.safeParse(profile);
    if (!checked.success || !checked.data.primary_url) continue;
    organisations.set(normaliseUrl(checked.data.primary_url), {
      name: checked.data.name, website: kudzuIdentity(checked.data) ? null : checked.data.primary_url,
      links: (checked.data.relationships ?? []).map((relationship) => ({ to: relationship.object_url, kind: relationship.predicate_url })),
    });
  }
  list.forEach((entry, index) => {
    const row = index + 1;
    const profile = isObject(entry) && isObject(entry.profile) ? entry.profile : entry;
    const checked = profileSchema.safeParse(profile);
    if (!checked.success) {
      for (const issue of checked.error.issues.slice(0, 5)) {
        const field = issue.path.map(String).join('.') || 'profile';
        const name = isObject(profile) ? cellText(profile.name) : null;
        const shortName = name && name.length > 60 ? `${name.slice(0, 60)}…` : name;
        errors.push({ row, field, message: `${issue.message}${shortName ? ` (profile “${shortName}”)` : ''}` });
      }
      return;
    }
    const data = checked.data;
    if (!data.geolocation) {
      withoutPlace += 1;
      return;
    }
    const tags = data.tags ?? [];
    const relationships = data.relationships ?? [];
    const parent = relationships.find((relationship) => PARENT.test(relationship.predicate_url));
    const others = relationships.filter((relationship) => relationship !== parent).map((relationship) => ({ to: relationship.object_url, kind: relationship.predicate_url }));
    const organisation = parent ? organisations.get(normaliseUrl(parent.object_url)) : undefined;
    // A site Kudzu exported without a group has its own page as primary URL: it is no organisation.
    const ownGroup = kudzuIdentity(data) === null;
    records.push({
      row,
      name: data.name,
      kind: tags[0] ?? null,
      kindCandidates: tags,
      address: data.full_address ? data.full_address.slice(0, 300) : null,
      sourceRef: data.primary_url ?? `profile ${row}`,
      geometry: { type: 'Point', coordinates: [data.geolocation.lon, data.geolocation.lat] },
      properties: profile as Record<string, unknown>,
      extra: {
        description: (data.description ?? '').slice(0, 5000),
        // Its group: the organisation it points at (in the file, or already known by that website), or itself.
        groupName: parent ? organisation?.name ?? null : ownGroup ? data.name : null,
        website: parent ? (organisation ? organisation.website : parent.object_url) : ownGroup ? data.primary_url ?? null : null,
        groupUrl: parent ? parent.object_url : ownGroup ? data.primary_url ?? null : null,
        links: parent ? [...(organisation?.links ?? []), ...others] : ownGroup ? others : [],
      },
    });
  });
  if (withoutPlace) notes.push(`${withoutPlace} profile${withoutPlace === 1 ? ' has' : 's have'} no geolocation and ${withoutPlace === 1 ? 'is' : 'are'} not a site`);
  return { ...base, total: list.length, records, errors, notes };
}
