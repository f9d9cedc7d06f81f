/**
 * Murmurations names everything by URL: Kudzu's export gives each group that runs a site a
 * profile of its own (no place, its website — or, with none, its page under the instance's
 * base URL — and its links as relationships) and points each site at its group with
 * parentOrganization, so importing the file back gives the same groups, each with the same
 * sites, and the same links — not a group per site. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { loadDemo } from '../../server/demo/loadDemo';
import { exportSites } from '../../server/export/exportSites';
import { commitImport, previewImport } from '../../server/import/importSites';
import { systemActor } from '../../server/services/context';
import { repositories } from '../../server/repositories';
import { audienceFor } from '../../server/privacy/audience';
import { siteFilterSchema } from '../../shared/schemas/site';

const kinds = await databaseKinds();
const NOW = new Date('2026-11-29T09:00:00Z');
const BASE = 'https://kudzu.example.net/';
const PARENT = 'https://schema.org/parentOrganization';

interface Profile { name: string; primary_url?: string; unique_id?: string; geolocation?: unknown; relationships?: { predicate_url: string; object_url: string }[] }

/** Each group by name, with its website and its sites' names; each link as the pair of group names. */
async function groupsOf(database: TestDatabase) {
  const repos = repositories(database.db);
  const groups = await repos.groups.list(audienceFor('steward'));
  const sites = await repos.sites.list(siteFilterSchema.parse({ status: 'all' }), audienceFor('steward'));
  const names = new Map(groups.map((group) => [group.id, group.name]));
  const links = await repos.links.list(audienceFor('steward'));
  return {
    groups: groups.map((group) => ({ name: group.name, website: group.website, sites: sites.filter((site) => site.groupId === group.id).map((site) => site.name).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    ungrouped: sites.filter((site) => !site.groupId).map((site) => site.name).sort(),
    pairs: [...new Set(links.map((link) => [names.get(link.fromGroupId), names.get(link.toGroupId)].sort().join(' ↔ ')))].sort(),
  };
}

describe.each(kinds)('Murmurations groups and relationships, exported and read back, on %s', (kind) => {
  let demo: TestDatabase;
  let profiles: Profile[];
  let text: string;

  beforeAll(async () => {
    demo = await openTestDatabase(kind);
    await loadDemo(demo.db, NOW);
    text = (await exportSites(demo.db, systemActor(NOW), 'murmurations', 'steward', BASE)).text;
    profiles = JSON.parse(text) as Profile[];
  }, 120_000);
  afterAll(() => demo?.dispose());

  it('the export gives every group a profile with no place, named by its website or else by its page under the base URL, and points its sites at it', async () => {
    const groups = await repositories(demo.db).groups.list(audienceFor('steward'));
    expect(groups.filter((group) => !group.website).length).toBeGreaterThan(10);
    const groupProfiles = profiles.filter((profile) => !profile.geolocation && profile.primary_url);
    for (const group of groups) {
      const profile = groupProfiles.find((entry) => entry.name === group.name);
      expect(profile?.primary_url).toBe(group.website ?? `${BASE}murmurations/groups/${group.id}`);
      expect(profile?.unique_id).toBe(group.website ? undefined : group.id);
    }
    const pointing = profiles.filter((profile) => profile.relationships?.some((relationship) => relationship.predicate_url === PARENT));
    expect(pointing.length).toBeGreaterThan(100);
    for (const site of pointing) {
      const parent = site.relationships!.find((relationship) => relationship.predicate_url === PARENT)!;
      expect(groupProfiles.some((group) => group.primary_url === parent.object_url)).toBe(true);
    }
    expect(groupProfiles.some((profile) => profile.relationships?.length)).toBe(true);
  });

  it('read back into an empty database, it gives the same groups with the same websites and sites, and the same links', async () => {
    const empty = await openTestDatabase(kind);
    try {
      const result = await commitImport(empty.db, systemActor(NOW), { name: 'demo.murmurations.json', bytes: Buffer.from(text) });
      expect(result.errors).toEqual([]);
      const original = await groupsOf(demo);
      const back = await groupsOf(empty);
      expect(original.groups).toHaveLength(42);
      expect(original.pairs.length).toBeGreaterThan(20);
      expect(original.ungrouped.length).toBeGreaterThan(0);
      expect(back.groups).toEqual(original.groups);
      expect(back.ungrouped).toEqual(original.ungrouped);
      expect(back.pairs).toEqual(original.pairs);
    } finally {
      await empty.dispose();
    }
  }, 120_000);

  it('an organisation imported from a real profile keeps its own URL as its website, and is exported under it', async () => {
    const empty = await openTestDatabase(kind);
    try {
      const website = 'https://bronx-growers.example.org';
      const file = [
        { linked_schemas: ['organizations_schema-v1.0.0'], name: 'Bronx Growers', primary_url: website },
        { linked_schemas: ['organizations_schema-v1.0.0'], name: 'Bronx Growers Plot', tags: ['community garden'], geolocation: { lat: 40.85, lon: -73.88 }, relationships: [{ predicate_url: PARENT, object_url: website }] },
      ];
      const result = await commitImport(empty.db, systemActor(NOW), { name: 'real.murmurations.json', bytes: Buffer.from(JSON.stringify(file)) });
      expect(result.errors).toEqual([]);
      expect((await groupsOf(empty)).groups).toEqual([{ name: 'Bronx Growers', website, sites: ['Bronx Growers Plot'] }]);
      const again = JSON.parse((await exportSites(empty.db, systemActor(NOW), 'murmurations', 'steward', BASE)).text) as Profile[];
      expect(again.find((profile) => profile.name === 'Bronx Growers')).toMatchObject({ primary_url: website });
      expect(again.find((profile) => profile.name === 'Bronx Growers')?.unique_id).toBeUndefined();
      expect(again.find((profile) => profile.name === 'Bronx Growers Plot')?.relationships).toEqual([{ predicate_url: PARENT, object_url: website }]);
    } finally {
      await empty.dispose();
    }
  }, 120_000);

  it('a public file gives no profile, page or relationship to a group hidden from the public', async () => {
    const groups = await repositories(demo.db).groups.list(audienceFor('steward'));
    const hidden = groups.filter((group) => group.visibility !== 'public');
    expect(hidden.length).toBeGreaterThan(0);
    // The steward's file does name them, so the search below is a real one.
    for (const group of hidden) expect(text).toContain(group.website ?? group.id);
    const publicText = (await exportSites(demo.db, systemActor(NOW), 'murmurations', 'public', BASE)).text;
    for (const group of hidden) {
      expect(publicText).not.toContain(group.id);
      expect(publicText).not.toContain(`"${group.name}"`);
      if (group.website) expect(publicText).not.toContain(group.website);
    }
  });

  it('a site that points at a group neither in the file nor known is imported without a group, and a bad relationship URL is named', async () => {
    const empty = await openTestDatabase(kind);
    try {
      const file = (profiles: unknown[]) => ({ name: 'p.murmurations.json', bytes: Buffer.from(JSON.stringify(profiles)) });
      const site = { linked_schemas: ['organizations_schema-v1.0.0'], name: 'Lone Fridge', tags: ['community fridge'], geolocation: { lat: 42, lon: -35 } };
      const bad = await previewImport(empty.db, systemActor(NOW), file([{ ...site, relationships: [{ predicate_url: 'https://schema.org/parentOrganization', object_url: 'not a url' }] }]));
      expect(bad.errors).toEqual([expect.objectContaining({ row: 1, field: 'relationships.0.object_url', message: 'must start with http:// or https:// (profile “Lone Fridge”)' })]);
      const result = await commitImport(empty.db, systemActor(NOW), file([{ ...site, relationships: [{ predicate_url: 'https://schema.org/parentOrganization', object_url: 'https://nowhere.example/' }] }]));
      expect(result.written).toBe(1);
      expect(await repositories(empty.db).groups.count()).toBe(0);
    } finally {
      await empty.dispose();
    }
  }, 120_000);
});
