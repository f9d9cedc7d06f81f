/**
 * A Kudzu server for benchmarks, in a process of its own: `tsx test/bench/serveBuild.ts
 * <database file> <web root>` serves that database with that build of the web app (so one run
 * can set the app as it is beside an older build) and no request budget. Prints
 * `kudzu: open http://127.0.0.1:<port>/` once listening. Started with an IPC channel (fork),
 * it answers `cpu` with its CPU time so far (user + system, µs).
 */
import type { AddressInfo } from 'node:net';
import { openDatabase, migrateToLatest } from '../../server/db/database';
import { createApp, LISTEN_BACKLOG } from '../../server/http/app';
import { createServices } from '../../server/services';
import { parseBasemap } from '../../server/http/basemap';

const [file, webRoot] = process.argv.slice(2);
if (!file || !webRoot) throw new Error('usage: serveBuild.ts <database file> <web root>');
const database = openDatabase(file);
await migrateToLatest(database.db);
const server = createApp({ services: createServices(database.db), basemap: parseBasemap(undefined), webRoot, requestBudget: 1e9 });
server.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => console.log(`kudzu: open http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
  }
});
function stop(): void {
  server.closeAllConnections();
  server.close(() => void database.close().then(() => process.exit(0)));
}
process.on('SIGTERM', stop);
process.on('disconnect', stop);
