/**
 * The audit night's story, built from the audit's own data: nothing to author. The input is
 * the audit as the public sees it (already presented by server/privacy), the previous
 * published audit presented the same way, and the steward's plan for the night; the output
 * is the list of steps the projector walks through, each with its figures and sentences.
 *
 *   1. constellation — every public site a star, links between groups as faint lines;
 *   2. domains       — one step per domain: its sites lit, governed or not and why, its tallies;
 *   3. testimonies   — one approved, consented testimony per step (live ones join the end);
 *   4. changes       — what changed since the last audit;
 *   5. challenge     — the headline challenge, in red, with the vote's result when one ran.
 *
 * Pure: no clock, no randomness, no I/O.
 */
import { diffAudits } from '../audit/diffAudits';
import { checkName } from '../audit/scoreAudit';
import type { AuditSnapshot } from '../audit/types';
import { listWords, plural } from '../audit/words';
import type { DomainId } from '../taxonomy/domains';

export const STORY_SECTIONS = ['constellation', 'domains', 'testimonies', 'changes', 'challenge'] as const;
export type StorySection = (typeof STORY_SECTIONS)[number];

/** The steward's choice for the night: the sections in the order shown, and which are skipped. */
export interface NightPlan {
  sections: { section: StorySection; shown: boolean }[];
}

export const DEFAULT_NIGHT_PLAN: NightPlan = { sections: STORY_SECTIONS.map((section) => ({ section, shown: true })) };

/** A site as a star: where the public is shown it (a point), its domain, and whether it is new or gone. */
export interface StoryStar {
  id: string;
  name: string;
  domain: DomainId;
  point: [number, number];
  groupId: string | null;
}

export interface StoryGroup {
  id: string;
  name: string;
  /** The mean of where the group's sites are shown; null when none is shown anywhere. */
  position: [number, number] | null;
}

export interface StoryLink {
  id: string;
  fromGroupId: string;
  toGroupId: string;
  kind: string;
  flow: string | null;
}

/** A number to read out like a chant: "73" and "families housed without landlords". */
export interface StoryFigure {
  count: number;
  words: string;
}

/** What the map shows during a step. */
export interface StoryMap {
  /** Stars drawn bright; every other star stays faint. Empty with `all` means all are lit. */
  lit: string[];
  all: boolean;
  /** Sites opened since the last audit, lit in their own colour. */
  opened: string[];
  /** Sites closed since the last audit (drawn where they were). */
  closed: string[];
  /** Draw the links between groups. */
  links: boolean;
}

export interface StoryList {
  heading: string;
  items: string[];
}

export interface StoryStep {
  /** Stable across reloads and across testimonies joining: used in the address. */
  key: string;
  section: StorySection;
  /** A small line above the title ("Food", "Testimony 2 of 5"). */
  kicker: string;
  title: string;
  /** The one-line reason or explanation, or null. */
  sentence: string | null;
  figures: StoryFigure[];
  lists: StoryList[];
  tone: 'plain' | 'governed' | 'ungoverned' | 'challenge';
  map: StoryMap;
  testimony: { id: string; text: string; teller: string } | null;
  challenge: { id: string; title: string; description: string; dueOn: string | null } | null;
}

export interface Story {
  auditId: string;
  areaName: string;
  periodLabel: string;
  title: string;
  stars: StoryStar[];
  /** Sites closed since the last audit, where the previous audit showed them. */
  closedStars: StoryStar[];
  groups: StoryGroup[];
  links: StoryLink[];
  steps: StoryStep[];
}

export interface StoryInput {
  /** The audit as the public sees it (open: a preview from the live map; published: frozen). */
  current: AuditSnapshot;
  /** The previous published audit of the same area, presented the same way; null for the first. */
  previous: AuditSnapshot | null;
  plan?: NightPlan;
}

/** A testimony approved during the night, as the live feed hands it to the projector. */
export interface JoiningTestimony {
  id: string;
  text: string;
  pseudonym: string | null;
}

