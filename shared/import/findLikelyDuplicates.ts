/**
 * Likely duplicates: the same name, once normalised, within about 50 metres — of a site
 * already in the database, or of an earlier row in the same file.
 */
import type { Position } from 'geojson';
import { haversineMetres } from '../geo/measure';
import type { LikelyDuplicate } from './validationReport';

export const DUPLICATE_RADIUS_METRES = 50;

export interface CandidateSite {
  row: number;
  name: string;
  point: Position;
}

export interface ExistingSite {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

/** "The Friendly Fridge!" and "friendly  fridge" are the same name; so are "Café" and "Cafe". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^the /, '')
    .trim();
}

export function findLikelyDuplicates(candidates: readonly CandidateSite[], existing: readonly ExistingSite[], radiusMetres = DUPLICATE_RADIUS_METRES): LikelyDuplicate[] {
  const existingByName = new Map<string, ExistingSite[]>();
  for (const site of existing) {
    const key = normaliseName(site.name);
    const list = existingByName.get(key);
    if (list) list.push(site); else existingByName.set(key, [site]);
  }
  const earlierByName = new Map<string, CandidateSite[]>();
  const found: LikelyDuplicate[] = [];
  for (const candidate of [...candidates].sort((a, b) => a.row - b.row)) {
    const key = normaliseName(candidate.name);
    const nearestExisting = nearest(existingByName.get(key) ?? [], (site) => haversineMetres(candidate.point, [site.lon, site.lat]));
    const earlier = earlierByName.get(key) ?? [];
    if (nearestExisting && nearestExisting.distance <= radiusMetres) {
      found.push({ row: candidate.row, name: candidate.name, existingId: nearestExisting.item.id, existingRow: null, existingName: nearestExisting.item.name, distanceMetres: round1(nearestExisting.distance) });
    } else {
      const nearestEarlier = nearest(earlier, (other) => haversineMetres(candidate.point, other.point));
      if (nearestEarlier && nearestEarlier.distance <= radiusMetres) {
        found.push({ row: candidate.row, name: candidate.name, existingId: null, existingRow: nearestEarlier.item.row, existingName: nearestEarlier.item.name, distanceMetres: round1(nearestEarlier.distance) });
      }
    }
    earlier.push(candidate);
    earlierByName.set(key, earlier);
  }
  return found;
}

function nearest<T>(items: readonly T[], distance: (item: T) => number): { item: T; distance: number } | null {
  let best: { item: T; distance: number } | null = null;
  for (const item of items) {
    const d = distance(item);
    if (!best || d < best.distance) best = { item, distance: d };
  }
  return best;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
