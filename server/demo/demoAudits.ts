/**
 * The demo's audits of Kudzu Flats: 2026 Q2 and 2026 Q3 published (so the diff and the
 * trend show, with sites opened and closed between them by their own dates) and 2026 Q4
 * as a draft. Written through the services, as auditors would on audit night, so the demo
 * obeys every rule the real thing does; only the ~1,000 check answers are written in one
 * batch per audit (with the same rule, answerCheck) so the first start stays quick.
 * Answers are fictional but deterministic.
 */
import { inTransaction, type Connection } from '../repositories';
import type { AuditService, AuditWorkspace } from '../services/audit.service';
import type { ChallengeService } from '../services/challenge.service';
import type { NightService } from '../services/night.service';
import type { AreaService } from '../services/area.service';
import { auditOf } from '../services/auditRows';
import type { Actor } from '../services/context';
import { answerCheck } from '../../shared/audit/answerCheck';
import { assertAuditEditable } from '../../shared/audit/auditLifecycle';
import type { AnswerValue, CheckAnswer } from '../../shared/audit/types';
import type { DomainId } from '../../shared/taxonomy/domains';
import { polygonCentroid } from '../../shared/geo/measure';

export const DEMO_AUDIT_AREA_ID = 'demo-area-kudzu-flats';

interface DemoQuarter {
  label: string;
  start: string;
  end: string;
  nextAuditOn: string;
  /** When audit night was, and when it was published. */
  openedAt: string;
  publishedAt: string;
  /** How far groups have come: a higher share passes. */
  maturity: number;
  /** What the assembly counted, in the order of TALLIES. */
  counts: number[];
  testimonies: { text: string; pseudonym: string | null; visibility: 'public' | 'members'; domain: DomainId | null; approve: boolean }[];
}

/** What the assembly counts every quarter. */
const TALLIES: readonly { name: string; unit: string; domain: DomainId | null }[] = [
  { name: 'families housed without landlords', unit: 'families', domain: 'housing' },
  { name: 'conflicts mediated by peers', unit: 'conflicts', domain: 'safety' },
  { name: 'evictions permitted', unit: 'evictions', domain: 'housing' },
  { name: 'meals shared', unit: 'meals', domain: 'food' },
  { name: 'hours exchanged in the time bank', unit: 'hours', domain: 'work' },
];

const QUARTERS: DemoQuarter[] = [
  {
    label: '2026 Q2', start: '2026-04-01', end: '2026-06-30', nextAuditOn: '2026-09-30',
    openedAt: '2026-07-02T18:30:00Z', publishedAt: '2026-07-05T10:00:00Z', maturity: 0,
    counts: [61, 9, 0, 4100, 860],
    testimonies: [
      { text: 'When the landlord tried to double the rent, forty neighbours came to the door. We are still here.', pseudonym: 'Marisol', visibility: 'public', domain: 'housing', approve: true },
      { text: 'The fridge on the corner means my kids eat on the last week of the month.', pseudonym: null, visibility: 'public', domain: 'food', approve: true },
      { text: 'The mediation circle settled the noise fight on our stairs without anyone calling the police.', pseudonym: 'J.', visibility: 'members', domain: 'safety', approve: true },
    ],
  },
  {
    label: '2026 Q3', start: '2026-07-01', end: '2026-09-30', nextAuditOn: '2026-12-31',
    openedAt: '2026-10-01T18:30:00Z', publishedAt: '2026-10-04T10:00:00Z', maturity: 1,
    counts: [73, 12, 0, 5250, 1130],
    testimonies: [
      { text: 'I learned to fix bikes at the repair café and now I teach it on Saturdays.', pseudonym: 'Dee', visibility: 'public', domain: 'education', approve: true },
      { text: 'Since the pantry on the Railyards side closed, we walk forty minutes for groceries.', pseudonym: null, visibility: 'public', domain: 'food', approve: true },
      { text: 'The childcare co-op let me take the night shift without paying half of it to a stranger.', pseudonym: 'Ana P.', visibility: 'public', domain: 'care', approve: true },
      { text: 'Buy my mixtape!', pseudonym: 'spam', visibility: 'public', domain: null, approve: false },
    ],
  },
];

