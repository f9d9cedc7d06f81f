/**
 * Murmurations names everything by URL: Kudzu's export gives each group that runs a site a
 * profile of its own (no place, its website, its links as relationships) and points each site
 * at its group with parentOrganization, so importing the file back joins sites to their groups
 * — not a group per site — and brings the links back. SQLite and PostgreSQL.
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

interface Profile { name: string; primary_url?: string; geolocation?: unknown; relationships?: { predicate_url: string; object_url: string }[] }

describe.each(kinds)('Murmurations groups and relationships, exported and read back, on %s', (kind) => {
  let demo: TestDatabase;
  let profiles: Profile[];
  let text: string;

  beforeAll(async () => {
    demo = await openTestDatabase(kind);
    await loadDemo(demo.db, NOW);
    text = (await exportSites(demo.db, systemActor(NOW), 'murmurations', 'steward')).text;
    profiles = JSON.parse(text) as Profile[];
  }, 120_000);
  afterAll(() => demo?.dispose());

  it('the export gives each group with a website a profile with no place, and points its sites at it', async () => {
    const groups = await repositories(demo.db).groups.list(audienceFor('steward'));
    const withWebsite = groups.filter((group) => group.website);
    const groupProfiles = profiles.filter((profile) => !profile.geolocation && profile.primary_url);
    expect(groupProfiles.map((profile) => profile.name).sort()).toEqual(expect.arrayContaining(withWebsite.slice(0, 3).map((group) => group.name)));
    const pointing = profiles.filter((profile) => profile.relationships?.some((relationship) => relationship.predicate_url === 'https://schema.org/parentOrganization'));
    expect(pointing.length).toBeGreaterThan(20);
    for (const site of pointing) {
      const parent = site.relationships!.find((relationship) => relationship.predicate_url === 'https://schema.org/parentOrganization')!;
      expect(groupProfiles.some((group) => group.primary_url === parent.object_url)).toBe(true);
    }
    expect(groupProfiles.some((profile) => profile.relationships?.length)).toBe(true);
  });

  it('read back into an empty database, sites join their groups (one group each, not one per site) and the links come back', async () => {
    const empty = await openTestDatabase(kind);
    try {
      const result = await commitImport(empty.db, systemActor(NOW), { name: 'demo.murmurations.json', bytes: Buffer.from(text) });
      expect(result.errors).toEqual([]);
      const originalGroups = await repositories(demo.db).groups.list(audienceFor('steward'));
      const sites = await repositories(empty.db).sites.list(siteFilterSchema.parse({ status: 'all' }), audienceFor('steward'));
      const groups = await repositories(empty.db).groups.list(audienceFor('steward'));
      // Every group with a website comes back once, under its own name, with all of its sites.
      const original = await repositories(demo.db).sites.list(siteFilterSchema.parse({ status: 'all' }), audienceFor('steward'));
      for (const group of originalGroups.filter((entry) => entry.website)) {
        const back = groups.filter((entry) => entry.name === group.name);
        expect(back).toHaveLength(1);
        expect(sites.filter((site) => site.groupId === back[0].id).map((site) => site.name).sort())
          .toEqual(original.filter((site) => site.groupId === group.id).map((site) => site.name).sort());
      }
      expect(groups.length).toBeLessThan(sites.length);
      // The links between groups that both have a website come back, one per pair.
      const websites = new Set(originalGroups.filter((group) => group.website).map((group) => group.id));
      const pairs = (links: { fromGroupId: string; toGroupId: string }[], names: Map<string, string>) =>
        [...new Set(links.map((link) => [names.get(link.fromGroupId), names.get(link.toGroupId)].sort().join(' ↔ ')))].sort();
      const originalLinks = (await repositories(demo.db).links.list(audienceFor('steward'))).filter((link) => websites.has(link.fromGroupId) && websites.has(link.toGroupId));
      const backLinks = await repositories(empty.db).links.list(audienceFor('steward'));
      expect(originalLinks.length).toBeGreaterThan(0);
      expect(pairs(backLinks, new Map(groups.map((group) => [group.id, group.name])))).toEqual(pairs(originalLinks, new Map(originalGroups.map((group) => [group.id, group.name]))));
    } finally {
      await empty.dispose();
    }
  }, 120_000);

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
