/**
 * Two published audits of Riverside for the trend tests: Winter 2024, then the worked
 * example (Spring 2025) with the community kitchen closed in between.
 */
import { publishAudit } from '../../../shared/audit/auditLifecycle';
import type { Audit, AuditSite, AuditSnapshot, CheckAnswer } from '../../../shared/audit/types';
import { ANSWERS, OPEN_AUDIT, SITES, contents, deepFreeze, headlineChallenge, site } from './fixtures';

export const PREVIOUS_ID = 'audit-2024-winter';

const kitchen = site({ id: 's-kitchen', name: 'Soup Kitchen', functionType: 'community_kitchen', groupId: 'g-pantry', capacity: 10, capacityUnit: 'people_per_week', geometry: { type: 'Point', coordinates: [-122.44, 37.773] } });

const previousAudit: Audit = deepFreeze({
  ...OPEN_AUDIT,
  id: PREVIOUS_ID,
  period: { label: 'Winter 2024', start: '2024-10-01', end: '2024-12-31' },
  nextAuditOn: '2025-03-20',
});

const previousAnswers: CheckAnswer[] = ANSWERS.map((answer) => {
  const moved = { ...answer, auditId: PREVIOUS_ID };
  if (answer.groupId === 'g-pantry' && answer.checkKey === 'open_books') return { ...moved, value: 'fail' };
  if (answer.groupId === 'g-garden' && answer.checkKey === 'rotation') return { ...moved, value: 'pass' };
  return moved;
});

export const PREVIOUS: AuditSnapshot = publishAudit(previousAudit, contents({
  sites: [
    ...SITES.map((entry): AuditSite => {
      if (entry.id === 's-pantry') return { ...entry, capacity: 10 };
      if (entry.id === 's-fridge') return { ...entry, geometry: { type: 'Point', coordinates: [-122.425, 37.771] } };
      return entry;
    }),
    kitchen,
  ],
  answers: previousAnswers,
  tallies: [
    { id: 'p1', auditId: PREVIOUS_ID, name: 'meals  shared', count: 300, unit: 'Meals', domain: 'food' },
    { id: 'p2', auditId: PREVIOUS_ID, name: 'Families housed without landlords', count: 80, unit: 'families', domain: 'housing' },
  ],
  challenges: [{ ...headlineChallenge(), auditId: PREVIOUS_ID }],
}), { acknowledgeUnknown: true, at: '2024-12-15T21:00:00Z' }).snapshot;

export const CURRENT: AuditSnapshot = publishAudit(OPEN_AUDIT, contents({
  sites: [...SITES, { ...kitchen, status: 'closed', closedOn: '2025-02-10' }],
}), { acknowledgeUnknown: true, at: '2025-03-20T21:00:00Z' }).snapshot;
