import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, NOW, phoneAs, refusal } from './fixtures';
import { stageAudit } from './auditFixtures';
import { createServices } from '../../server/services';
import { repositories } from '../../server/repositories';

const kinds = await databaseKinds();

describe.each(kinds)('audit night from phones and the console on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);
  let auditId: string;
  let areaId: string;
  let challengeIds: string[];
  let counter = 0;
  const key = () => `key-${kind}-${(counter++).toString().padStart(4, '0')}`;

  async function count(table: 'night_submissions' | 'audit_testimonies' | 'night_events' | 'night_ballots' | 'sites'): Promise<number> {
    const row = await seeded.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    const staged = await stageAudit(seeded.services);
    auditId = staged.audit.id;
    areaId = staged.areaId;
    const second = await callerAs(seeded.services, 'steward').challenges.create({ auditId, title: 'Open a tool library', location: { kind: 'area', areaId } });
    const hidden = await callerAs(seeded.services, 'steward').challenges.create({ auditId, title: 'Members-only challenge', location: { kind: 'site', siteId: seeded.membersFridge.id } });
    challengeIds = [staged.challengeId!, second.id, hidden.id];
  });

  it('a testimony sent twice with one key is stored once, and the phone lists it as waiting', async () => {
    const phone = await phoneAs(seeded.services, auditId);
    const before = await count('audit_testimonies');
    const sent = { key: key(), text: 'The pantry fed my kids in August.', pseudonym: 'A.', consent: true as const };
    const first = await phone.night.submitTestimony(sent);
    const retry = await phone.night.submitTestimony(sent);
    expect(retry.id).toBe(first.id);
    expect(retry.duplicate).toBe(true);
    expect(await count('audit_testimonies')).toBe(before + 1);
    const view = await phone.night.phone();
    expect(view.submissions).toEqual([{ key: sent.key, kind: 'testimony', status: 'pending', summary: 'The pantry fed my kids in August.', testimonyId: first.id }]);
  });

  it('lands in the same moderation list as every testimony, and approval reaches the phone and the room', async () => {
    const phone = await phoneAs(seeded.services, auditId);
    const told = await phone.night.submitTestimony({ key: key(), text: 'We rebuilt the stairs together.', consent: true });
    const workspace = await callerAs(seeded.services, 'auditor').audits.testimonies({ auditId });
    expect(workspace.map((t) => t.id)).toContain(told.id);
    await callerAs(seeded.services, 'auditor').audits.moderateTestimony({ testimonyId: told.id, decision: 'approved' });
    expect((await phone.night.phone()).submissions[0].status).toBe('approved');
    const state = await callerAs(seeded.services, 'public').night.state({ auditId });
    expect(state.testimonies.map((t) => t.text)).toContain('We rebuilt the stairs together.');
  });

  it('never pushes a rejected testimony, nor one narrowed to members', async () => {
    const phone = await phoneAs(seeded.services, auditId);
    const rejected = await phone.night.submitTestimony({ key: key(), text: 'REJECTED-TEXT should never be shown.', consent: true });
    const narrowed = await phone.night.submitTestimony({ key: key(), text: 'NARROWED-TEXT for members only.', consent: true });
    const auditor = callerAs(seeded.services, 'auditor');
    await auditor.night.moderate({ id: rejected.id, kind: 'testimony', decision: 'rejected' });
    await auditor.audits.moderateTestimony({ testimonyId: narrowed.id, decision: 'approved', visibility: 'members' });
    const events = await repositories(seeded.database.db).night.eventsAfter(auditId, 0);
    const pushed = JSON.stringify(events);
    expect(pushed).not.toContain('REJECTED-TEXT');
    expect(pushed).not.toContain('NARROWED-TEXT');
    expect(JSON.stringify(await callerAs(seeded.services, 'public').night.state({ auditId }))).not.toMatch(/REJECTED-TEXT|NARROWED-TEXT/);
  });

  it('withdraws from the room a testimony approved and then narrowed', async () => {
    const phone = await phoneAs(seeded.services, auditId);
    const told = await phone.night.submitTestimony({ key: key(), text: 'Approved, then taken back.', consent: true });
    const auditor = callerAs(seeded.services, 'auditor');
    await auditor.night.moderate({ id: told.id, kind: 'testimony', decision: 'approved' });
    expect((await callerAs(seeded.services, 'public').night.state({ auditId })).testimonies.map((t) => t.id)).toContain(told.id);
    await auditor.audits.moderateTestimony({ testimonyId: told.id, decision: 'approved', visibility: 'members' });
    expect((await callerAs(seeded.services, 'public').night.state({ auditId })).testimonies.map((t) => t.id)).not.toContain(told.id);
  });

  it('shows a phone public challenges, public groups and nothing of other phones', async () => {
    const view = await (await phoneAs(seeded.services, auditId)).night.phone();
    const text = JSON.stringify(view);
    expect(text).not.toContain('Members-only challenge');
    expect(text).not.toContain('Quiet Tenants');
    expect(text).not.toContain('Members Fridge');
    expect(view.submissions).toEqual([]);
    expect(view.groups.map((g) => g.name)).toContain('Mission Commons');
  });

  it('turns an accepted proposal into a members-tier site at block precision', async () => {
    const phone = await phoneAs(seeded.services, auditId);
    const proposed = await phone.night.proposeSite({ key: key(), name: 'Little free pantry', functionType: 'food_pantry', lon: -122.405, lat: 37.765 });
    const console = await callerAs(seeded.services, 'auditor').night.console({ auditId });
    expect(console.proposals.find((p) => p.id === proposed.id)).toMatchObject({ name: 'Little free pantry', status: 'pending' });
    await callerAs(seeded.services, 'auditor').night.moderate({ id: proposed.id, kind: 'proposal', decision: 'approved' });
    const site = (await callerAs(seeded.services, 'steward').sites.list({})).find((s) => s.name === 'Little free pantry');
    expect(site).toMatchObject({ visibility: 'members', precision: 'block' });
    expect((await callerAs(seeded.services, 'public').sites.list({})).some((s) => s.name === 'Little free pantry')).toBe(false);
  });

  it('claims a challenge for a group once a steward approves, and refuses a second claim', async () => {
    const challenge = await callerAs(seeded.services, 'steward').challenges.create({ auditId, title: 'Start a repair café', location: { kind: 'area', areaId } });
    const phone = await phoneAs(seeded.services, auditId);
    const claimed = await phone.night.claimChallenge({ key: key(), challengeId: challenge.id, groupId: seeded.commons.id });
    const again = await refusal((await phoneAs(seeded.services, auditId)).night.claimChallenge({ key: key(), challengeId: challenge.id, groupId: seeded.commons.id }));
    expect(again.message).toBe('challengeId: “Start a repair café” already has a claim waiting for review');
    await callerAs(seeded.services, 'steward').night.moderate({ id: claimed.id, kind: 'claim', decision: 'approved' });
    expect((await callerAs(seeded.services, 'steward').challenges.get({ challengeId: challenge.id })).claimedByGroupId).toBe(seeded.commons.id);
    const after = await refusal((await phoneAs(seeded.services, auditId)).night.claimChallenge({ key: key(), challengeId: challenge.id, groupId: seeded.commons.id }));
    expect(after.message).toBe('challengeId: “Start a repair café” is already claimed');
  });

  it('runs a vote: one ballot per phone, a second vote replaces the first, closed is closed', async () => {
    const steward = callerAs(seeded.services, 'steward');
    const [first, second] = challengeIds;
    const notOpen = await refusal((await phoneAs(seeded.services, auditId)).night.vote({ key: key(), challengeId: first }));
    expect(notOpen.message).toBe('the vote has not opened yet');
    const hidden = await refusal(steward.night.openVote({ auditId, challengeIds: [first, challengeIds[2]] }));
    expect(hidden.message).toBe(`challengeIds.1: ${challengeIds[2]} is not an open public challenge of this audit`);
    await steward.night.openVote({ auditId, challengeIds: [first, second] });
    const alice = await phoneAs(seeded.services, auditId);
    const bob = await phoneAs(seeded.services, auditId);
    await alice.night.vote({ key: key(), challengeId: first });
    await bob.night.vote({ key: key(), challengeId: first });
    await bob.night.vote({ key: key(), challengeId: second });
    const outsider = await refusal(alice.night.vote({ key: key(), challengeId: challengeIds[2] }));
    expect(outsider.message).toBe(`challengeId: ${challengeIds[2]} is not one of the challenges in the vote`);
    // The count is pushed a quarter second after a burst of ballots.
    let live = await callerAs(seeded.services, 'public').night.state({ auditId });
    for (let tries = 0; tries < 40 && live.vote.total < 2; tries++) {
      await new Promise((done) => setTimeout(done, 100));
      live = await callerAs(seeded.services, 'public').night.state({ auditId });
    }
    expect(live.vote.options.map((o) => o.count)).toEqual([1, 1]);
    expect(live.vote.total).toBe(2);
    const closed = await steward.night.closeVote({ auditId });
    expect(closed.status).toBe('closed');
    const late = await refusal(alice.night.vote({ key: key(), challengeId: second }));
    expect(late.message).toBe('the vote has closed: no more votes');
    expect((await callerAs(seeded.services, 'public').night.state({ auditId })).vote).toMatchObject({ status: 'closed', total: 2, result: { challengeId: first } });
  });
});

