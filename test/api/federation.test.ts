import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs, refusal, seedNetwork, type Seeded } from './fixtures';
import { freshArea, period, stageAudit } from './auditFixtures';

const kinds = await databaseKinds();

const at = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] as [number, number] });

describe.each(kinds)('federation planning through the API, on %s', (kind) => {
  let database: TestDatabase;
  let seeded: Seeded;
  let ids: Record<'garden' | 'kitchen' | 'coop' | 'clinic' | 'secret', string>;
  let hiddenLinkId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    seeded = await seedNetwork(database.db);
    const steward = callerAs(seeded.services, 'steward');
    const garden = await steward.groups.create({ name: 'Garden Collective', domains: ['food'], produces: ['food'] });
    const kitchen = await steward.groups.create({ name: 'Community Kitchen', domains: ['food'], produces: ['food'] });
    const coop = await steward.groups.create({ name: 'Food Co-op', domains: ['food'], imports: [{ flow: 'food', from: 'shops' }] });
    const clinic = await steward.groups.create({ name: 'Free Clinic', domains: ['health'], imports: [{ flow: 'money', from: 'grants' }] });
    const secret = await steward.groups.create({ name: 'Quiet Defence Cell', domains: ['safety'], visibility: 'stewards' });
    ids = { garden: garden.id, kitchen: kitchen.id, coop: coop.id, clinic: clinic.id, secret: secret.id };
    for (const [name, id, lon] of [['Garden', garden.id, -122.41], ['Kitchen', kitchen.id, -122.412], ['Co-op', coop.id, -122.414], ['Clinic', clinic.id, -122.42], ['Cell', secret.id, -122.416]] as const) {
      await steward.sites.create({ name, functionType: name === 'Clinic' ? 'free_clinic' : name === 'Cell' ? 'mediation_circle' : 'community_garden', groupId: id, geometry: at(lon, 37.77), visibility: name === 'Cell' ? 'stewards' : 'public' });
    }
    await steward.links.create({ fromGroupId: garden.id, toGroupId: kitchen.id, kind: 'flow', flow: 'food', flowDirection: 'from_to' });
    await steward.links.create({ fromGroupId: kitchen.id, toGroupId: clinic.id, kind: 'shared_members' });
    hiddenLinkId = (await steward.links.create({ fromGroupId: coop.id, toGroupId: clinic.id, kind: 'shared_fund', visibility: 'stewards' })).id;
    await steward.links.create({ fromGroupId: secret.id, toGroupId: coop.id, kind: 'mutual_support_pact', visibility: 'stewards' });
  });
  afterAll(() => database.dispose());

  it('keeps what a group produces and imports, and the domains it works in', async () => {
    const member = callerAs(seeded.services, 'member');
    const group = await member.groups.get({ id: ids.coop });
    expect(group.imports).toEqual([{ flow: 'food', from: 'shops' }]);
    const changed = await member.groups.update({ id: group.id, version: group.version, changes: { produces: ['food'], domains: ['food', 'money'] } });
    expect(changed).toMatchObject({ produces: ['food'], domains: ['food', 'money'], imports: [{ flow: 'food', from: 'shops' }] });
    await member.groups.update({ id: changed.id, version: changed.version, changes: { produces: [], domains: ['food'] } });
  });

  it('stores a flow pointing the way it goes', async () => {
    const member = callerAs(seeded.services, 'member');
    const link = await member.links.create({ fromGroupId: ids.clinic, toGroupId: ids.garden, kind: 'flow', flow: 'skills', flowDirection: 'to_from' });
    expect(link).toMatchObject({ fromGroupId: ids.garden, toGroupId: ids.clinic, flow: 'skills', status: 'active' });
    await callerAs(seeded.services, 'steward').links.delete({ id: link.id });
  });

  describe('refuses bad links with the field named, writing nothing', () => {
    const linkCount = async () => (await callerAs(seeded.services, 'steward').links.list()).length;

    it('a link from a group to itself', async () => {
      const before = await linkCount();
      const error = await refusal(callerAs(seeded.services, 'member').links.create({ fromGroupId: ids.garden, toGroupId: ids.garden, kind: 'mutual_support_pact' }));
      expect(error.message).toContain('toGroupId: a link joins two different groups');
      expect(await linkCount()).toBe(before);
    });

    it('a duplicate link', async () => {
      const before = await linkCount();
      const error = await refusal(callerAs(seeded.services, 'member').links.create({ fromGroupId: ids.kitchen, toGroupId: ids.garden, kind: 'flow', flow: 'food', flowDirection: 'to_from' }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe('toGroupId: these two groups already have a flow of food that way');
      expect(await linkCount()).toBe(before);
    });

    it('a flow with no direction', async () => {
      const before = await linkCount();
      const error = await refusal(callerAs(seeded.services, 'member').links.create({ fromGroupId: ids.garden, toGroupId: ids.coop, kind: 'flow', flow: 'food' }));
      expect(error.message).toContain('flowDirection: a flow must say which way it goes');
      expect(await linkCount()).toBe(before);
    });

    it('a link to a group the caller cannot see', async () => {
      const before = await linkCount();
      const error = await refusal(callerAs(seeded.services, 'member').links.create({ fromGroupId: ids.garden, toGroupId: ids.secret, kind: 'mutual_support_pact' }));
      expect(error.message).toBe(`toGroupId: no group with id ${ids.secret}`);
      expect(await linkCount()).toBe(before);
    });

    it('a recommendation for an unknown group, or for one the caller cannot see', async () => {
      const unknown = await refusal(callerAs(seeded.services, 'member').federation.recommend({ groupId: 'no-such-group' }));
      expect(unknown.code).toBe('NOT_FOUND');
      expect(unknown.message).toBe('groupId: no group with id no-such-group');
      const hidden = await refusal(callerAs(seeded.services, 'member').federation.recommend({ groupId: ids.secret }));
      expect(hidden.message).toBe(`groupId: no group with id ${ids.secret}`);
    });
  });

  it('recommends the kitchen to the food co-op, naming the chain garden → kitchen → co-op', async () => {
    const result = await callerAs(seeded.services, 'member').federation.recommend({ groupId: ids.coop, top: 10 });
    const kitchen = result.recommendations.find((entry) => entry.toGroupId === ids.kitchen);
    expect(kitchen?.reasons.find((reason) => reason.kind === 'import_replacement')?.sentence)
      .toBe('Community Kitchen produces food that Food Co-op now gets from shops, closing the chain Garden Collective → Community Kitchen → Food Co-op.');
  });

  it('marks the single points of failure in the network view', async () => {
    const network = await callerAs(seeded.services, 'public').federation.network();
    const names = new Map(network.nodes.map((node) => [node.id, node.name]));
    expect(network.nodes.filter((node) => node.cutVertex).map((node) => node.name).sort()).toEqual(['Community Kitchen']);
    expect(network.edges.filter((edge) => edge.bridge).map((edge) => [names.get(edge.fromGroupId), names.get(edge.toGroupId)].sort().join('–')).sort())
      .toEqual(['Community Kitchen–Free Clinic', 'Community Kitchen–Garden Collective']);
  });

  it('computes what the public and members see only from what they may see: a hidden link changes nothing', async () => {
    for (const role of ['public', 'member'] as const) {
      const caller = callerAs(seeded.services, role);
      const withHidden = JSON.stringify([await caller.federation.recommend({ top: 50 }), await caller.federation.recommend({ groupId: ids.coop, top: 50 }), await caller.federation.network()]);
      expect(withHidden).not.toContain('Quiet Defence Cell');
      expect(withHidden).not.toContain(ids.secret);
      expect(withHidden).not.toContain(hiddenLinkId);
      expect(withHidden).not.toContain('shared fund');
      const steward = callerAs(seeded.services, 'steward');
      const hidden = (await steward.links.list()).find((link) => link.id === hiddenLinkId)!;
      await steward.links.delete({ id: hiddenLinkId });
      const without = JSON.stringify([await caller.federation.recommend({ top: 50 }), await caller.federation.recommend({ groupId: ids.coop, top: 50 }), await caller.federation.network()]);
      hiddenLinkId = (await steward.links.create({ fromGroupId: hidden.fromGroupId, toGroupId: hidden.toGroupId, kind: 'shared_fund', visibility: 'stewards' })).id;
      expect(without, `${role}: the ranking and reasons are the same with and without the hidden link`).toBe(withHidden);
    }
  });

  it('lets stewards see the hidden link count: it makes the co-op–clinic tie and removes the bridge there', async () => {
    const network = await callerAs(seeded.services, 'steward').federation.network();
    expect(network.edges.some((edge) => edge.id === hiddenLinkId)).toBe(true);
    expect(network.nodes.find((node) => node.id === ids.coop)?.cutVertex).toBe(true);
  });

  it('keeps the weights per network, visible to all and changed by stewards', async () => {
    const steward = callerAs(seeded.services, 'steward');
    const weights = { weak_domains: 1, import_replacement: 5, distance: 0, existing_ties: 1, resilience: 2, headline: 3 };
    await steward.federation.setWeights(weights);
    expect(await callerAs(seeded.services, 'public').federation.weights()).toEqual(weights);
    const result = await callerAs(seeded.services, 'member').federation.recommend({ groupId: ids.coop });
    expect(result.weights).toEqual(weights);
    expect(result.recommendations.every((entry) => entry.reasons.every((reason) => reason.kind !== 'distance' || reason.points === 0))).toBe(true);
    const refused = await refusal(steward.federation.setWeights({ ...weights, distance: 11 }));
    expect(refused.message).toContain('distance: a weight is at most 10');
  });

  it('proposes a pact as a draft link a steward confirms', async () => {
    const member = callerAs(seeded.services, 'member');
    const proposed = await member.federation.proposePact({ fromGroupId: ids.coop, toGroupId: ids.kitchen, as: 'draft_link' });
    expect(proposed.kind).toBe('draft_link');
    if (proposed.kind !== 'draft_link') return;
    expect(proposed.link.status).toBe('draft');
    const again = await refusal(member.federation.proposePact({ fromGroupId: ids.kitchen, toGroupId: ids.coop, as: 'draft_link' }));
    expect(again.message).toContain('(a draft waiting for a steward)');
    const confirmed = await callerAs(seeded.services, 'steward').federation.confirmLink({ id: proposed.link.id });
    expect(confirmed.status).toBe('active');
    const after = await member.federation.recommend({ groupId: ids.coop, top: 50 });
    expect(after.recommendations.some((entry) => entry.toGroupId === ids.kitchen)).toBe(false);
  });

  it('proposes a pact as an open challenge naming both groups, at the open audit', async () => {
    const auditor = callerAs(seeded.services, 'auditor');
    const refused = await refusal(auditor.federation.proposePact({ fromGroupId: ids.garden, toGroupId: ids.clinic }));
    expect(refused.message).toContain('as: no audit is open or in draft');
    await stageAudit(seeded.services, 'open');
    const proposed = await auditor.federation.proposePact({ fromGroupId: ids.garden, toGroupId: ids.clinic });
    expect(proposed.kind).toBe('challenge');
    if (proposed.kind !== 'challenge') return;
    expect(proposed.challenge).toMatchObject({ title: 'Make a pact: Garden Collective and Free Clinic', status: 'open', source: { kind: 'federation', fromGroupId: ids.garden, toGroupId: ids.clinic } });
  });

  it('reads the newest published audit, scored once per audit, audience and privacy generation', async () => {
    const steward = callerAs(seeded.services, 'steward');
    const member = callerAs(seeded.services, 'member');
    const areaId = await freshArea(seeded.services, 'Mission Flats, federation');
    const publish = async (label: string, start: string, end: string) => {
      let audit = await steward.audits.create({ areaId, period: period(label, start, end), nextAuditOn: '2027-12-31' });
      audit = await steward.audits.open({ auditId: audit.id, version: audit.version });
      const challenge = await steward.challenges.create({ auditId: audit.id, title: `Headline of ${label}`, location: { kind: 'area', areaId: audit.areaId } });
      await steward.challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
      await steward.audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
    };
    await publish('Autumn 2026', '2026-10-01', '2026-12-31');
    const before = await member.federation.recommend({ top: 5 });
    expect(before.auditLabel).toBe('Autumn 2026');
    expect(await member.federation.recommend({ top: 5 })).toEqual(before);
    await publish('Winter 2027', '2027-01-01', '2027-03-31');
    expect((await member.federation.recommend({ top: 5 })).auditLabel).toBe('Winter 2027');
  });
});
