/**
 * What a zine says, already public: the server fills it from the presented audit report and
 * the presented map, so nothing here can be more than the public may see.
 */
import type { DomainId } from '../taxonomy/domains';
import type { LonLat } from './pageModel';

export interface ZineStreet {
  parts: LonLat[][];
  major: boolean;
  name: string | null;
}

export interface ZineSite {
  name: string;
  domain: DomainId;
  position: LonLat;
  /** Shown at a coarser place than the real one. */
  approximate: boolean;
}

export interface ZineParcel {
  domain: DomainId;
  /** Polygons, each as rings (outer first). */
  polygons: LonLat[][][];
}

export interface ZineMap {
  extent: [number, number, number, number];
  streets: ZineStreet[];
  /** Polygons, each as rings (outer first). */
  water: LonLat[][][];
  /** The audit area's outline, as polygons of rings. */
  outline: LonLat[][][];
  sites: ZineSite[];
  parcels: ZineParcel[];
  /** "© OpenStreetMap contributors" when the streets or water come from OpenStreetMap. */
  attribution: string | null;
}

export interface ZineContent {
  areaName: string;
  periodLabel: string;
  /** Day of publication (YYYY-MM-DD), null for a draft. */
  publishedOn: string | null;
  /** Not yet published: every page carries a DRAFT watermark. */
  draft: boolean;
  governed: number;
  total: number;
  headline: string;
  tallies: { count: number; name: string; unit: string }[];
  domains: { id: DomainId; label: string; assessed: boolean; governed: boolean; reason: string | null }[];
  testimonies: { text: string; teller: string }[];
  changes: { since: string; lines: string[] } | null;
  challenge: { title: string; description: string; dueOn: string | null } | null;
  liveMapUrl: string;
  map: ZineMap;
}