const DRAFT = { label: '2026 Q4', start: '2026-10-01', end: '2026-12-31', nextAuditOn: '2027-03-31' };

/** A small stable hash (FNV-1a) so the fictional answers are the same on every load. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** A fictional answer: most groups pass most checks, and get better by the second quarter. */
function demoAnswer(groupId: string, checkKey: string, maturity: number): AnswerValue | null {
  const roll = hash(`${groupId}:${checkKey}`) % 100;
  const shift = maturity * 12;
  if (roll < 52 + shift) return 'pass';
  if (roll < 72 + shift) return 'partial';
  if (roll < 94) return 'fail';
  return maturity === 0 && roll >= 97 ? null : 'unknown';
}

/**
 * The bike workers' co-op is in no pact, and its answers leave it one check short of
 * autonomy (6 of 11; assets are not applicable): a pact would make it pass federation and count its workshop towards
 * work & production, so the federation planner has a pact that changes the headline.
 */
const NEAR_MISS_GROUP_ID = 'demo-group-35';
const NEAR_MISS_ANSWERS: Readonly<Record<string, AnswerValue>> = {
  constitution: 'pass', rotation: 'pass', recall: 'pass', open_books: 'pass', assemblies: 'pass', funding_independence: 'pass',
  scale: 'fail', skill_circulation: 'fail', federation: 'fail', beneficiaries_decide: 'fail', assets_in_common: 'fail', care: 'fail',
};

const stewardAt = (at: string): Actor => ({ viewer: { userId: 'demo-user-steward', displayName: 'Demo steward', role: 'steward' }, now: new Date(at) });
const auditorAt = (at: string): Actor => ({ viewer: { userId: 'demo-user-auditor', displayName: 'Demo auditor', role: 'auditor' }, now: new Date(at) });

export interface DemoAuditCounts { audits: number; answers: number; challenges: number }

/** The services the demo's audits are written through, as auditors and phones would on audit night. */
export interface DemoAuditServices { audits: AuditService; challenges: ChallengeService; night: NightService; areas: AreaService }

