import { allAs, firstAs } from './rows';
import type { Kysely } from 'kysely';
import type { ChallengeTable, Database } from '../db/schema';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';
import type { Challenge, ChallengeEvent, ChallengeLocation, ChallengeSource, ChallengeStatus, StoredChallenge } from '../../shared/audit/types';
import type { SiteGeometry } from '../../shared/schemas/geometry';
import type { DomainId } from '../../shared/taxonomy/domains';
import type { Tier } from '../../shared/privacy/roles';

/**
 * A challenge with the current place and tier of the site it stands at (all null for a
 * challenge at an area, or when the site is gone): a challenge never keeps a copy of them.
 */
type ChallengeRow = ChallengeTable & {
  site_visibility: string | null; site_precision: string | null;
  site_geometry: string | null; site_lon: number | null; site_lat: number | null;
  site_shown_geometry: string | null; site_shown_lon: number | null; site_shown_lat: number | null;
};

export class ChallengeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db.selectFrom('challenges')
      .leftJoin('sites', 'sites.id', 'challenges.location_site_id')
      .selectAll('challenges')
      .select([
        'sites.visibility as site_visibility', 'sites.precision as site_precision',
        'sites.geometry as site_geometry', 'sites.lon as site_lon', 'sites.lat as site_lat',
        'sites.shown_geometry as site_shown_geometry', 'sites.shown_lon as site_shown_lon', 'sites.shown_lat as site_shown_lat',
      ]);
  }

  async get(id: string): Promise<StoredChallenge | undefined> {
    return firstAs(this.base().where('challenges.id', '=', id), storedChallengeOf);
  }

  async byIds(ids: readonly string[]): Promise<StoredChallenge[]> {
    const rows: ChallengeRow[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...await this.base().where('challenges.id', 'in', ids.slice(i, i + 500)).execute());
    return rows.map(storedChallengeOf);
  }

  /** Challenges raised at an audit, or carried over to it. */
  async forAudit(auditId: string): Promise<StoredChallenge[]> {
    const pattern = `%${JSON.stringify(auditId)}%`;
    const rows = await this.base()
      .where((eb) => eb.or([eb('challenges.audit_id', '=', auditId), eb('challenges.carried_over_to', 'like', pattern)]))
      .orderBy('challenges.created_at').orderBy('challenges.id').execute();
    // The pattern finds candidates; the parsed list decides.
    return rows.map(storedChallengeOf).filter(({ challenge }) => challenge.auditId === auditId || challenge.carriedOverTo.includes(auditId));
  }

  /** Challenges whose own tier is among `tiers` (the site's current tier may narrow them further). */
  async list(filter: { areaId?: string; tiers: string[] }): Promise<StoredChallenge[]> {
    let query = this.base().where('challenges.visibility', 'in', filter.tiers);
    if (filter.areaId) query = query.where('challenges.area_id', '=', filter.areaId);
    return allAs(query.orderBy('challenges.created_at').orderBy('challenges.id'), storedChallengeOf);
  }

  /**
   * Every write to a challenge raises the privacy generation: challenge lists are kept per
   * audience and generation, and a new challenge, a claim or a solution changes them.
   */
  async insert(stored: Omit<StoredChallenge, 'site'>): Promise<void> {
    await this.db.insertInto('challenges').values(challengeRow(stored)).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }

  /**
   * Keep what the challenge's lifecycle changed (location and tier are set once), only if it
   * is still at `expectedVersion`; false when someone saved since.
   */
  async update(challenge: Challenge, expectedVersion: number): Promise<boolean> {
    const id = challenge.id;
    const result = await this.db.updateTable('challenges').set(lifecycleColumns(challenge))
      .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    if (updated) await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }
}

// ─── rows and the challenge's plain data ────────────────────────────────────────────────

function pair(lon: number | null, lat: number | null): [number, number] | null {
  return lon !== null && lat !== null ? [lon, lat] : null;
}

