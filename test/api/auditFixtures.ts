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

/** Another area over the seeded square, named `name`: for an audit history of its own. */
export async function freshArea(services: Services, name: string): Promise<string> {
  return (await callerAs(services, 'steward').areas.create({ ...auditAreaInput, name })).id;
}

const extraAreas = new WeakMap<Services, string[]>();

/**
 * The seeded audit area if no audit is in progress there, or else another area over the same
 * square with none (an area has at most one draft or open audit at a time).
 */
async function areaWithoutAuditInProgress(services: Services): Promise<string> {
  const steward = callerAs(services, 'steward');
  const known = [await auditArea(services), ...(extraAreas.get(services) ?? [])];
  for (const areaId of known) {
    const audits = await steward.audits.list({ areaId });
    if (audits.every((audit) => audit.status === 'published')) return areaId;
  }
  const created = await steward.areas.create({ ...auditAreaInput, name: `${auditAreaInput.name} ${known.length + 1}` });
  extraAreas.set(services, [...known.slice(1), created.id]);
  return created.id;
}

/**
 * A fresh audit made by a steward: a draft, or opened, or published (with one headline
 * challenge and its unknowns acknowledged). It is of the seeded area unless an audit is in
 * progress there, and then of another area over the same square.
 */
export async function stageAudit(services: Services, state: 'draft' | 'open' | 'published' = 'open') {
  const steward = callerAs(services, 'steward');
  const areaId = await areaWithoutAuditInProgress(services);
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
