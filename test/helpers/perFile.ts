/**
 * The preamble most database suites share: in the describe block that calls one of these, a
 * throwaway database of one kind is opened and filled before its tests and dropped after.
 * The fields are set once the block's first `beforeAll` has run.
 */
import { afterAll, beforeAll } from 'vitest';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './databases';
import { createServices, type Services } from '../../server/services';
import { seedNetwork, type Seeded } from '../api/fixtures';

export interface DemoNetwork { database: TestDatabase; services: Services }
export interface SeededNetwork { database: TestDatabase; seeded: Seeded }

/** The demo neighbourhood and its audits, loaded through the services, and fresh services over it. */
export function demoNetworkPerFile(kind: DatabaseKind, now: Date): DemoNetwork {
  const network = {} as DemoNetwork;
  beforeAll(async () => {
    network.database = await openTestDatabase(kind);
    await createServices(network.database.db).demo.load(now);
    network.services = createServices(network.database.db);
  }, 120_000);
  afterAll(() => network.database?.dispose());
  return network;
}

/** The small hand-made network of test/api/fixtures.ts (`seedNetwork`). */
export function seededNetworkPerFile(kind: DatabaseKind): SeededNetwork {
  const network = {} as SeededNetwork;
  beforeAll(async () => {
    network.database = await openTestDatabase(kind);
    network.seeded = await seedNetwork(network.database.db);
  });
  afterAll(() => network.database?.dispose());
  return network;
}
