import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { callerAs, pantryPoint, refusal, seedNetwork, shelterPoint, type Seeded } from './fixtures';
import { stageAudit } from './auditFixtures';
import { STORY_SECTIONS } from '../../shared/night/story';

const kinds = await databaseKinds();

const plan = (sections: { section: string; shown: unknown }[]) => ({ sections }) as never;

describe.each(kinds)('the audit night story on %s', (kind) => {
  let database: TestDatabase;
  let seeded: Seeded;
  let published: Awaited<ReturnType<typeof stageAudit>>;
  let open: Awaited<ReturnType<typeof stageAudit>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    seeded = await seedNetwork(database.db);
    const steward = callerAs(seeded.services, 'steward');
    open = await stageAudit(seeded.services, 'open');
    // A members-only testimony, a pending one, and a public approved one.
    const told = async (text: string, visibility: 'public' | 'members', decision: 'approved' | 'rejected' | null) => {
      const { id } = await callerAs(seeded.services, 'public').audits.submitTestimony({ auditId: open.audit.id, text, consent: true, visibility });
      if (decision) await steward.audits.moderateTestimony({ testimonyId: id, decision });
    };
    await told('The pantry fed my street all winter.', 'public', 'approved');
    await told('Only members should read this one.', 'members', 'approved');
    await told('Still waiting for a moderator.', 'public', null);
    await told('This one was turned down.', 'public', 'rejected');
    published = await stageAudit(seeded.services, 'published');
  });
  afterAll(() => database.dispose());

  it('tells a published audit to the public, sections in the default order', async () => {
    const presentation = await callerAs(seeded.services, 'public').story.get({ auditId: published.audit.id });
    expect(presentation.status).toBe('published');
    expect(presentation.plan.sections.map((entry) => entry.section)).toEqual([...STORY_SECTIONS]);
    expect([...new Set(presentation.story.steps.map((step) => step.section))]).toEqual([...STORY_SECTIONS]);
    expect(presentation.story.steps.at(-1)).toMatchObject({ section: 'challenge', title: expect.stringContaining('Open a second pantry') });
  });

  it('tells an open audit to a signed-in member, and to the public not at all (it is not published)', async () => {
    const presentation = await callerAs(seeded.services, 'member').story.get({ auditId: open.audit.id });
    expect(presentation.status).toBe('open');
    expect((await refusal(callerAs(seeded.services, 'public').story.get({ auditId: open.audit.id }))).code).toBe('NOT_FOUND');
  });

  it('refuses a draft, saying to open it first', async () => {
    const draft = await stageAudit(seeded.services, 'draft');
    const error = await refusal(callerAs(seeded.services, 'steward').story.get({ auditId: draft.audit.id }));
    expect(error.message).toMatch(/still a draft: open it/);
  });

  it('shows a steward’s projector only what the public may see, at public precision', async () => {
    const presentation = await callerAs(seeded.services, 'steward').story.get({ auditId: open.audit.id });
    const text = JSON.stringify(presentation);
    // Members-only and stewards-only sites, the members-only group and link, the exact block point, the hidden address.
    for (const secret of ['Members Fridge', 'Safe House', 'Quiet Tenants', '12 Hidden Lane', seeded.membersFridge.id, seeded.stewardsShelter.id, seeded.quiet.id, seeded.link.id]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).not.toContain(String(shelterPoint.coordinates[0]));
    const defence = presentation.story.stars.find((star) => star.id === seeded.blockDefence.id)!;
    const publicView = await callerAs(seeded.services, 'public').sites.get({ id: seeded.blockDefence.id });
    expect(defence.point).toEqual((publicView.geometry as unknown as { coordinates: [number, number] }).coordinates);
    expect(presentation.story.stars.find((star) => star.id === seeded.publicPantry.id)?.point).toEqual(pantryPoint.coordinates);
    // Testimonies: the approved public one only.
    const told = presentation.story.steps.filter((step) => step.testimony).map((step) => step.testimony!.text);
    expect(told).toEqual(['The pantry fed my street all winter.']);
    for (const secret of ['Only members should read this one.', 'Still waiting for a moderator.', 'This one was turned down.']) expect(text).not.toContain(secret);
  });

  describe('the steward’s plan for the night', () => {
    const reordered = [
      { section: 'challenge', shown: true }, { section: 'constellation', shown: true }, { section: 'domains', shown: false },
      { section: 'testimonies', shown: true }, { section: 'changes', shown: false },
    ];

    it('is saved with the audit and reorders and skips the story for everyone', async () => {
      const saved = await callerAs(seeded.services, 'steward').story.setPlan({ auditId: published.audit.id, plan: plan(reordered) });
      expect(saved.sections).toEqual(reordered);
      const presentation = await callerAs(seeded.services, 'public').story.get({ auditId: published.audit.id });
      expect(presentation.plan.sections).toEqual(reordered);
      expect([...new Set(presentation.story.steps.map((step) => step.section))]).toEqual(['challenge', 'constellation', 'testimonies']);
    });

    it('is replaced by a later plan, not added to', async () => {
      const all = STORY_SECTIONS.map((section) => ({ section, shown: true }));
      await callerAs(seeded.services, 'steward').story.setPlan({ auditId: published.audit.id, plan: plan(reordered) });
      await callerAs(seeded.services, 'steward').story.setPlan({ auditId: published.audit.id, plan: plan(all) });
      expect((await callerAs(seeded.services, 'public').story.get({ auditId: published.audit.id })).plan.sections).toEqual(all);
    });

    it('is a steward’s to change: an auditor is refused, naming the role, and nothing is written', async () => {
      const before = (await callerAs(seeded.services, 'public').story.get({ auditId: published.audit.id })).plan;
      const error = await refusal(callerAs(seeded.services, 'auditor').story.setPlan({ auditId: published.audit.id, plan: plan(reordered) }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/story.setPlan needs the steward role/);
      expect((await callerAs(seeded.services, 'public').story.get({ auditId: published.audit.id })).plan).toEqual(before);
    });

    const bad: [string, { section: string; shown: unknown }[], RegExp][] = [
      ['a section listed twice', [...STORY_SECTIONS.map((section) => ({ section, shown: true })), { section: 'domains', shown: false }], /“domains” is listed twice/],
      ['a section missing', STORY_SECTIONS.filter((section) => section !== 'changes').map((section) => ({ section, shown: true })), /missing: changes/],
      ['an unknown section', [...STORY_SECTIONS.map((section) => ({ section, shown: true })), { section: 'fireworks', shown: true }], /section must be one of: constellation, domains/],
      ['every section skipped', STORY_SECTIONS.map((section) => ({ section, shown: false })), /show at least one section/],
      ['shown not a yes or no', STORY_SECTIONS.map((section) => ({ section, shown: 'yes' })), /shown must be true or false/],
    ];
    for (const [what, sections, message] of bad) {
      it(`refuses ${what}, naming the field, and writes nothing`, async () => {
        const before = (await callerAs(seeded.services, 'public').story.get({ auditId: published.audit.id })).plan;
        const error = await refusal(callerAs(seeded.services, 'steward').story.setPlan({ auditId: published.audit.id, plan: plan(sections) }));
        expect(error.code).toBe('BAD_REQUEST');
        expect(error.message).toMatch(message);
        expect((await callerAs(seeded.services, 'public').story.get({ auditId: published.audit.id })).plan).toEqual(before);
      });
    }

    it('refuses an unknown audit as not found', async () => {
      const error = await refusal(callerAs(seeded.services, 'steward').story.setPlan({ auditId: 'no-such-audit', plan: plan(STORY_SECTIONS.map((section) => ({ section, shown: true }))) }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/no audit with id no-such-audit/);
    });
  });
});
