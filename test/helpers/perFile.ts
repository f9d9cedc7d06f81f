/**
 * The preamble most database suites share. In the describe block that calls one of these, a
 * throwaway database of one kind is opened and filled before the block's tests and dropped
 * after them. What it returns can be held from the start and read inside hooks and tests: it
 * stands for the value made in `beforeAll`, and reading it earlier is an error that says so.
 */
import { afterAll, beforeAll } from 'vitest';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './databases';
import { createServices, type Services } from '../../server/services';
import { seedNetwork, type Seeded } from '../api/fixtures';

export type PerFile<T> = T & { database: TestDatabase };

function perFile<T extends object>(kind: DatabaseKind, fill: (database: TestDatabase) => Promise<T>, timeout?: number): PerFile<T> {
  let database: TestDatabase | undefined;
  let made: PerFile<T> | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    made = { ...await fill(database), database };
  }, timeout);
  afterAll(() => database?.dispose());
  return new Proxy({} as PerFile<T>, {
    get(_, key) {
      if (!made) throw new Error(`the ${kind} database of this block is made in beforeAll: read ${String(key)} inside a hook or a test`);
      return Reflect.get(made, key);
    },
  });
}

/** The demo neighbourhood and its audits, loaded through the services, and fresh services over it. */
export function demoNetworkPerFile(kind: DatabaseKind, now: Date): PerFile<{ services: Services }> {
  return perFile(kind, async (database) => {
    await createServices(database.db).demo.load(now);
    return { services: createServices(database.db) };
  }, 120_000);
}

/** The small hand-made network of test/api/fixtures.ts (`seedNetwork`): its services and records. */
export function seededNetworkPerFile(kind: DatabaseKind): PerFile<Seeded> {
  return perFile(kind, (database) => seedNetwork(database.db));
}
