import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import { createApp } from '../http/app';
import { parseBasemap } from '../http/basemap';
import { parseArgs, rejectUnknown, stringOption } from './args';
import { ensureDemo } from './demoCommand';
import { repositories } from '../repositories';
import type { CommandIo } from './io';

export async function serveCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv, new Set(['no-demo']));
  rejectUnknown(args, ['db', 'port', 'host', 'basemap', 'no-demo'], 'serve');
  const port = Number(stringOption(args, 'port') ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not “${stringOption(args, 'port')}”`);
  const host = stringOption(args, 'host') ?? '127.0.0.1';
  const basemap = parseBasemap(stringOption(args, 'basemap') ?? process.env.KUDZU_BASEMAP);
  const database = openDatabase(stringOption(args, 'db'));
  await migrateToLatest(database.db);
  // The seed domains and function types, even on a database that will hold no demo.
  await repositories(database.db).taxonomy.seed();
  const demoLabel = args.options.has('no-demo') ? null : await ensureDemo(database.db, io);
  const services = createServices(database.db, { access: { basemapFile: basemap.kind === 'pmtiles' ? basemap.file : undefined } });
  const webRoot = resolve(fileURLToPath(new URL('../../dist/web', import.meta.url)));
  const server = createApp({ services, basemap, webRoot, demoLabel });
  await new Promise<void>((done) => server.listen(port, host, done));
  const address = server.address() as AddressInfo;
  io.log(`kudzu: serving ${database.dialect} database ${database.location}`);
  io.log(`kudzu: basemap ${basemap.kind === 'pmtiles' ? basemap.file : basemap.kind === 'style' ? basemap.styleUrl : 'plain background'}`);
  io.log(`kudzu: open http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}/`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => void database.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
