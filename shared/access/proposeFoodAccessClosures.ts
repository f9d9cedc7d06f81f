import type { Challenge, ClosureProposal } from '../audit/types';

/** What a re-analysis found, as the closure rules read it. */
export interface FoodAccessFindings {
  /** The table's areas by id: no longer low access is what closes an area's challenge. */
  readonly areas: ReadonlyMap<string, { readonly lowAccess: boolean | null; readonly beyond: number | null; readonly share: number | null }>;
  /** Metres from a place to the nearest source as the analysis measures it; null where it cannot tell. */
  distanceAt(point: readonly [number, number]): number | null;
  readonly threshold: number;
  readonly thresholdLabel: string;
  /** A plain description of the analysis ("straight-line, 0.5mi, …"), quoted in the reason. */
  readonly basis: string;
}

/**
 * Unsolved food-access challenges that a re-analysis shows are met, each with its reason, so
 * an assembly can mark them solved: a low-access area that is no longer low access, or a
 * place where a new source was wanted that now has one within the threshold. Challenges whose
 * zone the analysis does not cover (another population layer) are left alone.
 */
export function proposeFoodAccessClosures(challenges: readonly Challenge[], findings: FoodAccessFindings): ClosureProposal[] {
  const proposals: ClosureProposal[] = [];
  for (const challenge of challenges) {
    const source = challenge.source;
    if (source.kind !== 'food_access' || challenge.status === 'solved') continue;
    const place = siteZonePoint(source.zoneId);
    if (place) {
      const distance = findings.distanceAt(place);
      if (distance === null || distance > findings.threshold) continue;
      proposals.push({ challengeId: challenge.id, reason: `A food source is now ${Math.round(distance).toLocaleString('en')} m from this place, within ${findings.thresholdLabel} (${findings.basis}).` });
      continue;
    }
    const area = findings.areas.get(source.zoneId);
    if (!area || area.lowAccess !== false) continue;
    const people = Math.round(area.beyond ?? 0).toLocaleString('en');
    const share = area.share === null ? '' : ` (${Math.round(area.share * 100)} %)`;
    proposals.push({ challengeId: challenge.id, reason: `No longer low access: ${people} people${share} live beyond ${findings.thresholdLabel}, fewer than 500 and under a third (${findings.basis}).` });
  }
  return proposals;
}

/** A best-site challenge's zone is "site:<lon>,<lat>"; an area's is its id in the table. */
function siteZonePoint(zoneId: string): [number, number] | null {
  const match = /^site:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(zoneId);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