describe.each(kinds)('bad input at audit night on %s: a clear message, nothing written', (kind) => {
  const seeded = seededNetworkPerFile(kind);
  let auditId: string;
  let otherAuditId: string;
  let counter = 0;
  const key = () => `bad-${kind}-${(counter++).toString().padStart(4, '0')}`;

  async function written(): Promise<number> {
    let total = 0;
    for (const table of ['night_submissions', 'audit_testimonies', 'night_ballots'] as const) {
      total += Number((await seeded.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    }
    return total;
  }

  beforeAll(async () => {
    auditId = (await stageAudit(seeded.services)).audit.id;
    otherAuditId = (await stageAudit(seeded.services)).audit.id;
  });

  const cases: { name: string; message: RegExp; call: () => Promise<unknown> }[] = [
    { name: 'an empty testimony', message: /^text: text is required$/, call: async () => (await phoneAs(seeded.services, auditId)).night.submitTestimony({ key: key(), text: '   ', consent: true }) },
    { name: 'an oversized testimony', message: /^text: text is at most 2,000 characters$/, call: async () => (await phoneAs(seeded.services, auditId)).night.submitTestimony({ key: key(), text: 'x'.repeat(2001), consent: true }) },
    { name: 'a testimony without consent', message: /^consent: consent is required/, call: async () => (await phoneAs(seeded.services, auditId)).night.submitTestimony({ key: key(), text: 'No consent given.', consent: false as unknown as true }) },
    { name: 'a submission without an idempotency key', message: /^key: key must be 8 to 64/, call: async () => (await phoneAs(seeded.services, auditId)).night.submitTestimony({ key: 'x', text: 'No key.', consent: true }) },
    { name: 'a site outside the area', message: /^lon, lat: the place \(-100\.00000, 40\.00000\) is outside the audit's area$/, call: async () => (await phoneAs(seeded.services, auditId)).night.proposeSite({ key: key(), name: 'Far away', functionType: 'food_pantry', lon: -100, lat: 40 }) },
    { name: 'a site of an unknown type', message: /^functionType: unknown function type “spaceport”$/, call: async () => (await phoneAs(seeded.services, auditId)).night.proposeSite({ key: key(), name: 'Launch pad', functionType: 'spaceport', lon: -122.41, lat: 37.77 }) },
    { name: 'a vote before the vote opens', message: /^the vote has not opened yet$/, call: async () => (await phoneAs(seeded.services, auditId)).night.vote({ key: key(), challengeId: 'anything' }) },
    { name: 'a forged participant token', message: /^the participant token is not one this server gave out/, call: () => callerAs(seeded.services, 'public', { participantToken: 'forged-token-forged-token-forged' }).night.submitTestimony({ key: key(), text: 'Forged.', consent: true }) },
    { name: 'no participant token at all', message: /^this phone has not joined the night/, call: () => callerAs(seeded.services, 'public').night.phone() },
    { name: 'an expired participant token', message: /^the participant token has expired/, call: async () => {
      const { token } = await seeded.services.night.join({ auditId }, new Date(NOW.getTime() - 13 * 3600_000));
      return callerAs(seeded.services, 'public', { participantToken: token }).night.submitTestimony({ key: key(), text: 'Too late.', consent: true });
    } },
    { name: 'joining a draft audit', message: /^no audit night for audit .* \(it must be open or published\)$/, call: async () => callerAs(seeded.services, 'public').night.join({ auditId: (await stageAudit(seeded.services, 'draft')).audit.id }) },
    { name: 'joining with an unknown code', message: /^no audit night with the code zzzzzz$/, call: () => callerAs(seeded.services, 'public').night.join({ code: 'zzzzzz' }) },
    { name: 'a claim on an unknown challenge', message: /^challengeId: no challenge nope at this night$/, call: async () => (await phoneAs(seeded.services, auditId)).night.claimChallenge({ key: key(), challengeId: 'nope', groupId: seeded.commons.id }) },
    { name: 'a claim for a hidden group', message: /^groupId: no group /, call: async () => {
      const challenge = await callerAs(seeded.services, 'steward').challenges.create({ auditId, title: `Hidden group claim ${counter++}`, location: { kind: 'area', areaId: (await stageAudit(seeded.services)).areaId } });
      return (await phoneAs(seeded.services, auditId)).night.claimChallenge({ key: key(), challengeId: challenge.id, groupId: seeded.quiet.id });
    } },
  ];

  for (const { name, message, call } of cases) {
    it(`refuses ${name}`, async () => {
      const before = await written();
      const error = await refusal(call());
      expect(error.message).toMatch(message);
      expect(await written()).toBe(before);
    });
  }

  it('refuses a flood from one phone by naming the limit, and the night goes on for another phone', async () => {
    const services = createServices(seeded.database.db, { nightLimits: { perPhone: 3, perAddress: 100 } });
    const flooder = await phoneAs(services, auditId);
    for (let index = 0; index < 3; index++) await flooder.night.submitTestimony({ key: key(), text: `Flood ${index}`, consent: true });
    const before = await written();
    const error = await refusal(flooder.night.submitTestimony({ key: key(), text: 'One too many', consent: true }));
    expect(error.message).toBe('too many submissions from this phone: the limit is a few a minute; wait a moment');
    expect(await written()).toBe(before);
    await (await phoneAs(services, auditId, 'public', '10.0.0.2')).night.submitTestimony({ key: key(), text: 'Another phone is fine.', consent: true });
  });

  it('refuses a flood from one address', async () => {
    const services = createServices(seeded.database.db, { nightLimits: { perPhone: 100, perAddress: 2 } });
    for (let index = 0; index < 2; index++) await (await phoneAs(services, auditId, 'public', '10.9.9.9')).night.submitTestimony({ key: key(), text: `From the same address ${index}`, consent: true });
    const error = await refusal((await phoneAs(services, auditId, 'public', '10.9.9.9')).night.submitTestimony({ key: key(), text: 'Third from the address', consent: true }));
    expect(error.message).toBe('too many submissions from this network address; wait a minute');
  });

  it('a phone of one night cannot submit into another by naming it', async () => {
    const phone = await phoneAs(seeded.services, otherAuditId);
    const told = await phone.night.submitTestimony({ key: key(), text: 'Where does this land?', consent: true });
    const testimonies = await callerAs(seeded.services, 'auditor').audits.testimonies({ auditId: otherAuditId });
    expect(testimonies.map((t) => t.id)).toContain(told.id);
    expect((await callerAs(seeded.services, 'auditor').audits.testimonies({ auditId })).map((t) => t.id)).not.toContain(told.id);
  });
});