function geometryOf(text: string | null): SiteGeometry | null {
  return text ? (JSON.parse(text) as SiteGeometry) : null;
}

function storedChallengeOf(row: ChallengeRow): StoredChallenge {
  const site = row.location_kind === 'site' && row.site_visibility !== null && row.site_lon !== null && row.site_lat !== null
    ? { visibility: row.site_visibility as Tier, point: [row.site_lon, row.site_lat] as [number, number], shownGeometry: geometryOf(row.site_shown_geometry), shownPoint: pair(row.site_shown_lon, row.site_shown_lat) }
    : null;
  // A challenge at a site is where the site is now (no location once the site is gone).
  const location: ChallengeLocation = row.location_kind === 'site'
    ? { kind: 'site', siteId: row.location_site_id as string, geometry: geometryOf(row.site_geometry) }
    : { kind: 'area', areaId: row.area_id };
  const challenge: Challenge = {
    id: row.id,
    auditId: row.audit_id,
    title: row.title,
    description: row.description,
    domain: row.domain as DomainId | null,
    source: JSON.parse(row.source) as ChallengeSource,
    location,
    status: row.status as ChallengeStatus,
    claimedByGroupId: row.claimed_by_group_id,
    solvedEvidence: row.solved_evidence,
    solvedEvidenceUrl: row.solved_evidence_url,
    dueOn: row.due_on,
    carriedOverTo: JSON.parse(row.carried_over_to) as string[],
    sequelOf: row.sequel_of,
    headline: row.is_headline === 1,
    createdAt: row.created_at,
    history: JSON.parse(row.history) as ChallengeEvent[],
    version: row.version,
  };
  return {
    challenge,
    place: {
      areaId: row.area_id, visibility: row.visibility as Tier,
      geometry: geometryOf(row.geometry), point: pair(row.lon, row.lat),
      shownGeometry: geometryOf(row.shown_geometry), shownPoint: pair(row.shown_lon, row.shown_lat),
    },
    proposalKey: row.proposal_key,
    site,
  };
}

/** The columns a challenge's lifecycle changes. */
function lifecycleColumns(challenge: Challenge) {
  return {
    status: challenge.status,
    claimed_by_group_id: challenge.claimedByGroupId,
    solved_evidence: challenge.solvedEvidence,
    solved_evidence_url: challenge.solvedEvidenceUrl,
    due_on: challenge.dueOn,
    carried_over_to: JSON.stringify(challenge.carriedOverTo),
    is_headline: challenge.headline ? 1 : 0,
    history: JSON.stringify(challenge.history),
    version: challenge.version,
  } satisfies Partial<ChallengeTable>;
}

/** A challenge at a site stores no place: it is read from the site. */
function challengeRow({ challenge, place, proposalKey }: Omit<StoredChallenge, 'site'>): ChallengeTable {
  const atSite = challenge.location.kind === 'site';
  const json = (geometry: SiteGeometry | null) => (atSite || geometry === null ? null : JSON.stringify(geometry));
  return {
    id: challenge.id,
    audit_id: challenge.auditId,
    area_id: place.areaId,
    title: challenge.title,
    description: challenge.description,
    domain: challenge.domain,
    source_kind: challenge.source.kind,
    source: JSON.stringify(challenge.source),
    proposal_key: proposalKey,
    location_kind: challenge.location.kind,
    location_site_id: challenge.location.kind === 'site' ? challenge.location.siteId : null,
    geometry: json(place.geometry), lon: atSite ? null : place.point?.[0] ?? null, lat: atSite ? null : place.point?.[1] ?? null,
    shown_geometry: json(place.shownGeometry), shown_lon: atSite ? null : place.shownPoint?.[0] ?? null, shown_lat: atSite ? null : place.shownPoint?.[1] ?? null,
    visibility: place.visibility,
    created_at: challenge.createdAt,
    sequel_of: challenge.sequelOf,
    ...lifecycleColumns(challenge),
  };
}
