import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { appRouter } from '../../server/trpc/appRouter';
import { ROLES, roleAtLeast, type Role } from '../../shared/privacy/roles';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, phoneAs, type Seeded } from './fixtures';

type Caller = ReturnType<typeof callerAs>;

interface Row {
  procedure: string;
  minimum: Role;
  call(caller: Caller, seeded: Seeded, role: Role): Promise<unknown>;
}

let counter = 0;
const point = () => ({ type: 'Point' as const, coordinates: [-122.4 + (counter++) * 0.001, 37.77] as [number, number] });

/** Every procedure, the least role that may call it, and a valid call. */
const matrix: Row[] = [
  { procedure: 'auth.me', minimum: 'public', call: (c) => c.auth.me() },
  { procedure: 'auth.login', minimum: 'public', call: (c) => c.auth.login({ email: 'nobody@kudzu.example', password: 'wrong password' }).catch(expectUnauthenticatedLogin) },
  { procedure: 'auth.logout', minimum: 'public', call: (c) => c.auth.logout() },
  { procedure: 'auth.invite', minimum: 'steward', call: (c) => c.auth.invite({ role: 'member' }) },
  { procedure: 'auth.acceptInvite', minimum: 'public', call: (c) => c.auth.acceptInvite({ token: 'not-a-real-token-at-all', email: 'x@kudzu.example', displayName: 'X', password: 'long enough password' }).catch(expectNotFound) },
  { procedure: 'auth.invitation', minimum: 'public', call: async (c, s) => { const { token } = await callerAs(s.services, 'steward').auth.invite({ role: 'member' }); return c.auth.invitation({ token }); } },
  { procedure: 'people.list', minimum: 'steward', call: (c) => c.people.list() },
  { procedure: 'people.setRole', minimum: 'steward', call: async (c, s, role) => { const id = await s.services.auth.createUser(`promoted-by-${role}@kudzu.example`, `Promoted by a ${role}`, 'long enough password', 'member', new Date('2026-11-01T00:00:00Z')); return c.people.setRole({ userId: id, role: 'auditor' }); } },
  { procedure: 'people.revokeInvitation', minimum: 'steward', call: async (c, s) => { await callerAs(s.services, 'steward').auth.invite({ role: 'auditor', note: 'to withdraw' }); const { invitations } = await callerAs(s.services, 'steward').people.list(); return c.people.revokeInvitation({ invitationId: invitations.find((i) => i.status === 'waiting' && i.note === 'to withdraw')!.id }); } },
  { procedure: 'network.status', minimum: 'steward', call: (c) => c.network.status() },
  { procedure: 'network.setPopulationLayer', minimum: 'steward', call: (c) => c.network.setPopulationLayer({ layer: null }) },
  { procedure: 'network.thresholds', minimum: 'public', call: (c) => c.network.thresholds() },
  { procedure: 'network.setThresholds', minimum: 'steward', call: (c) => c.network.setThresholds({ governedCoverage: 0.5 }) },
  { procedure: 'areas.readFile', minimum: 'steward', call: (c) => c.areas.readFile({ fileName: 'block.geojson', text: JSON.stringify({ type: 'Polygon', coordinates: [[[-122.5, 37.7], [-122.49, 37.7], [-122.49, 37.71], [-122.5, 37.7]]] }) }) },
  { procedure: 'taxonomy.get', minimum: 'public', call: (c) => c.taxonomy.get() },
  { procedure: 'taxonomy.addFunctionType', minimum: 'steward', call: (c, _s, role) => c.taxonomy.addFunctionType({ id: `seed_swap_${role}`, label: 'Seed swap', domain: 'food' }) },
  { procedure: 'sites.list', minimum: 'public', call: (c) => c.sites.list({}) },
  { procedure: 'sites.map', minimum: 'public', call: (c) => c.sites.map({}) },
  { procedure: 'sites.get', minimum: 'public', call: (c, s) => c.sites.get({ id: s.publicPantry.id }) },
  { procedure: 'sites.context', minimum: 'public', call: (c, s) => c.sites.context({ id: s.publicPantry.id }) },
  { procedure: 'sites.create', minimum: 'member', call: (c) => c.sites.create({ name: 'New Fridge', functionType: 'community_fridge', geometry: point() }) },
  { procedure: 'sites.update', minimum: 'member', call: async (c, s) => { const site = await c.sites.get({ id: s.publicPantry.id }); return c.sites.update({ id: site.id, version: site.version, changes: { capacity: site.capacity! + 1 } }); } },
  { procedure: 'sites.close', minimum: 'member', call: async (c) => { const site = await c.sites.create({ name: 'Short-lived', functionType: 'skill_share', geometry: point() }); return c.sites.close({ id: site.id, version: site.version, closedOn: '2026-11-20' }); } },
  { procedure: 'sites.delete', minimum: 'steward', call: async (c, s, role) => { const id = role === 'steward' ? (await c.sites.create({ name: 'Doomed', functionType: 'library', geometry: point() })).id : s.publicPantry.id; return c.sites.delete({ id }); } },
  { procedure: 'groups.list', minimum: 'public', call: (c) => c.groups.list() },
  { procedure: 'groups.get', minimum: 'public', call: (c, s) => c.groups.get({ id: s.commons.id }) },
  { procedure: 'groups.create', minimum: 'member', call: (c) => c.groups.create({ name: 'New Circle' }) },
  { procedure: 'groups.update', minimum: 'member', call: async (c, s) => { const group = await c.groups.get({ id: s.commons.id }); return c.groups.update({ id: group.id, version: group.version, changes: { description: 'Updated' } }); } },
  { procedure: 'links.list', minimum: 'public', call: (c) => c.links.list() },
  { procedure: 'links.create', minimum: 'member', call: async (c, s) => c.links.create({ fromGroupId: s.commons.id, toGroupId: (await c.groups.create({ name: 'Partner' })).id, kind: 'mutual_support_pact' }) },
  { procedure: 'federation.network', minimum: 'public', call: (c) => c.federation.network() },
  { procedure: 'federation.recommend', minimum: 'public', call: (c, s) => c.federation.recommend({ groupId: s.commons.id, top: 5 }) },
  { procedure: 'federation.weights', minimum: 'public', call: (c) => c.federation.weights() },
  { procedure: 'federation.setWeights', minimum: 'steward', call: (c) => c.federation.setWeights({ weak_domains: 3, import_replacement: 2, distance: 1, existing_ties: 1, resilience: 2, headline: 3 }) },
  { procedure: 'federation.proposePact', minimum: 'member', call: async (c, s, role) => c.federation.proposePact({ fromGroupId: s.commons.id, toGroupId: roleAtLeast(role, 'member') ? (await c.groups.create({ name: `Pact partner of a ${role}` })).id : s.quiet.id, as: 'draft_link' }) },
  { procedure: 'federation.confirmLink', minimum: 'steward', call: async (c, s, role) => {
    if (role !== 'steward') return c.federation.confirmLink({ id: s.link.id });
    const partner = await c.groups.create({ name: 'Pact partner to confirm' });
    const proposed = await c.federation.proposePact({ fromGroupId: s.commons.id, toGroupId: partner.id, as: 'draft_link' });
    if (proposed.kind !== 'draft_link') throw new Error('expected a draft link');
    return c.federation.confirmLink({ id: proposed.link.id });
  } },
  { procedure: 'links.delete', minimum: 'steward', call: async (c, s) => c.links.delete({ id: s.link.id }) },
  { procedure: 'areas.list', minimum: 'public', call: (c) => c.areas.list({}) },
  { procedure: 'areas.get', minimum: 'public', call: async (c) => { const [area] = await c.areas.list({}); return area ? c.areas.get({ id: area.id }) : null; } },
  { procedure: 'areas.create', minimum: 'steward', call: (c) => c.areas.create({ name: 'Block 9', kind: 'block', geometry: { type: 'Polygon', coordinates: [[[-122.5, 37.7], [-122.49, 37.7], [-122.49, 37.71], [-122.5, 37.7]]] } }) },
  { procedure: 'areas.delete', minimum: 'steward', call: async (c, s, role) => { const id = role === 'steward' ? (await c.areas.create({ name: 'Temp', kind: 'block', geometry: { type: 'Polygon', coordinates: [[[-122.5, 37.7], [-122.49, 37.7], [-122.49, 37.71], [-122.5, 37.7]]] } })).id : 'any-area'; return c.areas.delete({ id }); } },
  { procedure: 'changes.recent', minimum: 'member', call: (c) => c.changes.recent({ limit: 10 }) },
  { procedure: 'references.layers', minimum: 'public', call: (c) => c.references.layers() },
  { procedure: 'references.layer', minimum: 'public', call: (c) => c.references.layer({ layer: 'demo_streets' }) },
  { procedure: 'audits.list', minimum: 'public', call: (c) => c.audits.list({}) },
  { procedure: 'audits.get', minimum: 'public', call: async (c, s) => c.audits.get({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services, 'published')).audit.id }) },
  { procedure: 'audits.report', minimum: 'public', call: async (c, s) => c.audits.report({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services, 'published')).audit.id }) },
  { procedure: 'audits.trend', minimum: 'public', call: async (c, s) => c.audits.trend({ areaId: await (await import('./auditFixtures')).auditArea(s.services) }) },
  { procedure: 'audits.workspace', minimum: 'auditor', call: async (c, s) => c.audits.workspace({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id }) },
  { procedure: 'audits.suggestions', minimum: 'auditor', call: async (c, s) => c.audits.suggestions({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, groupId: s.commons.id }) },
  { procedure: 'audits.create', minimum: 'auditor', call: async (c, s) => c.audits.create({ areaId: await (await import('./auditFixtures')).freshArea(s.services, `Matrix area ${counter++}`), period: { label: '2027 Q1', start: '2027-01-01', end: '2027-03-31' }, nextAuditOn: '2027-06-30' }) },
  { procedure: 'audits.open', minimum: 'auditor', call: async (c, s) => { const { audit } = await (await import('./auditFixtures')).stageAudit(s.services, 'draft'); return c.audits.open({ auditId: audit.id, version: audit.version }); } },
  { procedure: 'audits.returnToDraft', minimum: 'auditor', call: async (c, s) => { const { audit } = await (await import('./auditFixtures')).stageAudit(s.services); return c.audits.returnToDraft({ auditId: audit.id, version: audit.version }); } },
  { procedure: 'audits.publish', minimum: 'auditor', call: async (c, s) => { const { audit, challengeId } = await (await import('./auditFixtures')).stageAudit(s.services); await callerAs(s.services, 'steward').challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! }); return c.audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true }); } },
  { procedure: 'audits.answer', minimum: 'auditor', call: async (c, s) => c.audits.answer({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, groupId: s.commons.id, checkKey: 'rotation', value: 'pass', expectedVersion: 0 }) },
  { procedure: 'audits.setNeed', minimum: 'auditor', call: async (c, s) => c.audits.setNeed({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, domain: 'food', need: 300 }) },
  { procedure: 'audits.removeNeed', minimum: 'auditor', call: async (c, s) => c.audits.removeNeed({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, domain: 'food' }) },
  { procedure: 'audits.addTally', minimum: 'auditor', call: async (c, s) => c.audits.addTally({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, name: 'conflicts mediated by peers', count: 12, unit: 'conflicts' }) },
  { procedure: 'audits.updateTally', minimum: 'auditor', call: async (c, s) => { const { audit } = await (await import('./auditFixtures')).stageAudit(s.services); const tally = await callerAs(s.services, 'steward').audits.addTally({ auditId: audit.id, name: 'meals shared', count: 40, unit: 'meals' }); return c.audits.updateTally({ id: tally.id, changes: { count: 41 } }); } },
  { procedure: 'audits.removeTally', minimum: 'auditor', call: async (c, s) => { const { audit } = await (await import('./auditFixtures')).stageAudit(s.services); const tally = await callerAs(s.services, 'steward').audits.addTally({ auditId: audit.id, name: 'meals shared', count: 40, unit: 'meals' }); return c.audits.removeTally({ id: tally.id }); } },
  { procedure: 'audits.submitTestimony', minimum: 'public', call: async (c, s) => c.audits.submitTestimony({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, text: 'The fridge kept us going in August.', consent: true }) },
  { procedure: 'audits.testimonies', minimum: 'auditor', call: async (c, s) => c.audits.testimonies({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id }) },
  { procedure: 'audits.moderateTestimony', minimum: 'auditor', call: async (c, s) => { const { audit } = await (await import('./auditFixtures')).stageAudit(s.services); const told = await callerAs(s.services, 'public').audits.submitTestimony({ auditId: audit.id, text: 'We fixed forty bikes.', consent: true }); return c.audits.moderateTestimony({ testimonyId: told.id, decision: 'approved' }); } },
  { procedure: 'checks.list', minimum: 'public', call: (c) => c.checks.list() },
  { procedure: 'checks.add', minimum: 'steward', call: (c, _s, role) => c.checks.add({ key: `seed_library_${role}`, question: 'Does the group keep a seed library?' }) },
  { procedure: 'checks.reword', minimum: 'steward', call: (c) => c.checks.reword({ key: 'care', question: 'Does the group rest and debrief after major initiatives?' }) },
  { procedure: 'checks.reweight', minimum: 'steward', call: (c) => c.checks.reweight({ key: 'open_books', weight: 2 }) },
  { procedure: 'checks.retire', minimum: 'steward', call: async (c, _s, role) => { if (role === 'steward') await c.checks.add({ key: 'retire_me', question: 'A check to retire' }); return c.checks.retire({ key: 'retire_me', retiredOn: '2026-11-01' }); } },
  { procedure: 'challenges.list', minimum: 'public', call: (c) => c.challenges.list({}) },
  { procedure: 'challenges.get', minimum: 'public', call: async (c, s) => c.challenges.get({ challengeId: (await (await import('./auditFixtures')).stageAudit(s.services, 'published')).challengeId! }) },
  { procedure: 'challenges.proposals', minimum: 'auditor', call: async (c, s) => c.challenges.proposals({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id }) },
  { procedure: 'challenges.create', minimum: 'auditor', call: async (c, s) => c.challenges.create({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, title: 'Train three more key holders', location: { kind: 'site', siteId: s.publicPantry.id } }) },
  { procedure: 'challenges.fromProposal', minimum: 'auditor', call: async (c, s) => c.challenges.fromProposal({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services)).audit.id, proposalKey: 'coverage:food' }) },
  { procedure: 'challenges.claim', minimum: 'member', call: async (c, s) => { const { challengeId } = await (await import('./auditFixtures')).stageAudit(s.services, 'published'); return c.challenges.claim({ challengeId: challengeId!, version: 2, groupId: s.commons.id }); } },
  { procedure: 'challenges.release', minimum: 'member', call: async (c, s) => { const { challengeId } = await (await import('./auditFixtures')).stageAudit(s.services, 'published'); const claimed = await callerAs(s.services, 'steward').challenges.claim({ challengeId: challengeId!, version: 2, groupId: s.commons.id }); return c.challenges.release({ challengeId: claimed.id, version: claimed.version }); } },
  { procedure: 'challenges.solve', minimum: 'member', call: async (c, s) => { const { challengeId } = await (await import('./auditFixtures')).stageAudit(s.services, 'published'); return c.challenges.solve({ challengeId: challengeId!, version: 2, evidence: 'The second pantry opened on 3 November.' }); } },
  { procedure: 'challenges.carryOver', minimum: 'auditor', call: async (c, s) => { const fixtures = await import('./auditFixtures'); const { challengeId } = await fixtures.stageAudit(s.services, 'published'); const next = await fixtures.stageAudit(s.services, 'draft'); return c.challenges.carryOver({ challengeId: challengeId!, version: 2, toAuditId: next.audit.id }); } },
  { procedure: 'challenges.chooseHeadline', minimum: 'auditor', call: async (c, s) => { const { audit, challengeId } = await (await import('./auditFixtures')).stageAudit(s.services); return c.challenges.chooseHeadline({ auditId: audit.id, challengeId: challengeId! }); } },
  { procedure: 'story.get', minimum: 'public', call: async (c, s) => c.story.get({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services, 'published')).audit.id }) },
  { procedure: 'story.setPlan', minimum: 'steward', call: async (c, s) => c.story.setPlan({ auditId: (await (await import('./auditFixtures')).stageAudit(s.services, 'open')).audit.id, plan: { sections: [{ section: 'challenge', shown: true }, { section: 'constellation', shown: true }, { section: 'domains', shown: true }, { section: 'testimonies', shown: false }, { section: 'changes', shown: true }] } }) },
  { procedure: 'access.layers', minimum: 'public', call: (c) => c.access.layers() },
  { procedure: 'access.analyse', minimum: 'public', call: async (c, s) => { await (await import('./auditFixtures')).auditArea(s.services); return c.access.analyse({ population: { kind: 'areas', areaKind: 'neighbourhood' } }); } },
  { procedure: 'access.whatIf', minimum: 'public', call: async (c, s) => { await (await import('./auditFixtures')).auditArea(s.services); return c.access.whatIf({ population: { kind: 'areas', areaKind: 'neighbourhood' }, point: [-122.395, 37.755] }); } },
  { procedure: 'access.bestSites', minimum: 'public', call: async (c, s) => { await (await import('./auditFixtures')).auditArea(s.services); return c.access.bestSites({ population: { kind: 'areas', areaKind: 'neighbourhood' }, k: 2 }); } },
  { procedure: 'access.download', minimum: 'public', call: async (c, s) => { await (await import('./auditFixtures')).auditArea(s.services); return c.access.download({ population: { kind: 'areas', areaKind: 'neighbourhood' }, what: 'table', format: 'csv' }); } },
  { procedure: 'access.toChallenge', minimum: 'member', call: async (c, s) => { const { audit } = await (await import('./auditFixtures')).stageAudit(s.services); return c.access.toChallenge({ auditId: audit.id, target: { kind: 'site', point: [-122.395, 37.755], people: 640 } }); } },
  // Audit night: phones are anyone with a participant token; the console is for auditors.
  { procedure: 'night.join', minimum: 'public', call: async (c, s) => c.night.join({ auditId: (await nightAudit(s)).audit.id }) },
  { procedure: 'night.state', minimum: 'public', call: async (c, s) => c.night.state({ auditId: (await nightAudit(s)).audit.id }) },
  { procedure: 'night.phone', minimum: 'public', call: async (_c, s, role) => (await phoneAs(s.services, (await nightAudit(s)).audit.id, role)).night.phone() },
  { procedure: 'night.submitTestimony', minimum: 'public', call: async (_c, s, role) => (await phoneAs(s.services, (await nightAudit(s)).audit.id, role)).night.submitTestimony({ key: `matrix-${role}-${counter++}`, text: 'We cooked for sixty on Sunday.', consent: true }) },
  { procedure: 'night.proposeSite', minimum: 'public', call: async (_c, s, role) => (await phoneAs(s.services, (await nightAudit(s)).audit.id, role)).night.proposeSite({ key: `matrix-${role}-${counter++}`, name: 'Corner fridge', functionType: 'community_fridge', lon: -122.41, lat: 37.77 }) },
  { procedure: 'night.claimChallenge', minimum: 'public', call: async (_c, s, role) => { const { audit } = await (await import('./auditFixtures')).stageAudit(s.services); const challenge = await callerAs(s.services, 'steward').challenges.create({ auditId: audit.id, title: `Claimable ${counter++}`, location: { kind: 'area', areaId: audit.areaId } }); return (await phoneAs(s.services, audit.id, role)).night.claimChallenge({ key: `matrix-${role}-${counter++}`, challengeId: challenge.id, groupId: s.commons.id }); } },
  { procedure: 'night.vote', minimum: 'public', call: async (_c, s, role) => { const night = await nightAudit(s, true); return (await phoneAs(s.services, night.audit.id, role)).night.vote({ key: `matrix-${role}-${counter++}`, challengeId: night.challengeIds[0] }); } },
  { procedure: 'night.console', minimum: 'auditor', call: async (c, s) => c.night.console({ auditId: (await nightAudit(s)).audit.id }) },
  { procedure: 'night.moderate', minimum: 'auditor', call: async (c, s) => { const { audit } = await nightAudit(s); const told = await (await phoneAs(s.services, audit.id)).night.submitTestimony({ key: `matrix-mod-${counter++}`, text: 'The garden gave us tomatoes.', consent: true }); return c.night.moderate({ id: told.id, kind: 'testimony', decision: 'approved' }); } },
  { procedure: 'night.openVote', minimum: 'auditor', call: async (c, s) => { const { audit, challengeIds } = await nightAudit(s); return c.night.openVote({ auditId: audit.id, challengeIds }); } },
  { procedure: 'night.closeVote', minimum: 'auditor', call: async (c, s) => { const { audit } = await nightAudit(s, true); return c.night.closeVote({ auditId: audit.id }); } },
];

