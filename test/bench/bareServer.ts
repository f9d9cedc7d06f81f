/**
 * The runtime's own floor for the tiles bench: a bare `node:http` server, in a process of its
 * own, that answers every request at once with the same bytes (`tsx test/bench/bareServer.ts
 * <bytes>`), listening with Kudzu's backlog. No routing, no database, no headers but the
 * length: what Node itself costs to serve a load. Prints `kudzu: open http://127.0.0.1:<port>/`
 * once listening and answers `cpu` over IPC like serveBuild.ts.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { LISTEN_BACKLOG } from '../../server/http/app';

const body = Buffer.alloc(Number(process.argv[2] ?? 1024), 7);
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
  response.end(body);
});
server.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => console.log(`kudzu: open http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
  }
});
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
