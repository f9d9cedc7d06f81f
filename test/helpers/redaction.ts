/**
 * What must never reach the public, read straight from the tables, for the suites that
 * search an outbound file (a zine, a time capsule) for it.
 */
import type { TestDatabase } from './databases';

export interface Secrets { names: string[]; exactPositions: [number, number][] }

/** Everything above the public's tier, and the real places of sites the public sees degraded. */
export async function secretsOf(database: TestDatabase): Promise<Secrets> {
  const db = database.db;
  const sites = await db.selectFrom('sites').select(['name', 'visibility', 'precision', 'lon', 'lat', 'shown_lon', 'shown_lat']).execute();
  const groups = await db.selectFrom('groups').select(['name', 'visibility']).execute();
  const testimonies = await db.selectFrom('audit_testimonies').select(['text', 'visibility', 'moderation', 'consent']).execute();
  const challenges = await db.selectFrom('challenges').select(['title', 'visibility']).execute();
  const publicNames = new Set([...sites.filter((site) => site.visibility === 'public').map((site) => site.name), ...groups.filter((group) => group.visibility === 'public').map((group) => group.name)]);
  const names = [
    ...sites.filter((site) => site.visibility !== 'public').map((site) => site.name),
    ...groups.filter((group) => group.visibility !== 'public').map((group) => group.name),
    ...testimonies.filter((testimony) => testimony.visibility !== 'public' || testimony.moderation !== 'approved' || !testimony.consent).map((testimony) => testimony.text),
    ...challenges.filter((challenge) => challenge.visibility !== 'public').map((challenge) => challenge.title),
  ].filter((name) => !publicNames.has(name));
  const exactPositions = sites
    .filter((site) => site.precision !== 'exact' && (site.shown_lon !== site.lon || site.shown_lat !== site.lat))
    .map((site): [number, number] => [site.lon, site.lat]);
  return { names: [...new Set(names)], exactPositions };
}

/** Every coordinate pair written in an SVG (path data, x/y, cx/cy), in page points. */
export function svgPositions(svg: string): [number, number][] {
  const pairs: [number, number][] = [];
  for (const match of svg.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)) pairs.push([Number(match[1]), Number(match[2])]);
  for (const match of svg.matchAll(/\b(?:c?x)="(-?[\d.]+)"[^>]*?\b(?:c?y)="(-?[\d.]+)"/g)) pairs.push([Number(match[1]), Number(match[2])]);
  return pairs;
}
