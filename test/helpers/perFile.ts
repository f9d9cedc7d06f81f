/**
 * The preamble most database suites share. In the describe block that calls one of these, a
 * throwaway database of one kind is opened and filled before the block's tests and dropped
 * after them. What it returns can be held from the start and read inside hooks and tests: it
 * stands for the value made in `beforeAll`, and reading it earlier is an error that says so.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './databases';
import { createServices, type Services } from '../../server/services';
import { seedNetwork, type Seeded } from '../api/fixtures';
import { listen, serveSeededAudits, stop, type ServedAudits } from '../api/httpHelpers';
import { createApp, type AppOptions } from '../../server/http/app';

export type PerFile<T> = T & { database: TestDatabase };

/** Reads of a value made in `beforeAll`, refused (with the reason) until it is made. */
function madeLater<T extends object>(what: string, value: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const made = value();
      if (!made) throw new Error(`${what} is made in beforeAll: read ${String(key)} inside a hook or a test`);
      return Reflect.get(made, key);
    },
  });
}

/** `close` ends what `fill` started (a server, say) before the database is dropped. */
function perFile<T extends object>(kind: DatabaseKind, fill: (database: TestDatabase) => Promise<T>, timeout?: number, close?: (made: T) => Promise<void>): PerFile<T> {
  let database: TestDatabase | undefined;
  let made: PerFile<T> | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    made = { ...await fill(database), database };
  }, timeout);
  afterAll(async () => {
    if (made && close) await close(made);
    await database?.dispose();
  });
  return madeLater(`the ${kind} database of this block`, () => made);
}

/**
 * The demo neighbourhood and its audits, loaded through the services, and fresh services over
 * it; `then` adds what the block reads from it once (its secrets, say).
 */
export function demoNetworkPerFile<T extends object = object>(kind: DatabaseKind, now: Date, then?: (network: { database: TestDatabase; services: Services }) => Promise<T>): PerFile<{ services: Services } & T> {
  return perFile(kind, async (database) => {
    await createServices(database.db).demo.load(now);
    const services = createServices(database.db);
    return { services, ...(then ? await then({ database, services }) : {} as T) };
  }, 120_000);
}

/** The small hand-made network of test/api/fixtures.ts (`seedNetwork`): its services and records. */
export function seededNetworkPerFile(kind: DatabaseKind): PerFile<Seeded> {
  return perFile(kind, (database) => seedNetwork(database.db));
}

export interface Served { server: Server; base: string }

/**
 * What `fill` makes in the block's database, with its services served over real HTTP on a
 * free loopback port (the plain basemap unless `app` names one, and any other app options;
 * given as a function, they are read only when the block runs); the server is stopped
 * before the database is dropped.
 */
export function servedPerFile<T extends { services: Services }>(kind: DatabaseKind, fill: (database: TestDatabase) => Promise<T>, app: Partial<Omit<AppOptions, 'services'>> | (() => Partial<Omit<AppOptions, 'services'>>) = {}): PerFile<T & Served> {
  return perFile(kind, async (database) => {
    const made = await fill(database);
    const server = createApp({ services: made.services, basemap: { kind: 'plain' }, ...(typeof app === 'function' ? app() : app) });
    return { ...made, server, base: await listen(server) };
  }, 120_000, (made) => stop(made.server));
}

/** The seeded network (`seedNetwork`), what `stage` adds to it (audits, say), served over HTTP. */
export function servedNetworkPerFile<T extends object = object>(kind: DatabaseKind, stage?: (seeded: Seeded) => Promise<T>): PerFile<Seeded & T & Served> {
  return servedPerFile(kind, async (database) => {
    const seeded = await seedNetwork(database.db);
    return { ...seeded, ...(stage ? await stage(seeded) : {} as T) };
  });
}

/** A temporary folder for the files the block's tests write, made before them and removed after. */
export function temporaryFolderPerFile(prefix: string): { directory: string } {
  let made: { directory: string } | undefined;
  beforeAll(() => {
    made = { directory: mkdtempSync(join(tmpdir(), prefix)) };
  });
  afterAll(() => {
    if (made) rmSync(made.directory, { recursive: true, force: true });
  });
  return madeLater('the temporary folder of this block', () => made);
}

export type ServedAuditsFile = ServedAudits & { database: TestDatabase; directory: string; file: string | null };

/**
 * `serveSeededAudits` (the seeded network, a published and a draft audit, served over HTTP)
 * in the block's database, and a temporary folder for the files the tests write. On SQLite
 * the database is a file in that folder (`file`, for the command line); on PostgreSQL `file`
 * is null. The server is stopped, the database dropped and the folder removed after the block.
 */
export function servedAuditsPerFile(kind: DatabaseKind, prefix: string): ServedAuditsFile {
  let made: ServedAuditsFile | undefined;
  let directory: string | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), prefix));
    const file = kind === 'sqlite' ? join(directory, 'kudzu.sqlite') : null;
    database = await openTestDatabase(kind, file ? { file } : undefined);
    made = { ...await serveSeededAudits(database.db), database, directory, file };
  }, 120_000);
  afterAll(async () => {
    await stop(made?.server);
    await database?.dispose();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
  return madeLater('the served audits of this block', () => made);
}

export type SeededFile<T> = T & { directory: string; file: string };

/**
 * For the command line, which opens a database by its path: the seeded network, and what
 * `fill` adds to it, in an SQLite file of a temporary folder (closed before the tests run,
 * the folder removed after them). The folder also takes the files the tests write.
 */
export function seededFilePerFile<T extends object>(prefix: string, fill: (seeded: Seeded) => Promise<T>): SeededFile<T> {
  let made: SeededFile<T> | undefined;
  let directory: string | undefined;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), prefix));
    const file = join(directory, 'kudzu.sqlite');
    const database = await openTestDatabase('sqlite', { file });
    try {
      made = { ...await fill(await seedNetwork(database.db)), directory, file };
    } finally {
      await database.close();
    }
  });
  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
  return madeLater('the database file of this block', () => made);
}

export interface DatabaseFile { directory: string; file: string }

/** Before each test of the block, an empty temporary folder and a database path in it (nothing there yet); removed after. */
export function databaseFileEachTest(prefix: string): DatabaseFile {
  let made: DatabaseFile | undefined;
  beforeEach(() => {
    const directory = mkdtempSync(join(tmpdir(), prefix));
    made = { directory, file: join(directory, 'kudzu.sqlite') };
  });
  afterEach(() => {
    if (made) rmSync(made.directory, { recursive: true, force: true });
    made = undefined;
  });
  return madeLater('the database file of this test', () => made);
}
