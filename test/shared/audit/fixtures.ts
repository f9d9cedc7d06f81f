/**
 * The worked example of shared/audit/METHOD.md, tiny and frozen: Riverside, 1,000
 * residents, two food groups, three food sites. Change it only together with METHOD.md.
 */
import { DEFAULT_CHECKLIST } from '../../../shared/audit/defaultChecklist';
import type { AuditContents } from '../../../shared/audit/auditLifecycle';
import type {
  AnswerValue,
  Audit,
  AuditGroup,
  AuditSite,
  Challenge,
  CheckAnswer,
  NeedEstimate,
  Tally,
  Testimony,
} from '../../../shared/audit/types';
import { createChallenge } from '../../../shared/audit/challengeLifecycle';

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const AUDIT_ID = 'audit-2025-spring';
export const AREA = deepFreeze({ id: 'riverside', name: 'Riverside', population: 1000 });

export const PANTRY_GROUP: AuditGroup = deepFreeze({ id: 'g-pantry', name: 'Riverside Pantry Collective' });
export const GARDEN_GROUP: AuditGroup = deepFreeze({ id: 'g-garden', name: 'Hillside Garden Club' });
export const GROUPS: readonly AuditGroup[] = deepFreeze([PANTRY_GROUP, GARDEN_GROUP]);

export function site(overrides: Partial<AuditSite> & Pick<AuditSite, 'id'>): AuditSite {
  return {
    name: overrides.id,
    functionType: 'food_pantry',
    domain: 'food',
    groupId: null,
    geometry: { type: 'Point', coordinates: [-122.41, 37.77] },
    capacity: null,
    capacityUnit: null,
    status: 'active',
    openedOn: '2024-01-01',
    closedOn: null,
    ...overrides,
  };
}

export const SITES: readonly AuditSite[] = deepFreeze([
  site({ id: 's-pantry', name: 'Riverside Pantry', functionType: 'food_pantry', groupId: 'g-pantry', capacity: 22, capacityUnit: 'households_per_week', geometry: { type: 'Point', coordinates: [-122.41, 37.77] } }),
  site({ id: 's-fridge', name: 'Corner Fridge', functionType: 'community_fridge', groupId: 'g-pantry', capacity: 25, capacityUnit: 'people_per_week', geometry: { type: 'Point', coordinates: [-122.42, 37.771] } }),
  site({ id: 's-garden', name: 'Hillside Garden', functionType: 'community_garden', groupId: 'g-garden', capacity: 15, capacityUnit: 'households_per_week', geometry: { type: 'Point', coordinates: [-122.43, 37.772] } }),
]);

export function answer(groupId: string, checkKey: string, value: AnswerValue, evidence = ''): CheckAnswer {
  return { auditId: AUDIT_ID, groupId, checkKey, checkVersion: 1, value, evidence, evidenceUrl: null, answeredBy: 'auditor-1', answeredAt: '2025-03-20T19:00:00Z', version: 1 };
}

/** The pantry collective: 9 passes, 1 partial, care never answered, assets not applicable. */
const PANTRY_ANSWERS: Record<string, AnswerValue> = {
  constitution: 'pass', rotation: 'pass', recall: 'pass', open_books: 'pass', skill_circulation: 'pass',
  assemblies: 'pass', funding_independence: 'pass', scale: 'pass', federation: 'pass',
  beneficiaries_decide: 'partial', assets_in_common: 'not_applicable',
};
/** The garden club: 4 passes, 2 partials, 5 fails, care answered "unknown". */
const GARDEN_ANSWERS: Record<string, AnswerValue> = {
  constitution: 'pass', assemblies: 'pass', scale: 'pass', federation: 'pass',
  rotation: 'partial', beneficiaries_decide: 'partial',
  recall: 'fail', open_books: 'fail', skill_circulation: 'fail', funding_independence: 'fail', assets_in_common: 'fail',
  care: 'unknown',
};

export const ANSWERS: readonly CheckAnswer[] = deepFreeze([
  ...Object.entries(PANTRY_ANSWERS).map(([key, value]) => answer('g-pantry', key, value)),
  ...Object.entries(GARDEN_ANSWERS).map(([key, value]) => answer('g-garden', key, value, key === 'open_books' ? 'no budget shown this year' : '')),
]);

/** The assembly chose not to audit energy and communications this time. */
export const NEED_ESTIMATES: readonly NeedEstimate[] = deepFreeze([
  { domain: 'energy', need: 0, note: 'not audited this year' },
  { domain: 'communications', need: 0, note: 'not audited this year' },
]);

export const TALLIES: readonly Tally[] = deepFreeze([
  { id: 't1', auditId: AUDIT_ID, name: 'Meals shared', count: 340, unit: 'meals', domain: 'food' },
  { id: 't2', auditId: AUDIT_ID, name: 'Families housed without landlords', count: 73, unit: 'families', domain: 'housing' },
]);

export const TESTIMONIES: readonly Testimony[] = deepFreeze([
  { id: 'w1', auditId: AUDIT_ID, text: 'The fridge fed us through the strike.', pseudonym: null, consent: true, visibility: 'public', moderation: 'approved', domain: 'food', submittedAt: '2025-03-20T19:10:00Z' },
  { id: 'w2', auditId: AUDIT_ID, text: 'Still waiting to hear back.', pseudonym: 'R', consent: true, visibility: 'public', moderation: 'pending', domain: null, submittedAt: '2025-03-20T19:12:00Z' },
]);

export function headlineChallenge(): Challenge {
  return {
    ...createChallenge({
      id: 'c1', auditId: AUDIT_ID, title: 'Open a second pantry', description: 'North of the river has none.',
      domain: 'food', source: { kind: 'manual' }, location: { kind: 'area', areaId: 'riverside' }, dueOn: '2025-06-20',
    }, { at: '2025-03-20T20:00:00Z', by: 'steward-1' }),
    headline: true,
  };
}

export const OPEN_AUDIT: Audit = deepFreeze({
  id: AUDIT_ID,
  areaId: 'riverside',
  period: { label: 'Spring 2025', start: '2025-01-01', end: '2025-03-31' },
  nextAuditOn: '2025-06-20',
  status: 'open',
  openedAt: '2025-03-20T18:30:00Z',
  publishedAt: null,
  version: 2,
});

export function contents(overrides: Partial<AuditContents> = {}): AuditContents {
  return {
    area: AREA,
    sites: SITES,
    groups: GROUPS,
    links: [],
    checks: DEFAULT_CHECKLIST,
    answers: ANSWERS,
    needEstimates: NEED_ESTIMATES,
    tallies: TALLIES,
    testimonies: TESTIMONIES,
    challenges: [headlineChallenge()],
    ...overrides,
  };
}

export const SCORE_INPUT = deepFreeze({
  asOf: '2025-03-31',
  checks: DEFAULT_CHECKLIST,
  groups: GROUPS,
  answers: ANSWERS,
  sites: SITES,
  population: 1000,
  needEstimates: NEED_ESTIMATES,
});
