import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';
import { PrivacyGenerationRepository, privacyColumnsIn } from './privacyGeneration.repository';
import { mapSiteOf, siteColumns, siteOf, sitePrivacyOf, siteRow, siteWithGroupOf, type MapSiteRow, type SiteRowWithGroup } from './siteRecords';
import type { SiteFilter } from '../../shared/schemas/site';
import type { Precision } from '../../shared/privacy/roles';
import type { MapSiteRecord, SiteChange, SitePrivacy, SiteWithGroup, StoredSite } from '../domain/site';
import type { Audience } from '../privacy/policy';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The conditions of a filter. The bounding box is searched on the coordinates the audience
 * will see (a site's degraded point for anyone below steward), so a narrow box cannot be
 * used to probe a real location.
 */
function matching(filter: SiteFilter, audience: Audience) {
  return (eb: ExpressionBuilder<Database, 'sites'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.bbox) {
      const [west, south, east, north] = filter.bbox;
      const lon = audience.exactLocations ? 'sites.lon' : 'sites.shown_lon';
      const lat = audience.exactLocations ? 'sites.lat' : 'sites.shown_lat';
      conditions.push(eb(lon, '>=', west), eb(lon, '<=', east), eb(lat, '>=', south), eb(lat, '<=', north));
    }
    if (filter.domains?.length) conditions.push(eb('sites.domain', 'in', filter.domains));
    if (filter.functionTypes?.length) conditions.push(eb('sites.function_type', 'in', filter.functionTypes));
    if (filter.groupIds?.length) conditions.push(eb('sites.group_id', 'in', filter.groupIds));
    if (filter.asOf) {
      conditions.push(eb.or([eb('sites.opened_on', 'is', null), eb('sites.opened_on', '<=', filter.asOf)]));
      conditions.push(eb.or([eb('sites.closed_on', 'is', null), eb('sites.closed_on', '>', filter.asOf)]));
    } else if (filter.status !== 'all') {
      conditions.push(eb('sites.status', '=', filter.status));
    }
    if (filter.text?.trim()) {
      const pattern = `%${escapeLike(filter.text.trim().toLowerCase())}%`;
      conditions.push(sql<SqlBool>`lower(sites.name) like ${pattern} escape '\\'`);
    }
    return eb.and(conditions);
  };
}

/**
 * Writes to sites made by this process, counted, with the ids each wrote: with the time of
 * the last write (which other processes' writes move) and the privacy generation, they tell
 * a kept map drawing that it is stale, even when two writes share a millisecond, and which
 * sites to read again, even one stamped before the last write. Counted before a transaction
 * commits, so a rolled-back write only costs a reading.
 */
let siteWrites = 0;
/** The ids of the latest writes, by write number; null for a write of too many to list. */
const writtenIds = new Map<number, readonly string[] | null>();
const WRITES_KEPT = 1_000;
const IDS_PER_WRITE = 500;

function noteWrite(ids: readonly string[]): void {
  siteWrites += 1;
  writtenIds.set(siteWrites, ids.length > IDS_PER_WRITE ? null : ids);
  if (writtenIds.size > WRITES_KEPT) writtenIds.delete(writtenIds.keys().next().value!);
}

export function siteWritesInThisProcess(): number {
  return siteWrites;
}

/** The ids of the sites this process wrote after its write number `after`, or null when they are not all known. */
export function sitesWrittenAfter(after: number): string[] | null {
  if (after < siteWrites - writtenIds.size) return null;
  const ids = new Set<string>();
  for (let write = after + 1; write <= siteWrites; write++) {
    const wrote = writtenIds.get(write);
    if (!wrote) return null;
    for (const id of wrote) ids.add(id);
  }
  return [...ids];
}

/** Sites written since a drawing was read: stamped at or after `since`, or among `ids` (this process's writes). */
export interface WrittenSites {
  since: string;
  ids: readonly string[];
}