/** Add the demo audits to a database that holds the demo neighbourhood (after loadDemo). */
export async function loadDemoAudits(db: Connection, now: Date, services: DemoAuditServices): Promise<DemoAuditCounts> {
  let answers = 0;
  let challenges = 0;
  const published: { auditId: string; headlineId: string; otherIds: string[] }[] = [];

  for (const quarter of QUARTERS) {
    const auditor = auditorAt(quarter.openedAt);
    const steward = stewardAt(quarter.openedAt);
    let audit = await services.audits.create(steward, { areaId: DEMO_AUDIT_AREA_ID, period: { label: quarter.label, start: quarter.start, end: quarter.end }, nextAuditOn: quarter.nextAuditOn });
    audit = await services.audits.open(steward, audit.id, audit.version);

    const workspace = await services.audits.workspace(steward, audit.id);
    answers += await answerAll(db, auditor, audit.id, workspace, quarter.maturity);
    await services.audits.setNeed(auditor, { auditId: audit.id, domain: 'safety', need: 30, note: 'the assembly counted about 30 conflicts a week that peers could take on' });
    for (const [index, tally] of TALLIES.entries()) await services.audits.addTally(auditor, { auditId: audit.id, name: tally.name, count: quarter.counts[index], unit: tally.unit, domain: tally.domain });
    for (const testimony of quarter.testimonies) {
      const told = await services.audits.submitTestimony(stewardAt(quarter.openedAt), { auditId: audit.id, text: testimony.text, pseudonym: testimony.pseudonym, consent: true, visibility: testimony.visibility, domain: testimony.domain });
      await services.audits.moderateTestimony(auditor, { testimonyId: told.id, decision: testimony.approve ? 'approved' : 'rejected' });
    }

    // The previous quarter's challenges: the headline is claimed (and solved if the gap
    // closed), the others carried over to this audit.
    const before = published.at(-1);
    if (before) {
      const closures = (await services.challenges.proposals(auditor, audit.id)).closures;
      const headline = await services.challenges.get(steward, before.headlineId);
      const claimed = await services.challenges.claim(stewardAt(quarter.start + 'T12:00:00Z'), headline.id, headline.version, firstGroupOf(workspace.groups));
      const closure = closures.find((entry) => entry.challengeId === claimed.id);
      if (closure) await services.challenges.solve(steward, { challengeId: claimed.id, version: claimed.version, evidence: closure.reason, evidenceUrl: null, sequel: null });
      else await services.challenges.carryOver(auditor, claimed.id, claimed.version, audit.id);
      for (const id of before.otherIds) {
        const other = await services.challenges.get(steward, id);
        if (other.status !== 'solved') await services.challenges.carryOver(auditor, id, other.version, audit.id);
      }
    }

    const { proposals } = await services.challenges.proposals(auditor, audit.id);
    const coverage = proposals.filter((proposal) => proposal.source.kind === 'coverage');
    const closedSites = proposals.filter((proposal) => proposal.source.kind === 'site_closed');
    const checks = proposals.filter((proposal) => proposal.source.kind === 'check');
    // Q2's headline is the first unmet domain; Q3's the food gap where a pantry closed.
    const headlineProposal = quarter.maturity === 0 ? coverage[0] : (coverage.find((proposal) => proposal.domain === 'food') ?? coverage[0]);
    const picks = [headlineProposal, ...coverage.filter((proposal) => proposal !== headlineProposal).slice(0, 2), ...closedSites.slice(0, 2), ...checks.slice(0, 2)].filter((proposal) => proposal !== undefined);
    const raised: string[] = [];
    for (const proposal of picks) {
      raised.push((await services.challenges.fromProposal(auditor, audit.id, proposal.key)).id);
      challenges += 1;
    }
    const manual = await services.challenges.create(auditor, {
      auditId: audit.id, title: quarter.maturity === 0 ? 'Write down who holds the keys to every shared space' : 'Train a second facilitator for every assembly',
      description: 'Raised by hand at audit night.', domain: 'governance', location: { kind: 'area', areaId: DEMO_AUDIT_AREA_ID }, dueOn: null,
    });
    challenges += 1;
    await services.challenges.chooseHeadline(auditor, audit.id, raised[0]);
    const publisher = auditorAt(quarter.publishedAt);
    await services.audits.publish(publisher, { auditId: audit.id, version: (await services.audits.get(publisher, audit.id)).audit.version, acknowledgeUnknown: true });
    published.push({ auditId: audit.id, headlineId: raised[0], otherIds: [...raised.slice(1), manual.id] });
  }

  // The next quarter, still a draft: last quarter's headline carried over and claimed.
  const steward = stewardAt(now.toISOString());
  const draft = await services.audits.create(steward, { areaId: DEMO_AUDIT_AREA_ID, period: { label: DRAFT.label, start: DRAFT.start, end: DRAFT.end }, nextAuditOn: DRAFT.nextAuditOn });
  const last = published.at(-1)!;
  const headline = await services.challenges.get(steward, last.headlineId);
  const workspace = await services.audits.workspace(steward, draft.id);
  const claimed = headline.status === 'open' ? await services.challenges.claim(steward, headline.id, headline.version, firstGroupOf(workspace.groups)) : headline;
  if (claimed.status !== 'solved') await services.challenges.carryOver(steward, claimed.id, claimed.version, draft.id);
  await services.audits.addTally(steward, { auditId: draft.id, name: 'families housed without landlords', count: 78, unit: 'families', domain: 'housing' });
  challenges += await openDemoNight(services, draft.id, now);

  return { audits: QUARTERS.length + 1, answers, challenges };
}

