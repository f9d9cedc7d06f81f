/**
 * Sites between their table rows and the domain (`server/domain/site.ts`), both ways, written
 * once: the site repository is the only user.
 */
import type { SiteTable } from '../db/schema';
import type { MapSiteRecord, SiteChange, SitePrivacy, SiteWithGroup, StoredSite } from '../domain/site';
import type { Precision, Tier } from '../../shared/privacy/roles';
import type { SiteGeometry } from '../../shared/schemas/geometry';

/** A site row with its group's name and tier, as `SiteRepository` reads it. */
export type SiteRowWithGroup = SiteTable & { group_name: string | null; group_visibility: string | null };

/** The map's columns, as `SiteRepository.mapList` reads them. */
export type MapSiteRow = Pick<SiteTable, 'id' | 'name' | 'function_type' | 'domain' | 'group_id' | 'status' | 'visibility' | 'precision'> & {
  group_visibility: string | null;
  lon: number | null;
  lat: number | null;
  polygon: string | null;
};

function parsed(text: string): SiteGeometry {
  return JSON.parse(text) as SiteGeometry;
}

/** The fields the whole site and the map's few share. */
function namedOf(row: Pick<SiteTable, 'id' | 'name' | 'function_type' | 'domain' | 'group_id' | 'status' | 'visibility' | 'precision'>) {
  return {
    id: row.id,
    name: row.name,
    functionType: row.function_type,
    domain: row.domain,
    groupId: row.group_id,
    status: row.status as StoredSite['status'],
    visibility: row.visibility as Tier,
    precision: row.precision as Precision,
  };
}

export function siteOf(row: SiteTable): StoredSite {
  const exact = parsed(row.geometry);
  return {
    ...namedOf(row),
    location: {
      exact: { geometry: exact, point: { lon: row.lon, lat: row.lat }, bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat] },
      shown: row.shown_geometry !== null && row.shown_lon !== null && row.shown_lat !== null
        // An exact site is shown where it is: its geometry is read once.
        ? { geometry: row.shown_geometry === row.geometry ? exact : parsed(row.shown_geometry), point: { lon: row.shown_lon, lat: row.shown_lat } }
        : null,
    },
    capacity: row.capacity,
    capacityUnit: row.capacity_unit as StoredSite['capacityUnit'],
    openingHours: row.opening_hours,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    description: row.description,
    address: row.address,
    source: row.source,
    sourceRef: row.source_ref,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

export function siteWithGroupOf(row: SiteRowWithGroup): SiteWithGroup {
  const { group_name: name, group_visibility: visibility, ...site } = row;
  return { ...siteOf(site), group: name !== null && visibility !== null ? { name, visibility: visibility as Tier } : null };
}

/** A site's outline when it is drawn as a polygon (the query already leaves points out). */
function outlineOf(text: string | null): MapSiteRecord['outline'] {
  if (!text) return null;
  const geometry = parsed(text);
  return geometry.type === 'Point' ? null : geometry;
}

export function mapSiteOf(row: MapSiteRow): MapSiteRecord {
  return {
    ...namedOf(row),
    groupVisibility: row.group_visibility as Tier | null,
    point: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
    outline: outlineOf(row.polygon),
  };
}

export function sitePrivacyOf(row: Pick<SiteTable, 'id' | 'visibility' | 'precision' | 'shown_geometry'>): SitePrivacy {
  return { id: row.id, visibility: row.visibility as Tier, precision: row.precision as Precision, shown: row.shown_geometry ? parsed(row.shown_geometry) : null };
}

/** The columns a change writes: only those of the fields it names (a location writes all of its columns). */
export function siteColumns(change: SiteChange & Partial<Pick<StoredSite, 'id' | 'version' | 'createdAt' | 'createdBy'>>): Partial<SiteTable> {
  const columns: Partial<SiteTable> = {};
  const { location } = change;
  if (location) {
    const { exact, shown } = location;
    Object.assign(columns, {
      geometry: JSON.stringify(exact.geometry), lon: exact.point.lon, lat: exact.point.lat,
      min_lon: exact.bbox[0], min_lat: exact.bbox[1], max_lon: exact.bbox[2], max_lat: exact.bbox[3],
      shown_geometry: shown ? JSON.stringify(shown.geometry) : null, shown_lon: shown?.point.lon ?? null, shown_lat: shown?.point.lat ?? null,
    });
  }
  const plain: [keyof typeof change, keyof SiteTable][] = [
    ['id', 'id'], ['name', 'name'], ['functionType', 'function_type'], ['domain', 'domain'], ['groupId', 'group_id'],
    ['capacity', 'capacity'], ['capacityUnit', 'capacity_unit'], ['openingHours', 'opening_hours'], ['openedOn', 'opened_on'],
    ['closedOn', 'closed_on'], ['status', 'status'], ['description', 'description'], ['address', 'address'],
    ['visibility', 'visibility'], ['precision', 'precision'], ['source', 'source'], ['sourceRef', 'source_ref'], ['version', 'version'],
    ['createdAt', 'created_at'], ['updatedAt', 'updated_at'], ['createdBy', 'created_by'], ['updatedBy', 'updated_by'],
  ];
  for (const [field, column] of plain) {
    if (change[field] !== undefined) (columns as Record<string, unknown>)[column] = change[field];
  }
  return columns;
}

/** Every column of a site, for an insert. */
export function siteRow(site: StoredSite): SiteTable {
  return siteColumns(site) as SiteTable;
}
