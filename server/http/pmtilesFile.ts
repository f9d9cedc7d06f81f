import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serve one file with HTTP range requests, as PMTiles readers expect: the browser asks
 * for the header, the directories, then each tile as a byte range.
 */
export function serveFileRanges(request: IncomingMessage, response: ServerResponse, path: string, headers: Record<string, string>): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('basemap file not found');
    return;
  }
  const common = { ...headers, 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', 'Cache-Control': 'public, max-age=3600' };
  const range = request.headers.range;
  if (!range) {
    response.writeHead(200, { ...common, 'Content-Length': size });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(path).pipe(response);
    return;
  }
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) {
    response.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` });
    return void response.end();
  }
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) {
    response.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` });
    return void response.end();
  }
  response.writeHead(206, { ...common, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(path, { start, end }).pipe(response);
}
