import { describe, expect, it } from 'vitest';
import { buildStory, completePlan, constellationTitle, oneLine, representativePoint, withJoiningTestimonies, type NightPlan } from '../../../shared/night/story';
import { CURRENT, PREVIOUS } from '../audit/snapshots';

const sectionsOf = (steps: { section: string }[]) => [...new Set(steps.map((step) => step.section))];

describe('the audit night story', () => {
  it('opens with the constellation: every active public site a star and a one-line title counting them', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const first = story.steps[0];
    expect(first.key).toBe('constellation');
    expect(first.title).toBe('3 places our neighbourhood runs itself');
    expect(first.map.all).toBe(true);
    expect(first.map.links).toBe(true);
    expect(story.stars.map((star) => star.id).sort()).toEqual(['s-fridge', 's-garden', 's-pantry']);
  });

  it('gives a domain’s reason in one line: without the domain’s name in front, only its first clause', () => {
    expect(oneLine('Housing & land: coverage 101 % of need (threshold 50 %) from 23 autonomous sites; 1 group failing care', 'Housing & land'))
      .toBe('Coverage 101 % of need (threshold 50 %) from 23 autonomous sites');
    expect(oneLine(null, 'Food')).toBeNull();
  });

  it('says one place in the singular', () => {
    expect(constellationTitle(1)).toBe('1 place our neighbourhood runs itself');
    expect(constellationTitle(1560)).toBe('1,560 places our neighbourhood runs itself');
  });

  it('tells the sections in the default order: constellation, domains, testimonies, changes, challenge', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    expect(sectionsOf(story.steps)).toEqual(['constellation', 'domains', 'testimonies', 'changes', 'challenge']);
  });

  it('gives each domain with sites or tallies a step that lights its sites, says whether it is governed and why, and chants its tallies', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const food = story.steps.find((step) => step.key === 'domain-food')!;
    const scored = CURRENT.scores.domains.find((domain) => domain.domain === 'food')!;
    expect(food.title).toBe(scored.label);
    expect(food.kicker).toContain(scored.governed ? 'Governed' : 'Not yet governed');
    expect(food.sentence).toBe(oneLine(scored.reasons[0], scored.label));
    expect(food.sentence).not.toContain(';');
    expect(food.map.lit.sort()).toEqual(CURRENT.sites.filter((site) => site.domain === 'food' && site.status === 'active').map((site) => site.id).sort());
    expect(food.map.lit).not.toContain('s-kitchen');
    expect(food.figures).toEqual([{ count: 340, words: 'meals shared' }]);
    const housing = story.steps.find((step) => step.key === 'domain-housing')!;
    expect(housing.figures).toEqual([{ count: 73, words: 'families housed without landlords' }]);
  });

  it('tells only the testimonies the presented audit holds, one per step (approved and consented ones)', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const told = story.steps.filter((step) => step.section === 'testimonies');
    expect(told.map((step) => step.testimony?.text)).toEqual(['The fridge fed us through the strike.']);
    expect(told[0].sentence).toBe('— a neighbour');
    expect(told[0].kicker).toBe('Testimony 1 of 1');
  });

  it('lets testimonies approved during the night join after the others, keeping the keys already shown', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const joined = withJoiningTestimonies(story, [
      { id: 'w1', text: 'The fridge fed us through the strike.', pseudonym: null },
      { id: 'live-1', text: 'The repair café fixed my wheelchair.', pseudonym: 'Ana' },
    ]);
    const told = joined.steps.filter((step) => step.section === 'testimonies');
    expect(told.map((step) => step.key)).toEqual(['testimony-w1', 'testimony-live-1']);
    expect(told[1]).toMatchObject({ kicker: 'Testimony 2 of 2', sentence: '— Ana' });
    expect(joined.steps.at(-1)!.section).toBe('challenge');
  });

  it('invites the room to tell theirs when no testimony is approved yet', () => {
    const story = buildStory({ current: { ...CURRENT, testimonies: [] }, previous: PREVIOUS });
    const told = story.steps.filter((step) => step.section === 'testimonies');
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe('Tell us yours');
    const joined = withJoiningTestimonies(story, [{ id: 'live-1', text: 'We fixed forty bikes.', pseudonym: null }]);
    expect(joined.steps.filter((step) => step.section === 'testimonies').map((step) => step.key)).toEqual(['testimony-live-1']);
  });

  it('shows what changed since the last audit: the closed kitchen lit where it was, checks gained and lost counted', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const changes = story.steps.find((step) => step.section === 'changes')!;
    expect(changes.kicker).toBe('Since Winter 2024');
    expect(changes.map.closed).toEqual(['s-kitchen']);
    expect(story.closedStars.map((star) => star.point)).toEqual([[-122.44, 37.773]]);
    expect(changes.lists.find((list) => list.heading.startsWith('Closed'))?.items).toEqual(['Soup Kitchen']);
    expect(changes.figures.find((figure) => figure.words.startsWith('place') && figure.words.endsWith('closed'))?.count).toBe(1);
    expect(changes.lists.some((list) => list.heading.startsWith('Checks gained'))).toBe(true);
    expect(changes.lists.some((list) => list.heading.startsWith('Checks lost'))).toBe(true);
  });

  it('says it is the first audit when there is none before', () => {
    const changes = buildStory({ current: CURRENT, previous: null }).steps.find((step) => step.section === 'changes')!;
    expect(changes.title).toBe('Our first audit');
    expect(changes.figures).toEqual([]);
  });

  it('ends with the headline challenge in the challenge tone', () => {
    const last = buildStory({ current: CURRENT, previous: PREVIOUS }).steps.at(-1)!;
    expect(last).toMatchObject({ key: 'challenge', tone: 'challenge', title: 'Open a second pantry', sentence: 'North of the river has none.' });
    expect(last.kicker).toBe('Our challenge, to meet by 2025-06-20');
  });

  it('follows the steward’s plan: sections reordered and skipped', () => {
    const plan: NightPlan = { sections: [
      { section: 'challenge', shown: true }, { section: 'constellation', shown: true }, { section: 'domains', shown: false },
      { section: 'testimonies', shown: true }, { section: 'changes', shown: false },
    ] };
    expect(sectionsOf(buildStory({ current: CURRENT, previous: PREVIOUS, plan }).steps)).toEqual(['challenge', 'constellation', 'testimonies']);
  });

  it('completes a stored plan that misses a section (added shown, at the end) and drops repeats', () => {
    const plan = completePlan({ sections: [{ section: 'changes', shown: false }, { section: 'changes', shown: true }] });
    expect(plan.sections.map((entry) => entry.section)).toEqual(['changes', 'constellation', 'domains', 'testimonies', 'challenge']);
    expect(plan.sections[0].shown).toBe(false);
  });

  it('draws each group’s links from where its sites are shown', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const pantry = story.groups.find((group) => group.id === 'g-pantry')!;
    expect(pantry.position![0]).toBeCloseTo((-122.41 + -122.42) / 2);
    expect(pantry.position![1]).toBeCloseTo((37.77 + 37.771) / 2);
  });

  it('places a parcel’s star at the mean of its outline, and a site shown nowhere not at all', () => {
    expect(representativePoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual([1, 1]);
    expect(representativePoint(null)).toBeNull();
    const hidden = buildStory({ current: { ...CURRENT, sites: CURRENT.sites.map((site) => site.id === 's-garden' ? { ...site, geometry: null } : site) }, previous: null });
    expect(hidden.stars.map((star) => star.id)).not.toContain('s-garden');
    expect(hidden.title).toBe('3 places our neighbourhood runs itself');
  });
});
