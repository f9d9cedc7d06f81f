import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { CHECKPOINT_INTERVAL_MS, checkpointEvery, openDatabase, migrateToLatest, isPostgresUrl } from '../db/database';
import { PostgresBus } from '../night/nightBus';
import { createServices } from '../services';
import { createApp, LISTEN_BACKLOG } from '../http/app';
import { parseBasemap } from '../http/basemap';
import { parseArgs, rejectUnknown, stringOption } from './args';
import { ensureDemo } from './demoCommand';
import type { CommandIo } from './io';

/** Whether `host` is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The demo's accounts have published passwords, so it loads only on the embedded default
 * database or when asked (`--demo`), and never on a server listening beyond loopback.
 */
export function demoPlan(choice: { databaseGiven: boolean; demo: boolean; noDemo: boolean; host: string }): 'load' | 'skip' {
  if (!isLoopback(choice.host)) {
    if (choice.demo) throw new Error(`--demo is for a server on this machine only (its accounts have published passwords); it cannot be used with --host ${choice.host}`);
    return 'skip';
  }
  if (choice.noDemo) return 'skip';
  return choice.demo || !choice.databaseGiven ? 'load' : 'skip';
}

/**
 * Where phones on the local network reach a server listening on `host`: every IPv4 address
 * of this machine's network interfaces for 0.0.0.0 (or ::), the host itself for one
 * address, none for loopback.
 */
export function lanOrigins(host: string, port: number, interfaces = networkInterfaces()): string[] {
  if (isLoopback(host)) return [];
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const origins: string[] = [];
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) origins.push(`http://${entry.address}:${port}`);
  }
  return origins;
}

/** Comma-separated addresses of the reverse proxies in front of Kudzu. */
function trustedProxiesOf(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

export async function serveCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv, new Set(['demo', 'no-demo']));
  rejectUnknown(args, ['db', 'port', 'host', 'basemap', 'demo', 'no-demo', 'trusted-proxy'], 'serve');
  const port = Number(stringOption(args, 'port') ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not “${stringOption(args, 'port')}”`);
  const host = stringOption(args, 'host') ?? '127.0.0.1';
  const plan = demoPlan({
    databaseGiven: stringOption(args, 'db') !== undefined || Boolean(process.env.DATABASE_URL),
    demo: args.options.has('demo'), noDemo: args.options.has('no-demo'), host,
  });
  const trustedProxies = trustedProxiesOf(stringOption(args, 'trusted-proxy') ?? process.env.KUDZU_TRUSTED_PROXIES);
  const basemap = parseBasemap(stringOption(args, 'basemap') ?? process.env.KUDZU_BASEMAP);
  const target = stringOption(args, 'db') ?? process.env.DATABASE_URL;
  const database = openDatabase(target);
  await migrateToLatest(database.db);
  // The seed domains and function types, even on a database that will hold no demo.
  const basemapFile = basemap.kind === 'pmtiles' ? basemap.file : undefined;
  // Several servers on one PostgreSQL database wake each other for audit night with LISTEN/NOTIFY.
  const nightBus = target && isPostgresUrl(target) ? await new PostgresBus(target).start() : undefined;
  const services = createServices(database.db, { access: { basemapFile }, zine: { basemapFile }, nightBus });
  await services.taxonomy.seed();
  const existingDemo = await services.demo.label();
  if (existingDemo && !isLoopback(host)) {
    await Promise.all([database.close(), nightBus?.close()]);
    throw new Error(`this database holds the demo neighbourhood, whose accounts have published passwords; serve it on 127.0.0.1 only, or start a real network from an empty database`);
  }
  const demoLabel = existingDemo ?? (plan === 'load' ? await ensureDemo(services, io) : null);
  const webRoot = resolve(fileURLToPath(new URL('../../dist/web', import.meta.url)));
  // Filled once the port is known (read per request).
  const joinOrigins: string[] = [];
  const server = createApp({ services, basemap, webRoot, demoLabel, trustedProxies, joinOrigins });
  await new Promise<void>((done) => server.listen({ port, host, backlog: LISTEN_BACKLOG }, done));
  const address = server.address() as AddressInfo;
  const origins = lanOrigins(host, address.port);
  joinOrigins.push(...origins);
  io.log(`kudzu: serving ${database.dialect} database ${database.location}`);
  io.log(`kudzu: basemap ${basemap.kind === 'pmtiles' ? basemap.file : basemap.kind === 'style' ? basemap.styleUrl : 'plain background'}`);
  io.log(`kudzu: open http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}/`);
  for (const origin of origins) io.log(`kudzu: on the local network: ${origin}/`);
  for (const night of await services.night.openNights()) {
    const base = origins[0] ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
    io.log(`kudzu: audit night “${night.title}”: phones join at ${base}/n/${night.code}${origins.length ? '' : '  (this machine only: serve with --host 0.0.0.0 for phones on the LAN)'}`);
  }
  // SQLite keeps recent writes in its write-ahead log: fold them into the file every minute
  // and on the way out, so copying the .sqlite file alone is a whole backup.
  const stopCheckpoints = checkpointEvery(database, CHECKPOINT_INTERVAL_MS, (error) => io.log(`kudzu: checkpoint failed: ${error instanceof Error ? error.message : String(error)}`));
  const stop = () => {
    stopCheckpoints();
    server.closeAllConnections();
    server.close(() => void Promise.all([database.close(), nightBus?.close()]).then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
