import { expect } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createServices, type Services } from '../../server/services';
import { createCallerFactory, type Context } from '../../server/trpc/trpc';
import { appRouter } from '../../server/trpc/appRouter';
import type { Role } from '../../shared/privacy/roles';
import type { Viewer } from '../../shared/schemas/auth';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';

export const NOW = new Date('2026-11-21T12:00:00Z');
const createCaller = createCallerFactory(appRouter);

export function viewerFor(role: Role, userId: string | null = null): Viewer {
  return { userId: role === 'public' ? null : userId ?? `user-${role}`, displayName: role === 'public' ? null : `A ${role}`, role };
}

/** A tRPC caller acting as someone with `role`, exactly as the HTTP path would build it. */
export function callerAs(services: Services, role: Role, extra: Partial<Context> = {}) {
  const context: Context = { services, viewer: viewerFor(role), sessionToken: undefined, now: () => NOW, setSessionCookie: () => undefined, ...extra };
  return createCaller(context);
}

export const pantryPoint = { type: 'Point' as const, coordinates: [-122.41812345, 37.77456789] as [number, number] };
export const shelterPoint = { type: 'Point' as const, coordinates: [-122.40123456, 37.78234567] as [number, number] };

/** What `seedNetwork` made: the services and every seeded record. */
export type Seeded = Awaited<ReturnType<typeof seedNetwork>>;

/** A small network: sites at every tier and precision, groups at two tiers, a link. */
export async function seedNetwork(db: Kysely<Database>) {
  const services = createServices(db);
  const steward = callerAs(services, 'steward');
  const commons = await steward.groups.create({ name: 'Mission Commons', visibility: 'public' });
  const quiet = await steward.groups.create({ name: 'Quiet Tenants', visibility: 'members' });
  const publicPantry = await steward.sites.create({ name: 'Open Pantry', functionType: 'food_pantry', groupId: commons.id, geometry: pantryPoint, capacity: 120, capacityUnit: 'households_per_week', visibility: 'public', precision: 'exact' });
  const blockDefence = await steward.sites.create({ name: 'Eviction Defence Hub', functionType: 'eviction_defence', groupId: commons.id, geometry: shelterPoint, address: '12 Hidden Lane', visibility: 'public', precision: 'block' });
  const membersFridge = await steward.sites.create({ name: 'Members Fridge', functionType: 'community_fridge', groupId: quiet.id, geometry: { type: 'Point', coordinates: [-122.405, 37.771] }, visibility: 'members', precision: 'exact' });
  const stewardsShelter = await steward.sites.create({ name: 'Safe House', functionType: 'mutual_aid_fund', geometry: { type: 'Point', coordinates: [-122.41, 37.76] }, visibility: 'stewards', precision: 'exact' });
  const link = await steward.links.create({ fromGroupId: commons.id, toGroupId: quiet.id, kind: 'flow', flow: 'food', flowDirection: 'from_to', visibility: 'members' });
  return { services, commons, quiet, publicPantry, blockDefence, membersFridge, stewardsShelter, link };
}

/** The error a refused call throws; fails the test if the call succeeded. */
export async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** An audit night phone that joined `auditId` (as `role`: a signed-in person may take part too), as the HTTP path would build it. */
export async function phoneAs(services: Services, auditId: string, role: Role = 'public', address = '10.0.0.1') {
  const { token } = await services.night.join({ auditId }, NOW);
  return callerAs(services, role, { participantToken: token, clientAddress: address });
}
