import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/schema';
import { createServices } from '../../../server/services';
import { systemActor, type Actor } from '../../../server/services/context';
import { exportSites } from '../../../server/export/exportSites';
import type { Role } from '../../../shared/privacy/roles';
import { siteInputSchema, type SiteInput } from '../../../shared/schemas/site';
import type { z } from 'zod';

export const NOW = new Date('2026-11-21T12:00:00Z');
export const steward = systemActor(NOW);

export function actorAs(role: Role): Actor {
  return { viewer: { userId: role === 'public' ? null : `user-${role}`, displayName: role === 'public' ? null : `A ${role}`, role }, now: NOW };
}

export function fixtureFile(name: string) {
  return { name, bytes: readFileSync(fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url))) };
}

export function textFile(name: string, text: string) {
  return { name, bytes: Buffer.from(text, 'utf8') };
}

/** A block-precision site at a point whose digits (…40123456, …78234567) must never leak. */
export const hiddenPoint: [number, number] = [-122.40123456, 37.78234567];

/** Sites at every tier and precision. */
export async function seedSites(db: Kysely<Database>) {
  const service = createServices(db).sites;
  const sites = { create: (actor: Actor, input: z.input<typeof siteInputSchema>) => service.create(actor, siteInputSchema.parse(input) as SiteInput) };
  const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] as [number, number] });
  return {
    open: await sites.create(steward, { name: 'Open Pantry', functionType: 'food_pantry', geometry: point(-122.41812345, 37.77456789), visibility: 'public', precision: 'exact' }),
    block: await sites.create(steward, { name: 'Eviction Defence Hub', functionType: 'eviction_defence', geometry: point(...hiddenPoint), address: '12 Hidden Lane', visibility: 'public', precision: 'block' }),
    members: await sites.create(steward, { name: 'Members Fridge', functionType: 'community_fridge', geometry: point(-122.405, 37.771), visibility: 'members', precision: 'exact' }),
    stewards: await sites.create(steward, { name: 'Safe House', functionType: 'mutual_aid_fund', geometry: point(-122.41, 37.76), visibility: 'stewards', precision: 'exact' }),
    unplaced: await sites.create(steward, { name: 'Travelling Clinic', functionType: 'free_clinic', geometry: point(-122.4311111, 37.7522222), visibility: 'public', precision: 'none' }),
  };
}

/** Everything a steward could take out of the database, as text: what "exactly as before" is checked against. */
export async function snapshot(db: Kysely<Database>): Promise<string> {
  const geojson = await exportSites(db, steward, 'geojson', 'steward');
  const csv = await exportSites(db, steward, 'csv', 'steward');
  const log = await db.selectFrom('change_log').select(['id', 'summary']).orderBy('id').execute();
  const layers = await db.selectFrom('reference_features').select(['id', 'layer']).orderBy('id').execute();
  return JSON.stringify({ geojson: geojson.text, csv: csv.text, log, layers });
}
