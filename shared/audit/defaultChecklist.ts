import type { Check } from './types';

/**
 * The checklist a new network starts with. It is data: a network may add, reword,
 * reweight or retire checks (editChecklist.ts) and every audit keeps the words it used.
 * Every check weighs 1 to begin with, so a group's score reads as "checks passed".
 */
export const DEFAULT_CHECKLIST: readonly Check[] = Object.freeze([
  {
    key: 'constitution',
    question: 'Is a one-page constitution posted where members can read it?',
    description: 'Pass: a short written statement of purpose, membership and how decisions are made, posted or online. Partial: it exists but is long, out of date or hard to find.',
  },
  {
    key: 'rotation',
    question: 'Does facilitation rotate, so no one facilitates two meetings in a row?',
    description: 'Pass: the minutes show a different facilitator at each meeting. Partial: facilitation rotates among a few people but sometimes repeats.',
  },
  {
    key: 'recall',
    question: 'Can any delegate be recalled by a simple majority at any time?',
    description: 'Pass: the rules say so and members know it. Partial: recall exists but needs more than a majority or waits for an election.',
  },
  {
    key: 'open_books',
    question: 'Are the books open: is the budget published to members?',
    description: 'Pass: income and spending are published at least once a year. Partial: shown on request only.',
  },
  {
    key: 'skill_circulation',
    question: 'Does every essential role have at least three trained people?',
    description: 'Pass: for each role the group cannot run without (keys, accounts, cooking, driving…) three people can do it. Partial: two.',
  },
  {
    key: 'assemblies',
    question: 'Are assemblies scheduled ahead, with public minutes?',
    description: 'Pass: dates are known in advance and minutes are posted. Partial: regular meetings but minutes are not shared.',
  },
  {
    key: 'funding_independence',
    question: 'Is the group funded independently: a mixed revenue, no grants with political strings, partnerships disclosed?',
    description: 'Pass: most money comes from members and other commons, no grant limits what the group may say or do, and every partnership is disclosed. Partial: one of these is not yet true.',
  },
  {
    key: 'scale',
    question: 'Does the group stay at about 150 active participants or fewer, or split into federated cells?',
    description: 'Pass: about 150 active people or fewer, or larger but organised as federated cells that each decide for themselves.',
  },
  {
    key: 'federation',
    question: 'Is the group in at least one pact with another group?',
    description: 'Pass: a mutual-support pact or a shared fund with another group. Partial: informal ties only (shared members, occasional flows).',
  },
  {
    key: 'beneficiaries_decide',
    question: 'Do the people the group serves take part in its decisions?',
    description: 'Pass: recipients attend and vote in assemblies. Partial: they are consulted but do not decide.',
  },
  {
    key: 'assets_in_common',
    question: 'Are the group’s assets held in common (land trust, co-op ownership)?',
    description: 'Pass: land, buildings or major equipment belong to the group or a trust, not to one person. Not applicable for groups without such assets.',
    mayNotApply: true,
  },
  {
    key: 'care',
    question: 'Does the group make time to decompress after major initiatives?',
    description: 'Pass: after a big push there is a planned rest, debrief or gathering. Partial: it happens sometimes, unplanned.',
  },
].map((check): Check => Object.freeze({
  key: check.key,
  version: 1,
  question: check.question,
  description: check.description,
  weight: 1,
  mayNotApply: check.mayNotApply ?? false,
  addedOn: null,
  retiredOn: null,
})));
