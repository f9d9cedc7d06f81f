/**
 * A small hand-made network for the federation tests, and its published audit.
 *
 *   Coop ── Garden ──▶ Kitchen ──▶ Elders ── Clinic        Carers (no ties yet)
 *   (shared members)  (food)     (food)    \   /
 *                                          Medics
 *
 * Every tie left of the triangle is a bridge; Garden, Kitchen and Elders are cut vertices.
 * Food is governed; health and care are not. Carers run enough care places to govern care,
 * but fail the federation check, which keeps them just below the autonomy threshold.
 */
import { DEFAULT_CHECKLIST } from '../../../shared/audit/defaultChecklist';
import { publishAudit } from '../../../shared/audit/auditLifecycle';
import type { AnswerValue, AuditSnapshot, CheckAnswer, NeedEstimate } from '../../../shared/audit/types';
import type { PlanGroup, PlanLink } from '../../../shared/federation/recommendLinks';
import { DOMAIN_IDS } from '../../../shared/taxonomy/domains';
import { AUDIT_ID, OPEN_AUDIT, contents, headlineChallenge, site } from '../audit/fixtures';

const at = (lon: number, lat: number): [number, number] => [lon, lat];

export const GROUPS: PlanGroup[] = [
  { id: 'garden', name: 'Garden Collective', domains: ['food'], produces: ['food'], imports: [], positions: [at(-35.0, 42.0)] },
  { id: 'kitchen', name: 'Community Kitchen', domains: ['food'], produces: ['food'], imports: [], positions: [at(-35.004, 42.0)] },
  { id: 'coop', name: 'Food Co-op', domains: ['food'], produces: [], imports: [{ flow: 'food', from: 'shops' }], positions: [at(-35.006, 42.002)] },
  { id: 'elders', name: 'Elder Care Network', domains: ['care'], produces: [], imports: [{ flow: 'money', from: 'grants' }], positions: [at(-35.02, 42.01)] },
  { id: 'clinic', name: 'Free Clinic', domains: ['health'], produces: [], imports: [], positions: [at(-35.022, 42.012)] },
  { id: 'medics', name: 'First Aid Collective', domains: ['health'], produces: ['skills'], imports: [], positions: [at(-35.024, 42.011)] },
  { id: 'carers', name: 'Carers Co-op', domains: ['care'], produces: [], imports: [], positions: [at(-35.03, 42.03)] },
];

export const LINKS: PlanLink[] = [
  { fromGroupId: 'garden', toGroupId: 'kitchen', kind: 'flow', flow: 'food', status: 'active' },
  { fromGroupId: 'garden', toGroupId: 'coop', kind: 'shared_members', flow: null, status: 'active' },
  { fromGroupId: 'kitchen', toGroupId: 'elders', kind: 'flow', flow: 'food', status: 'active' },
  { fromGroupId: 'elders', toGroupId: 'clinic', kind: 'mutual_support_pact', flow: null, status: 'active' },
  { fromGroupId: 'clinic', toGroupId: 'medics', kind: 'mutual_support_pact', flow: null, status: 'active' },
  { fromGroupId: 'medics', toGroupId: 'elders', kind: 'shared_members', flow: null, status: 'active' },
];

function answers(groupId: string, values: Partial<Record<string, AnswerValue>>, otherwise: AnswerValue): CheckAnswer[] {
  return DEFAULT_CHECKLIST.map((check) => ({
    auditId: AUDIT_ID, groupId, checkKey: check.key, checkVersion: 1,
    value: check.key === 'assets_in_common' ? 'not_applicable' : values[check.key] ?? otherwise,
    evidence: '', evidenceUrl: null, answeredBy: 'auditor', answeredAt: '2025-03-20T19:00:00Z', version: 1,
  }));
}

/** Carers: 6 of 11 (55 %), under the 60 % threshold; passing federation makes 7 of 11 (64 %). */
const CARERS = answers('carers', { constitution: 'pass', rotation: 'pass', recall: 'pass', open_books: 'pass', skill_circulation: 'pass', assemblies: 'pass' }, 'fail');

const NEEDS: NeedEstimate[] = DOMAIN_IDS.map((domain) => ({
  domain,
  need: domain === 'food' ? 100 : domain === 'health' ? 50 : domain === 'care' ? 100 : 0,
  note: 'hand-made',
}));

export const AUDIT: AuditSnapshot = publishAudit(OPEN_AUDIT, contents({
  groups: GROUPS.map((group) => ({ id: group.id, name: group.name })),
  sites: [
    site({ id: 's-garden', functionType: 'community_garden', groupId: 'garden', capacity: 40, capacityUnit: 'households_per_week' }),
    site({ id: 's-kitchen', functionType: 'community_kitchen', groupId: 'kitchen', capacity: 40, capacityUnit: 'households_per_week' }),
    site({ id: 's-coop', functionType: 'food_coop', groupId: 'coop', capacity: 20, capacityUnit: 'households_per_week' }),
    site({ id: 's-elders', functionType: 'elder_care_network', domain: 'care', groupId: 'elders', capacity: 10, capacityUnit: 'people' }),
    site({ id: 's-clinic', functionType: 'free_clinic', domain: 'health', groupId: 'clinic', capacity: 10, capacityUnit: 'people_per_week' }),
    site({ id: 's-carers', functionType: 'childcare_coop', domain: 'care', groupId: 'carers', capacity: 60, capacityUnit: 'people' }),
  ],
  answers: [
    ...['garden', 'kitchen', 'coop', 'clinic', 'medics'].flatMap((id) => answers(id, {}, 'pass')),
    ...answers('elders', {}, 'fail'),
    ...CARERS,
  ],
  needEstimates: NEEDS,
  challenges: [headlineChallenge()],
}), { acknowledgeUnknown: true, at: '2025-03-20T21:00:00Z' }).snapshot;
