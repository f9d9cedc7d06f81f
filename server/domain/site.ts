/**
 * A site as the server holds it, between the repositories and the presenters: camelCase,
 * geometry parsed, and its place kept twice — the real one and the one shown to anyone who
 * may not see it (degraded per `precision` when the site is written). Who receives which is
 * decided by the audience policy; the presenters turn these into the API's `Site`.
 */
import type { BBox } from '../../shared/geo/bbox';
import type { Precision, Tier } from '../../shared/privacy/roles';
import type { SiteGeometry } from '../../shared/schemas/geometry';
import type { Site } from '../../shared/schemas/site';

export interface LonLat { lon: number; lat: number }

/** A geometry and the point that stands for it (a parcel's representative point). */
export interface Place { geometry: SiteGeometry; point: LonLat }

export interface SiteLocation {
  /** The real place, with its bounding box. */
  exact: Place & { bbox: BBox };
  /** What anyone below exact precision receives; null when the place is shown to no one (precision "none"). */
  shown: Place | null;
}

export interface StoredSite {
  id: string;
  name: string;
  functionType: string;
  domain: string;
  groupId: string | null;
  location: SiteLocation;
  capacity: number | null;
  capacityUnit: Site['capacityUnit'];
  openingHours: string | null;
  openedOn: string | null;
  closedOn: string | null;
  status: Site['status'];
  description: string;
  address: string | null;
  visibility: Tier;
  precision: Precision;
  /** The file (or "demo") a site was imported from, and its id there. */
  source: string | null;
  sourceRef: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

/** A site with the name and tier of its group (null when it has none), as the presenters receive it. */
export interface SiteWithGroup extends StoredSite {
  group: { name: string; visibility: Tier } | null;
}

/** What a write may change of a site: everything but its identity and history, which the repository keeps. */
export type SiteChange = Partial<Omit<StoredSite, 'id' | 'version' | 'createdAt' | 'createdBy'>>;

/**
 * The few fields the map needs, already chosen for the audience: `point` and `outline` are the
 * real ones for an audience that sees exact locations and the shown ones for everyone else;
 * `outline` is there only when the site is drawn as a polygon.
 */
export interface MapSiteRecord {
  id: string;
  name: string;
  functionType: string;
  domain: string;
  groupId: string | null;
  groupVisibility: Tier | null;
  status: Site['status'];
  visibility: Tier;
  precision: Precision;
  point: LonLat | null;
  outline: Exclude<SiteGeometry, { type: 'Point' }> | null;
}

/** Who may see a site now and its degraded place, for what refers to sites by id. */
export interface SitePrivacy { id: string; visibility: Tier; precision: Precision; shown: SiteGeometry | null }