/** A fresh open audit with two public challenges (and, when asked, its vote opened), for the audit night rows. */
async function nightAudit(s: Seeded, voteOpen = false) {
  const { audit, areaId, challengeId } = await (await import('./auditFixtures')).stageAudit(s.services);
  const second = await callerAs(s.services, 'steward').challenges.create({ auditId: audit.id, title: `Second challenge ${counter++}`, location: { kind: 'area', areaId } });
  const challengeIds = [challengeId!, second.id];
  if (voteOpen) await callerAs(s.services, 'steward').night.openVote({ auditId: audit.id, challengeIds });
  return { audit, challengeIds };
}

function expectUnauthenticatedLogin(error: unknown) {
  if (error instanceof TRPCError && error.code === 'UNAUTHORIZED' && /do not match/.test(error.message)) return 'refused as expected';
  throw error;
}
function expectNotFound(error: unknown) {
  if (error instanceof TRPCError && error.code === 'NOT_FOUND') return 'refused as expected';
  throw error;
}

const kinds = await databaseKinds();

describe.each(kinds)('every role × every procedure on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);

  it('covers every procedure the API has, so a new one cannot be forgotten', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(matrix.map((row) => row.procedure).sort()).toEqual(procedures);
  });

  for (const row of matrix) {
    for (const role of ROLES) {
      const allowed = roleAtLeast(role, row.minimum);
      it(`${row.procedure} is ${allowed ? 'allowed' : 'refused'} for ${role === 'public' ? 'the public' : `a ${role}`}`, async () => {
        const attempt = row.call(callerAs(seeded.services, role), seeded, role);
        if (allowed) {
          await attempt;
        } else {
          const error = await attempt.then(() => null, (e: unknown) => e);
          expect(error, `${row.procedure} should refuse ${role}`).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe(role === 'public' ? 'UNAUTHORIZED' : 'FORBIDDEN');
          expect((error as TRPCError).message).toMatch(new RegExp(`needs the ${row.minimum} role`));
        }
      });
    }
  }
});
