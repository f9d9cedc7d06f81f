/**
 * The safety holes a probe found in edits, stale copies and filters (each one reproduced
 * here before it was fixed), on SQLite and PostgreSQL: only stewards make a site more
 * visible or more precise; whatever refers to a site shows it as it is now; hiding a site
 * reaches published audits and the change log; a hidden id behaves like an unknown one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, refusal } from './fixtures';
import { auditArea, stageAudit } from './auditFixtures';
import { repositories } from '../../server/repositories';

const kinds = await databaseKinds();

/** A point inside the seeded audit area, a little apart for each site a test makes. */
let made = 0;
function placeInArea(): { type: 'Point'; coordinates: [number, number] } {
  made += 1;
  return { type: 'Point', coordinates: [-122.4283579 + (made % 30) * 0.0011, 37.7513579 + Math.floor(made / 30) * 0.0023 + (made % 7) * 0.0002] };
}
/** The digits of a coordinate that must not reach anyone below steward. */
const digitsOf = (point: { coordinates: [number, number] }) => [point.coordinates[0].toFixed(6), point.coordinates[1].toFixed(6)];

describe.each(kinds)('safety holes in edits, copies and filters, on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);
  let secretGroupId: string;

  beforeAll(async () => {
    secretGroupId = (await callerAs(seeded.services, 'steward').groups.create({ name: 'Night Watch', visibility: 'stewards' })).id;
    await auditArea(seeded.services);
  });

  const steward = () => callerAs(seeded.services, 'steward');
  const auditor = () => callerAs(seeded.services, 'auditor');
  const member = () => callerAs(seeded.services, 'member');
  const everyone = () => callerAs(seeded.services, 'public');

  async function membersBlockSite(name: string) {
    const point = placeInArea();
    const site = await steward().sites.create({ name, functionType: 'food_pantry', geometry: point, address: '84 Fuller Street', visibility: 'members', precision: 'block' });
    return { site, point };
  }

  describe('1. only stewards make a site more visible or more precise', () => {
    it('a member who raises a block-precision site to exact is refused, and receives neither the real point nor the address', async () => {
      const { site, point } = await membersBlockSite('Fuller Pantry');
      const seen = await member().sites.get({ id: site.id });
      const error = await refusal(member().sites.update({ id: site.id, version: seen.version, changes: { precision: 'exact' } }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/precision/);
      expect(JSON.stringify(error)).not.toContain('84 Fuller Street');
      const after = await member().sites.get({ id: site.id });
      expect(after.precision).toBe('block');
      expect(after.address).toBeNull();
      for (const digits of digitsOf(point)) expect(JSON.stringify(after)).not.toContain(digits);
    });

    it('a member who widens a members-only site to the public is refused, and the public still cannot see it', async () => {
      const { site } = await membersBlockSite('Quiet Larder');
      const error = await refusal(member().sites.update({ id: site.id, version: site.version, changes: { visibility: 'public' } }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/visibility/);
      expect((await refusal(everyone().sites.get({ id: site.id }))).code).toBe('NOT_FOUND');
    });

    it('an auditor may not narrow a location from area to block either', async () => {
      const site = await steward().sites.create({ name: 'Area Kitchen', functionType: 'community_kitchen', geometry: placeInArea(), visibility: 'members', precision: 'area' });
      const error = await refusal(auditor().sites.update({ id: site.id, version: site.version, changes: { precision: 'block' } }));
      expect(error.code).toBe('FORBIDDEN');
      expect((await steward().sites.get({ id: site.id })).precision).toBe('area');
    });

    it('a member may make a site safer (narrower tier, coarser precision), and the answer is degraded for them', async () => {
      const point = placeInArea();
      const site = await steward().sites.create({ name: 'Open Orchard', functionType: 'community_garden', geometry: point, address: '3 Orchard Row', visibility: 'public', precision: 'exact' });
      const safer = await member().sites.update({ id: site.id, version: site.version, changes: { visibility: 'members', precision: 'block' } });
      expect(safer).toMatchObject({ visibility: 'members', precision: 'block', locationDegraded: true, address: null });
      for (const digits of digitsOf(point)) expect(JSON.stringify(safer)).not.toContain(digits);
      expect((await refusal(everyone().sites.get({ id: site.id }))).code).toBe('NOT_FOUND');
    });

    it('a steward may raise precision and widen visibility', async () => {
      const { site, point } = await membersBlockSite('Steward Pantry');
      const raised = await steward().sites.update({ id: site.id, version: site.version, changes: { precision: 'exact', visibility: 'public' } });
      expect(raised).toMatchObject({ precision: 'exact', visibility: 'public' });
      expect((await everyone().sites.get({ id: site.id })).geometry).toEqual(point);
    });
  });

  describe('2. copies follow the site', () => {
    it('a challenge at a public exact site shows the public the degraded point once the site is set to block, and nothing once it is hidden', async () => {
      const point = placeInArea();
      const site = await steward().sites.create({ name: 'Corner Fridge', functionType: 'community_fridge', geometry: point, visibility: 'public', precision: 'exact' });
      const { audit, challengeId } = await stageAudit(seeded.services);
      const atSite = await auditor().challenges.create({ auditId: audit.id, title: 'Keep the corner fridge cold', location: { kind: 'site', siteId: site.id } });
      await auditor().challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! });
      await auditor().audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
      const before = (await everyone().challenges.list({ auditId: audit.id })).find((challenge) => challenge.id === atSite.id)!;
      expect(before.point).toEqual(point.coordinates);

      const blocked = await steward().sites.update({ id: site.id, version: site.version, changes: { precision: 'block' } });
      const degraded = await everyone().challenges.get({ challengeId: atSite.id });
      for (const digits of digitsOf(point)) expect(JSON.stringify(degraded)).not.toContain(digits);
      expect(degraded.point).not.toBeNull();

      await steward().sites.update({ id: site.id, version: blocked.version, changes: { visibility: 'stewards', precision: 'none' } });
      expect((await refusal(everyone().challenges.get({ challengeId: atSite.id }))).code).toBe('NOT_FOUND');
      expect((await refusal(member().challenges.get({ challengeId: atSite.id }))).code).toBe('NOT_FOUND');
      const listed = JSON.stringify([await everyone().challenges.list({ auditId: audit.id }), await member().challenges.list({})]);
      expect(listed).not.toContain('Keep the corner fridge cold');
      expect((await steward().challenges.get({ challengeId: atSite.id })).point).toEqual(point.coordinates);
    });
  });

  describe('3. hiding a site reaches history', () => {
    it('a site public at publication and hidden afterwards leaves the public audit and report, and the members\' change log', async () => {
      const point = placeInArea();
      const site = await steward().sites.create({ name: 'Lantern Pantry', functionType: 'food_pantry', geometry: point, visibility: 'public', precision: 'exact' });
      const { audit } = await stageAudit(seeded.services, 'published');
      const shownBefore = JSON.stringify(await everyone().audits.get({ auditId: audit.id }));
      expect(shownBefore).toContain('Lantern Pantry');

      await steward().sites.update({ id: site.id, version: site.version, changes: { visibility: 'stewards', precision: 'none' } });
      const shown = JSON.stringify([await everyone().audits.get({ auditId: audit.id }), await everyone().audits.report({ auditId: audit.id })]);
      expect(shown).not.toContain('Lantern Pantry');
      expect(shown).not.toContain(site.id);
      for (const digits of digitsOf(point)) expect(shown).not.toContain(digits);
      const log = JSON.stringify(await member().changes.recent({ limit: 500 }));
      expect(log).not.toContain('Lantern Pantry');
      // The audit still counts what it counted.
      const [after, stewardView] = [await everyone().audits.get({ auditId: audit.id }), await steward().audits.get({ auditId: audit.id })];
      expect(after.snapshot.scores.headline).toBe(stewardView.snapshot.scores.headline);
      expect(JSON.stringify(stewardView)).toContain('Lantern Pantry');
    });

    it('a site exact at publication and set to block afterwards is shown to the public at its block point only', async () => {
      const point = placeInArea();
      const site = await steward().sites.create({ name: 'Bright Kitchen', functionType: 'community_kitchen', geometry: point, visibility: 'public', precision: 'exact' });
      const { audit } = await stageAudit(seeded.services, 'published');
      await steward().sites.update({ id: site.id, version: site.version, changes: { precision: 'block' } });
      const view = await everyone().audits.get({ auditId: audit.id });
      const shown = view.snapshot.sites.find((entry) => entry.id === site.id)!;
      expect(shown.geometry).toEqual((await everyone().sites.get({ id: site.id })).geometry);
      for (const digits of digitsOf(point)) expect(JSON.stringify([view, await everyone().audits.report({ auditId: audit.id })])).not.toContain(digits);
    });

    it('the change log shows an entry at the current tier of the site it is about', async () => {
      const site = await steward().sites.create({ name: 'Willow Garden', functionType: 'community_garden', geometry: placeInArea(), visibility: 'members', precision: 'exact' });
      expect(JSON.stringify(await member().changes.recent({ limit: 500 }))).toContain('Willow Garden');
      await steward().sites.update({ id: site.id, version: site.version, changes: { visibility: 'stewards' } });
      expect(JSON.stringify(await member().changes.recent({ limit: 500 }))).not.toContain('Willow Garden');
      expect(await member().changes.recent({ limit: 50, entityId: site.id })).toEqual([]);
    });
  });

  describe('3. (what is kept per audience) the privacy generation', () => {
    const generation = () => repositories(seeded.database.db).privacyGeneration.current();

    it('changes with every change of a tier or a precision', async () => {
      const site = await steward().sites.create({ name: 'Generation Garden', functionType: 'community_garden', geometry: placeInArea() });
      const renamed = await member().sites.update({ id: site.id, version: site.version, changes: { capacity: 12 } });
      let before = await generation();
      const coarser = await member().sites.update({ id: site.id, version: renamed.version, changes: { precision: 'block' } });
      expect(await generation()).not.toBe(before);
      before = await generation();
      await member().sites.update({ id: site.id, version: coarser.version, changes: { visibility: 'members' } });
      expect(await generation()).not.toBe(before);
      before = await generation();
      const group = await steward().groups.get({ id: seeded.commons.id });
      await steward().groups.update({ id: group.id, version: group.version, changes: { visibility: 'members' } });
      expect(await generation()).not.toBe(before);
      const narrowed = await steward().groups.get({ id: seeded.commons.id });
      await steward().groups.update({ id: narrowed.id, version: narrowed.version, changes: { visibility: 'public' } });
    });
  });

  describe('4. a hidden id behaves exactly like an unknown one', () => {
    it('the public filtering by a members-only group gets what an unknown group gets', async () => {
      await steward().sites.create({ name: 'Tenants Noticeboard', functionType: 'tenant_union', groupId: seeded.quiet.id, geometry: placeInArea(), visibility: 'public' });
      expect((await everyone().sites.list({})).map((site) => site.name)).toContain('Tenants Noticeboard');
      const unknown = await everyone().sites.list({ groupIds: ['no-such-group'] });
      expect(await everyone().sites.list({ groupIds: [seeded.quiet.id] })).toEqual(unknown);
      expect(await everyone().sites.map({ groupIds: [seeded.quiet.id] })).toEqual(await everyone().sites.map({ groupIds: ['no-such-group'] }));
    });

    it('a member filing a site under a stewards-only group gets the same refusal as for a missing group, and nothing is written', async () => {
      const draft = (groupId: string) => ({ name: 'Watch Post', functionType: 'mutual_aid_fund', groupId, geometry: placeInArea() });
      const missing = await refusal(member().sites.create(draft('no-such-group')));
      const hidden = await refusal(member().sites.create(draft(secretGroupId)));
      expect(hidden.code).toBe(missing.code);
      expect(hidden.message).toBe(missing.message.replace('no-such-group', secretGroupId));
      const site = await member().sites.create({ name: 'Watch Post', functionType: 'mutual_aid_fund', geometry: placeInArea() });
      const moved = await refusal(member().sites.update({ id: site.id, version: site.version, changes: { groupId: secretGroupId } }));
      expect(moved.message).toBe(missing.message.replace('no-such-group', secretGroupId));
      expect((await steward().sites.get({ id: site.id })).groupId).toBeNull();
    });
  });

  describe('10. smaller ones', () => {
    it('a none-precision site counted in an audit is not named to anyone who may not see where it is', async () => {
      const site = await steward().sites.create({ name: 'Unmarked Shelter', functionType: 'food_pantry', geometry: placeInArea(), visibility: 'public', precision: 'none' });
      const { audit } = await stageAudit(seeded.services, 'published');
      for (const caller of [everyone(), member(), auditor()]) {
        const shown = JSON.stringify([await caller.audits.get({ auditId: audit.id }), await caller.audits.report({ auditId: audit.id })]);
        expect(shown).not.toContain('Unmarked Shelter');
        expect(shown).not.toContain(site.id);
      }
      const stewardView = await steward().audits.get({ auditId: audit.id });
      expect(stewardView.snapshot.sites.map((entry) => entry.id)).toContain(site.id);
      const publicScores = (await everyone().audits.get({ auditId: audit.id })).snapshot.scores;
      expect([publicScores.headline, publicScores.governedCount, publicScores.assessedCount])
        .toEqual([stewardView.snapshot.scores.headline, stewardView.snapshot.scores.governedCount, stewardView.snapshot.scores.assessedCount]);
    });

    it('a member may not make a stewards-only link', async () => {
      const error = await refusal(member().links.create({ fromGroupId: seeded.commons.id, toGroupId: seeded.quiet.id, kind: 'flow', flow: 'tools', flowDirection: 'from_to', visibility: 'stewards' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/visibility|stewards/);
    });

    it('a member may not raise a food-access challenge above their own tier', async () => {
      const { audit } = await stageAudit(seeded.services);
      const error = await refusal(member().access.toChallenge({ auditId: audit.id, target: { kind: 'site', point: [-122.395, 37.755], people: 640, visibility: 'stewards' } }));
      expect(error.code).toBe('FORBIDDEN');
      expect((await steward().challenges.list({ auditId: audit.id })).map((challenge) => challenge.source.kind)).not.toContain('food_access');
    });
  });
});
