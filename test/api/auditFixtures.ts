import type { Services } from '../../server/services';
import { callerAs } from './fixtures';

/** A square around the seeded network's sites (all but the outsider's), 5,000 residents. */
export const auditAreaInput = {
  name: 'Mission Flats',
  kind: 'neighbourhood' as const,
  population: 5000,
  geometry: { type: 'Polygon' as const, coordinates: [[[-122.43, 37.75], [-122.39, 37.75], [-122.39, 37.79], [-122.43, 37.79], [-122.43, 37.75]]] as [number, number][][] },
};

export const period = (label: string, start = '2026-07-01', end = '2026-09-30') => ({ label, start, end });

const areas = new WeakMap<Services, Promise<string>>();
let staged = 0;

/** The audit area over a seeded network, created once per database. */
export function auditArea(services: Services): Promise<string> {
  let area = areas.get(services);
  if (!area) {
    area = callerAs(services, 'steward').areas.create(auditAreaInput).then((created) => created.id);
    areas.set(services, area);
  }
  return area;
}

/**
 * A fresh audit of the seeded area, made by a steward: a draft, or opened, or published
 * (with one headline challenge and its unknowns acknowledged).
 */
export async function stageAudit(services: Services, state: 'draft' | 'open' | 'published' = 'open') {
  const steward = callerAs(services, 'steward');
  const areaId = await auditArea(services);
  staged += 1;
  let audit = await steward.audits.create({ areaId, period: period(`Staged ${staged}`), nextAuditOn: '2026-12-31' });
  if (state === 'draft') return { areaId, audit, challengeId: null as string | null };
  audit = await steward.audits.open({ auditId: audit.id, version: audit.version });
  const challenge = await steward.challenges.create({ auditId: audit.id, title: `Open a second pantry (${staged})`, location: { kind: 'area', areaId } });
  if (state === 'open') return { areaId, audit, challengeId: challenge.id };
  await steward.challenges.chooseHeadline({ auditId: audit.id, challengeId: challenge.id });
  audit = await steward.audits.publish({ auditId: audit.id, version: audit.version, acknowledgeUnknown: true });
  return { areaId, audit, challengeId: challenge.id };
}