/** What phones sent on the demo's audit night, waiting in the console (one already approved, so the projector has a testimony). */
const DEMO_NIGHT = {
  approved: { text: 'The tool library lent us a ladder and two neighbours to hold it. Nobody asked for a deposit.', pseudonym: 'Ines' },
  pending: [
    { text: 'Since the food co-op opened its second fridge, our building has not had an empty week.', pseudonym: null },
    { text: 'The tenants\u2019 assembly stopped three evictions on our street this autumn.', pseudonym: 'Marcus' },
    { text: 'I learned to fix my own bike at the workers\u2019 co-op. Now I teach Tuesday evenings.', pseudonym: 'T.' },
  ],
  proposal: { name: 'Seed swap shelf at the laundrette', functionType: 'seed_library' },
};

/**
 * The 2026 Q4 audit opened for its audit night: two more challenges raised (so a vote can
 * run), and what phones sent: a testimony already approved, three waiting, and a proposed
 * site waiting for review. Through the same services a phone and the console use.
 */
async function openDemoNight(services: DemoAuditServices, auditId: string, now: Date): Promise<number> {
  const steward = stewardAt(now.toISOString());
  const auditor = auditorAt(now.toISOString());
  const audit = (await services.audits.get(steward, auditId)).audit;
  await services.audits.open(steward, auditId, audit.version);
  const { proposals } = await services.challenges.proposals(auditor, auditId);
  const picks = proposals.filter((proposal) => proposal.source.kind === 'coverage').slice(0, 2);
  for (const proposal of picks) await services.challenges.fromProposal(auditor, auditId, proposal.key);
  const joined = await services.night.join({ auditId }, now);
  const phone = await services.night.participant(joined.token, auditId, now);
  const told = await services.night.submitTestimony(phone, { key: 'demo-night-approved', ...DEMO_NIGHT.approved, consent: true }, now);
  await services.night.moderate(auditor, { id: told.id, kind: 'testimony', decision: 'approved' });
  for (const [index, testimony] of DEMO_NIGHT.pending.entries()) {
    const another = await services.night.participant((await services.night.join({ auditId }, now)).token, auditId, now);
    await services.night.submitTestimony(another, { key: `demo-night-pending-${index}`, ...testimony, consent: true }, now);
  }
  const area = await services.areas.get(DEMO_AUDIT_AREA_ID);
  const [lon, lat] = polygonCentroid(area.geometry);
  await services.night.proposeSite(phone, { key: 'demo-night-proposal', ...DEMO_NIGHT.proposal, lon, lat }, now);
  return picks.length;
}

/**
 * Every group's checks answered at once. The same rules as answering one by one through the
 * service (answerCheck refuses a retired check or a wrong "not applicable"; the workspace
 * lists only the area's groups and the audit's checks), written in one transaction instead
 * of about five hundred.
 */
async function answerAll(db: Connection, auditor: Actor, auditId: string, workspace: AuditWorkspace, maturity: number): Promise<number> {
  const at = auditor.now.toISOString();
  return inTransaction(db, async (repos) => {
    const row = await repos.audits.get(auditId);
    if (!row) throw new Error(`the demo audit ${auditId} is missing`);
    assertAuditEditable(auditOf(row));
    const answers: CheckAnswer[] = [];
    for (const group of workspace.groups) {
      for (const check of workspace.checks) {
        let value = group.id === NEAR_MISS_GROUP_ID ? NEAR_MISS_ANSWERS[check.key] ?? demoAnswer(group.id, check.key, maturity) : demoAnswer(group.id, check.key, maturity);
        if (value === null) continue;
        if (value === 'fail' && check.mayNotApply) value = 'not_applicable';
        const answer = answerCheck(null, {
          auditId, groupId: group.id, checkKey: check.key, value, expectedVersion: 0, evidenceUrl: null,
          evidence: value === 'pass' ? 'Seen at audit night.' : value === 'unknown' ? 'Nobody from the group could say.' : '',
          answeredBy: auditor.viewer.displayName ?? auditor.viewer.userId,
        }, row.checks, { at, asOf: row.period.end });
        answers.push(answer);
      }
    }
    await repos.audits.insertAnswers(answers, auditor.viewer.userId);
    return answers.length;
  });
}

function firstGroupOf(groups: readonly { id: string; name: string }[]): string {
  const sorted = [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted[0].id;
}
