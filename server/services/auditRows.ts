/** The audit's stored records to what the services hand on. No rules here: just shapes. */
import type { ChallengeRecord } from '../privacy/auditPresenter';
import { challengeTier } from '../privacy/policy';
import type { Audit, AuditHeader, ChallengePlace, StoredChallenge } from '../../shared/audit/types';
import type { Tier } from '../../shared/privacy/roles';

/** The audit itself, without what it keeps (checks, thresholds, a published audit's snapshot and figures). */
export function auditOf(stored: AuditHeader): Audit {
  return {
    id: stored.id,
    areaId: stored.areaId,
    period: stored.period,
    nextAuditOn: stored.nextAuditOn,
    status: stored.status,
    openedAt: stored.openedAt,
    publishedAt: stored.publishedAt,
    version: stored.version,
  };
}

/** A challenge with where it is and who may see it now, for the presenters. */
export function challengeRecordOf(stored: StoredChallenge): ChallengeRecord {
  const { challenge, place, site } = stored;
  const atSite = challenge.location.kind === 'site';
  return {
    challenge,
    areaId: place.areaId,
    visibility: challengeTier(place.visibility, atSite ? site?.visibility ?? null : null),
    exactPoint: atSite ? site?.point ?? null : place.point,
    shownPoint: atSite ? site?.shownPoint ?? null : place.shownPoint,
    shownGeometry: atSite ? site?.shownGeometry ?? null : place.shownGeometry,
  };
}

/** A challenge's own place at a point (an area's centre, a point the analysis chose), seen there by everyone it is shown to. */
export function placeAtPoint(areaId: string, visibility: Tier, point: [number, number] | null): ChallengePlace {
  const geometry = point ? { type: 'Point' as const, coordinates: point } : null;
  return { areaId, visibility, geometry, point, shownGeometry: geometry, shownPoint: point };
}