export class SiteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base(audience: Audience) {
    return this.db
      .selectFrom('sites')
      .leftJoin('groups', 'groups.id', 'sites.group_id')
      .selectAll('sites')
      .select(['groups.name as group_name', 'groups.visibility as group_visibility'])
      .where('sites.visibility', 'in', audience.tiers);
  }

  /** Sites matching a filter, as the audience may receive them. */
  async list(filter: SiteFilter, audience: Audience): Promise<SiteWithGroup[]> {
    const rows = (await this.base(audience).where(matching(filter, audience)).orderBy('sites.id').limit(filter.limit).execute()) as SiteRowWithGroup[];
    return rows.map(siteWithGroupOf);
  }

  /**
   * The same sites as `list`, with only the columns the map needs: the real point and outline
   * for an audience that sees exact locations, the `shown_*` ones for everyone else. A point's
   * JSON is left in the database (its point is in the lon/lat columns); only outlines travel.
   */
  async mapList(filter: SiteFilter, audience: Audience, written?: WrittenSites): Promise<MapSiteRecord[]> {
    const geometry = audience.exactLocations ? sql.ref('sites.geometry') : sql.ref('sites.shown_geometry');
    const query = this.db
      .selectFrom('sites')
      .leftJoin('groups', 'groups.id', 'sites.group_id')
      .select([
        'sites.id', 'sites.name', 'sites.function_type', 'sites.domain', 'sites.group_id', 'sites.status', 'sites.visibility', 'sites.precision',
        'groups.visibility as group_visibility',
        audience.exactLocations ? 'sites.lon as lon' : 'sites.shown_lon as lon',
        audience.exactLocations ? 'sites.lat as lat' : 'sites.shown_lat as lat',
        // Stored as JSON.stringify of a parsed geometry, so a point starts with its type.
        sql<string | null>`case when substr(${geometry}, 1, 15) = '{"type":"Point"' then null else ${geometry} end`.as('polygon'),
      ])
      .where('sites.visibility', 'in', audience.tiers)
      .where(matching(filter, audience))
      .$if(written !== undefined, (q) => q.where((eb) => eb.or([
        eb('sites.updated_at', '>=', written!.since),
        ...(written!.ids.length ? [eb('sites.id', 'in', written!.ids)] : []),
      ])));
    return ((await query.orderBy('sites.id').limit(filter.limit).execute()) as MapSiteRow[]).map(mapSiteOf);
  }

  /** The ids of the sites stamped as written at or after `since`. */
  async idsWrittenSince(since: string): Promise<string[]> {
    return (await this.db.selectFrom('sites').select('id').where('updated_at', '>=', since).execute()).map((row) => row.id);
  }

  async get(id: string, audience: Audience): Promise<SiteWithGroup | undefined> {
    const row = (await this.base(audience).where('sites.id', '=', id).executeTakeFirst()) as SiteRowWithGroup | undefined;
    return row && siteWithGroupOf(row);
  }

  /** Who may see each site now and its degraded place, for what refers to sites by id. */
  async privacyOf(ids: readonly string[]): Promise<SitePrivacy[]> {
    const found: SitePrivacy[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom('sites').select(['id', 'visibility', 'precision', 'shown_geometry']).where('id', 'in', ids.slice(i, i + 500)).execute();
      found.push(...rows.map(sitePrivacyOf));
    }
    return found;
  }

  /** The stored site, whoever asks: for services deciding what a write may do. */
  async getRaw(id: string): Promise<StoredSite | undefined> {
    const row = await this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return row && siteOf(row);
  }

  async insert(site: StoredSite): Promise<void> {
    noteWrite([site.id]);
    await this.db.insertInto('sites').values(siteRow(site)).execute();
  }

  async insertMany(sites: readonly StoredSite[]): Promise<void> {
    // Stay well under SQLite's bound-parameter limit (32,766) per statement.
    noteWrite(sites.map((site) => site.id));
    const columns = 36;
    const chunk = Math.max(1, Math.floor(30_000 / columns));
    for (let i = 0; i < sites.length; i += chunk) {
      await this.db.insertInto('sites').values(sites.slice(i, i + chunk).map(siteRow)).execute();
    }
  }

  /** Update only if the site is still at `expectedVersion`; returns false when someone else saved first. */
  async update(id: string, expectedVersion: number, change: SiteChange): Promise<boolean> {
    noteWrite([id]);
    const changes = siteColumns(change);
    // An edit raises the privacy generation only when it changes a privacy column's value:
    // saving a site's capacity leaves every presented copy where it was.
    const privacy = privacyColumnsIn(changes);
    const before = privacy.length ? await this.db.selectFrom('sites').select(privacy).where('id', '=', id).executeTakeFirst() : undefined;
    const movesPrivacy = privacy.some((column) => before?.[column] !== changes[column]);
    const result = await this.db
      .updateTable('sites')
      .set({ ...changes, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    if (updated && movesPrivacy) await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }

  async delete(id: string): Promise<void> {
    noteWrite([id]);
    await this.db.deleteFrom('sites').where('id', '=', id).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }

  /**
   * The latest time any site was written (added, edited, closed): with the privacy generation
   * (raised by deletions and every change of who sees what), it says when a map drawn from
   * the sites may have changed. Read from an index, so it costs the same at any size.
   */
  async lastWrite(): Promise<string | null> {
    const row = await this.db.selectFrom('sites').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst();
    return row?.at ?? null;
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('sites').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Sites whose precision depends on the areas around them. */
  async listByPrecision(precision: Precision): Promise<StoredSite[]> {
    return (await this.db.selectFrom('sites').selectAll().where('precision', '=', precision).execute()).map(siteOf);
  }

  /** Every stored site whose real point lies in the box, whoever asks (callers test the polygon itself): what an audit looks at. */
  async inBox([west, south, east, north]: readonly [number, number, number, number]): Promise<StoredSite[]> {
    const rows = await this.db.selectFrom('sites').selectAll()
      .where('lon', '>=', west).where('lon', '<=', east).where('lat', '>=', south).where('lat', '<=', north)
      .orderBy('id').execute();
    return rows.map(siteOf);
  }

  /** Every site's name and real point, for spotting likely duplicates on import. */
  async namesNear(bbox: [number, number, number, number]): Promise<{ id: string; name: string; lon: number; lat: number }[]> {
    const [west, south, east, north] = bbox;
    return this.db.selectFrom('sites').select(['id', 'name', 'lon', 'lat'])
      .where('lon', '>=', west).where('lon', '<=', east).where('lat', '>=', south).where('lat', '<=', north)
      .execute();
  }
}

