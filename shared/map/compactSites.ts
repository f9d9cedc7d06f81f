/**
 * The map's lean list of sites: what markers, clusters, parcels, search and the count need,
 * and nothing else (no descriptions, addresses, hours). The server packs already-presented
 * `Site`s into columns (`compactSites`); the web unpacks them (`expandCompactSites`). Privacy
 * is decided before this point, by the presenter: this only drops and reshapes fields.
 */
import type { Site, SiteMap } from '../schemas/site';
import { representativePoint } from '../privacy/degradeLocation';

/** A site's outline when it is drawn as a polygon (a parcel, a garden). */
export type ParcelGeometry = SiteMap['parcels'][number]['geometry'];

/** One site as the map holds it. */
export interface MapSite {
  id: string;
  name: string;
  functionType: string;
  domain: string;
  groupId: string | null;
  status: Site['status'];
  /** True when the location shown is degraded from the real one. */
  degraded: boolean;
  /** Where the marker goes (a parcel's representative point); null when the location is not shown. */
  position: [number, number] | null;
  /** The outline of a site drawn as a polygon. */
  parcel: ParcelGeometry | null;
}

/** Six decimals of a degree is about 10 cm: finer than any marker, coarser than float noise. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The map's view of one full site (also how an edited site updates the map's list). */
export function mapSiteOf(site: Site): MapSite {
  const geometry = site.geometry;
  let position: [number, number] | null = null;
  if (geometry) {
    const [lon, lat] = representativePoint(geometry);
    position = [roundCoordinate(lon), roundCoordinate(lat)];
  }
  return {
    id: site.id,
    name: site.name,
    functionType: site.functionType,
    domain: site.domain,
    groupId: site.groupId,
    status: site.status,
    degraded: site.locationDegraded,
    position,
    parcel: geometry && geometry.type !== 'Point' ? geometry : null,
  };
}

/** Pack sites, as the actor received them, into the map's columns. */
export function compactSites(sites: readonly Site[]): SiteMap {
  return compactMapSites(sites.map(mapSiteOf));
}

/** Pack the map's view of sites into columns. */
export function compactMapSites(mapSites: readonly MapSite[]): SiteMap {
  const compact: SiteMap = {
    ids: [], names: [], functionTypes: [], functionTypeIndexes: [], groupIds: [], groupIndexes: [],
    closed: [], degraded: [], lon: [], lat: [], parcels: [],
  };
  const functionTypeIndex = new Map<string, number>();
  const groupIndex = new Map<string, number>();
  mapSites.forEach((mapSite, index) => {
    // A function type belongs to one domain, but the key keeps both in case a row disagrees.
    const typeKey = `${mapSite.functionType}\u0000${mapSite.domain}`;
    let typeIndex = functionTypeIndex.get(typeKey);
    if (typeIndex === undefined) {
      typeIndex = compact.functionTypes.push({ id: mapSite.functionType, domain: mapSite.domain }) - 1;
      functionTypeIndex.set(typeKey, typeIndex);
    }
    let group = -1;
    if (mapSite.groupId !== null) {
      const known = groupIndex.get(mapSite.groupId);
      group = known ?? compact.groupIds.push(mapSite.groupId) - 1;
      if (known === undefined) groupIndex.set(mapSite.groupId, group);
    }
    compact.ids.push(mapSite.id);
    compact.names.push(mapSite.name);
    compact.functionTypeIndexes.push(typeIndex);
    compact.groupIndexes.push(group);
    compact.closed.push(mapSite.status === 'closed' ? 1 : 0);
    compact.degraded.push(mapSite.degraded ? 1 : 0);
    compact.lon.push(mapSite.position ? mapSite.position[0] : null);
    compact.lat.push(mapSite.position ? mapSite.position[1] : null);
    if (mapSite.parcel) compact.parcels.push({ index, geometry: mapSite.parcel });
  });
  return compact;
}

/** Unpack the map's columns into one object per site, in the order they were packed. */
export function expandCompactSites(compact: SiteMap): MapSite[] {
  const parcels = new Map(compact.parcels.map((parcel) => [parcel.index, parcel.geometry]));
  return compact.ids.map((id, index): MapSite => {
    const type = compact.functionTypes[compact.functionTypeIndexes[index]];
    const group = compact.groupIndexes[index];
    const lon = compact.lon[index];
    const lat = compact.lat[index];
    return {
      id,
      name: compact.names[index],
      functionType: type.id,
      domain: type.domain,
      groupId: group >= 0 ? compact.groupIds[group] : null,
      status: compact.closed[index] === 1 ? 'closed' : 'active',
      degraded: compact.degraded[index] === 1,
      position: lon !== null && lat !== null ? [lon, lat] : null,
      parcel: parcels.get(index) ?? null,
    };
  });
}