/** A representative point of a site's shown geometry: the point, or the mean of a polygon's outer ring. */
export function representativePoint(geometry: AuditSnapshot['sites'][number]['geometry']): [number, number] | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  if (!ring || ring.length === 0) return null;
  const points = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
  const sum = points.reduce((total, point) => [total[0] + point[0], total[1] + point[1]], [0, 0]);
  return [sum[0] / points.length, sum[1] / points.length];
}

function starsOf(sites: AuditSnapshot['sites']): StoryStar[] {
  const stars: StoryStar[] = [];
  for (const site of sites) {
    const point = representativePoint(site.geometry);
    if (point) stars.push({ id: site.id, name: site.name, domain: site.domain, point, groupId: site.groupId });
  }
  return stars;
}

/** "156 places our neighbourhood runs itself". */
export function constellationTitle(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'place' : 'places'} our neighbourhood runs itself`;
}

function tallyWords(tally: { name: string; unit: string }): string {
  const name = tally.name.trim().replace(/\s+/g, ' ');
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * A domain's reason in one line for the wall: without the domain's name in front and only
 * its first clause ("coverage 101 % of need (threshold 50 %) from 23 autonomous sites").
 */
export function oneLine(reason: string | null, label: string): string | null {
  if (!reason) return null;
  const unprefixed = reason.startsWith(`${label}: `) ? reason.slice(label.length + 2) : reason;
  const first = unprefixed.split('; ')[0].trim();
  return first.charAt(0).toUpperCase() + first.slice(1);
}

function noMap(): StoryMap {
  return { lit: [], all: false, opened: [], closed: [], links: false };
}

/** The whole story, every section, in the plan's order with skipped sections left out. */
export function buildStory(input: StoryInput): Story {
  const { current, previous } = input;
  const plan = input.plan ?? DEFAULT_NIGHT_PLAN;
  const active = current.sites.filter((site) => site.status === 'active');
  const stars = starsOf(active);
  const groups = groupPositions(current, stars);
  const title = constellationTitle(active.length);
  const diff = previous ? diffAudits(previous, current) : null;
  const closedStars = diff ? starsOf(diff.sitesClosed.map((site) => previous!.sites.find((before) => before.id === site.id) ?? site)) : [];

  const sections: Record<StorySection, () => StoryStep[]> = {
    constellation: () => [{
      key: 'constellation',
      section: 'constellation',
      kicker: `${current.area.name} · audit ${current.period.label}`,
      title,
      sentence: current.scores.headline,
      figures: [],
      lists: [],
      tone: 'plain',
      map: { lit: [], all: true, opened: [], closed: [], links: true },
      testimony: null,
      challenge: null,
    }],
    domains: () => domainSteps(current, active),
    testimonies: () => testimonySteps(current.testimonies.map((testimony) => ({ id: testimony.id, text: testimony.text, pseudonym: testimony.pseudonym }))),
    changes: () => [changesStep(previous, diff)],
    challenge: () => [challengeStep(current)],
  };
  const steps = plan.sections.filter((entry) => entry.shown).flatMap((entry) => sections[entry.section]());
  return {
    auditId: current.auditId,
    areaName: current.area.name,
    periodLabel: current.period.label,
    title,
    stars,
    closedStars,
    groups,
    links: current.links.map((link) => ({ id: link.id, fromGroupId: link.fromGroupId, toGroupId: link.toGroupId, kind: link.kind, flow: link.flow })),
    steps,
  };
}

function groupPositions(current: AuditSnapshot, stars: readonly StoryStar[]): StoryGroup[] {
  return current.groups.map((group) => {
    const own = stars.filter((star) => star.groupId === group.id);
    const position: [number, number] | null = own.length === 0 ? null : [
      own.reduce((sum, star) => sum + star.point[0], 0) / own.length,
      own.reduce((sum, star) => sum + star.point[1], 0) / own.length,
    ];
    return { id: group.id, name: group.name, position };
  });
}

function domainSteps(current: AuditSnapshot, active: AuditSnapshot['sites']): StoryStep[] {
  const steps: StoryStep[] = [];
  for (const domain of current.scores.domains) {
    const sites = active.filter((site) => site.domain === domain.domain);
    const tallies = current.tallies.filter((tally) => tally.domain === domain.domain);
    if (sites.length === 0 && tallies.length === 0 && !domain.assessed) continue;
    const status = !domain.assessed ? 'Not assessed' : domain.governed ? 'Governed' : 'Not yet governed';
    steps.push({
      key: `domain-${domain.domain}`,
      section: 'domains',
      kicker: `${plural(sites.length, 'place')} · ${status}`,
      title: domain.label,
      sentence: oneLine(domain.reasons[0] ?? null, domain.label),
      figures: tallies.map((tally) => ({ count: tally.count, words: tallyWords(tally) })),
      lists: [],
      tone: domain.governed ? 'governed' : 'ungoverned',
      map: { lit: sites.map((site) => site.id), all: false, opened: [], closed: [], links: false },
      testimony: null,
      challenge: null,
    });
  }
  const together = current.tallies.filter((tally) => tally.domain === null);
  if (together.length > 0) {
    steps.push({
      key: 'domain-all',
      section: 'domains',
      kicker: 'Across every domain',
      title: 'Together',
      sentence: null,
      figures: together.map((tally) => ({ count: tally.count, words: tallyWords(tally) })),
      lists: [],
      tone: 'plain',
      map: { lit: [], all: true, opened: [], closed: [], links: false },
      testimony: null,
      challenge: null,
    });
  }
  return steps;
}

/** One step per testimony; with none yet, one step inviting the room to tell theirs. */
export function testimonySteps(testimonies: readonly JoiningTestimony[]): StoryStep[] {
  if (testimonies.length === 0) {
    return [{
      key: 'testimonies', section: 'testimonies', kicker: 'Testimonies', title: 'Tell us yours',
      sentence: 'No testimony has been approved yet: send one from your phone.', figures: [], lists: [], tone: 'plain',
      map: noMap(), testimony: null, challenge: null,
    }];
  }
  return testimonies.map((testimony, index) => ({
    key: `testimony-${testimony.id}`,
    section: 'testimonies' as const,
    kicker: `Testimony ${index + 1} of ${testimonies.length}`,
    title: testimony.text,
    sentence: `— ${testimony.pseudonym ?? 'a neighbour'}`,
    figures: [],
    lists: [],
    tone: 'plain' as const,
    map: noMap(),
    testimony: { id: testimony.id, text: testimony.text, teller: testimony.pseudonym ?? 'a neighbour' },
    challenge: null,
  }));
}

/**
 * The story with the testimonies approved during the night: those not already told join
 * after the audit's own, each a step of its own; the others keep their places and keys.
 */
export function withJoiningTestimonies(story: Story, joining: readonly JoiningTestimony[]): Story {
  const told = story.steps.filter((step) => step.testimony).map((step) => ({ id: step.testimony!.id, text: step.testimony!.text, pseudonym: step.testimony!.teller === 'a neighbour' ? null : step.testimony!.teller }));
  const known = new Set(told.map((testimony) => testimony.id));
  const added = joining.filter((testimony) => !known.has(testimony.id));
  if (added.length === 0) return story;
  const first = story.steps.findIndex((step) => step.section === 'testimonies');
  if (first < 0) return story;
  const count = story.steps.filter((step) => step.section === 'testimonies').length;
  const steps = [...story.steps];
  steps.splice(first, count, ...testimonySteps([...told, ...added]));
  return { ...story, steps };
}

function changesStep(previous: AuditSnapshot | null, diff: ReturnType<typeof diffAudits> | null): StoryStep {
  if (!previous || !diff) {
    return {
      key: 'changes', section: 'changes', kicker: 'Since the last audit', title: 'Our first audit',
      sentence: 'There is no earlier audit of this area to compare with: tonight is where the story starts.',
      figures: [], lists: [], tone: 'plain', map: { lit: [], all: true, opened: [], closed: [], links: false }, testimony: null, challenge: null,
    };
  }
  const lists: StoryList[] = [];
  const named = (items: readonly string[], limit = 6) => items.length <= limit ? [...items] : [...items.slice(0, limit), `and ${items.length - limit} more`];
  if (diff.sitesOpened.length) lists.push({ heading: `Opened (${diff.sitesOpened.length})`, items: named(diff.sitesOpened.map((site) => site.name)) });
  if (diff.sitesClosed.length) lists.push({ heading: `Closed (${diff.sitesClosed.length})`, items: named(diff.sitesClosed.map((site) => site.name)) });
  if (diff.domainsStronger.length) lists.push({ heading: 'Stronger', items: diff.domainsStronger.map((domain) => domain.label) });
  if (diff.domainsWeaker.length) lists.push({ heading: 'Weaker', items: diff.domainsWeaker.map((domain) => domain.label) });
  // Checks gained and lost are counted in the figures; on the wall, the checks most often gained and lost by name.
  const commonest = (changes: typeof diff.checksGained) => {
    const counts = new Map<string, number>();
    for (const change of changes) counts.set(change.checkKey, (counts.get(change.checkKey) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 4).map(([key, count]) => `${checkName({ key })} (${count})`);
  };
  if (diff.checksGained.length) lists.push({ heading: 'Checks gained', items: commonest(diff.checksGained) });
  if (diff.checksLost.length) lists.push({ heading: 'Checks lost', items: commonest(diff.checksLost) });
  const governed = diff.governedNow - diff.governedBefore;
  const sentence = governed === 0
    ? `We govern ${plural(diff.governedNow, 'domain')}, as before.`
    : `We govern ${plural(diff.governedNow, 'domain')}, ${governed > 0 ? 'up' : 'down'} from ${diff.governedBefore}.`;
  return {
    key: 'changes',
    section: 'changes',
    kicker: `Since ${previous.period.label}`,
    title: lists.length === 0 ? 'Holding steady' : 'What changed',
    sentence,
    figures: [
      { count: diff.sitesOpened.length, words: diff.sitesOpened.length === 1 ? 'place opened' : 'places opened' },
      { count: diff.sitesClosed.length, words: diff.sitesClosed.length === 1 ? 'place closed' : 'places closed' },
      { count: diff.checksGained.length, words: diff.checksGained.length === 1 ? 'check gained' : 'checks gained' },
      { count: diff.checksLost.length, words: diff.checksLost.length === 1 ? 'check lost' : 'checks lost' },
    ],
    lists,
    tone: 'plain',
    map: { lit: [], all: false, opened: diff.sitesOpened.map((site) => site.id), closed: diff.sitesClosed.map((site) => site.id), links: false },
    testimony: null,
    challenge: null,
  };
}

function challengeStep(current: AuditSnapshot): StoryStep {
  const challenge = current.challenges.find((entry) => entry.id === current.headlineChallengeId)
    ?? current.challenges.find((entry) => entry.headline) ?? null;
  if (!challenge) {
    const open = current.challenges.filter((entry) => entry.status === 'open' || entry.status === 'claimed');
    return {
      key: 'challenge', section: 'challenge', kicker: 'Before the next audit', title: 'Tonight we choose our challenge',
      sentence: open.length ? `${plural(open.length, 'open challenge')}: ${listWords(open.slice(0, 3).map((entry) => entry.title))}${open.length > 3 ? '…' : ''}` : null,
      figures: [], lists: [], tone: 'challenge', map: noMap(), testimony: null, challenge: null,
    };
  }
  const site = challenge.location.kind === 'site' ? challenge.location.siteId : null;
  return {
    key: 'challenge',
    section: 'challenge',
    kicker: challenge.dueOn ? `Our challenge, to meet by ${challenge.dueOn}` : 'Our challenge',
    title: challenge.title,
    sentence: challenge.description.trim() || null,
    figures: [],
    lists: [],
    tone: 'challenge',
    map: { lit: site ? [site] : [], all: false, opened: [], closed: [], links: false },
    testimony: null,
    challenge: { id: challenge.id, title: challenge.title, description: challenge.description, dueOn: challenge.dueOn },
  };
}

/** The plan with every section exactly once: sections the plan leaves out are added, shown, at the end. */
export function completePlan(plan: NightPlan | null | undefined): NightPlan {
  const sections = (plan?.sections ?? []).filter((entry, index, all) => STORY_SECTIONS.includes(entry.section) && all.findIndex((other) => other.section === entry.section) === index);
  for (const section of STORY_SECTIONS) if (!sections.some((entry) => entry.section === section)) sections.push({ section, shown: true });
  return { sections };
}
