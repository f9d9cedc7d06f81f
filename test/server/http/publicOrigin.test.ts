/**
 * The address written into exports and zines is where the reader reached the server: the
 * request's Host, or what a trusted proxy forwards — never a proxy header from anyone else,
 * and never a Host that is not a plain host name.
 */
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { publicOrigin } from '../../../server/http/security';

const PROXY = '10.0.0.2';
const request = (headers: Record<string, string>, from = '192.168.1.30') =>
  ({ headers, socket: { remoteAddress: from } }) as unknown as IncomingMessage;

describe('the public origin of a request', () => {
  it('is the Host the request was sent to', () => {
    expect(publicOrigin(request({ host: '127.0.0.1:8787' }), new Set())).toBe('http://127.0.0.1:8787');
    expect(publicOrigin(request({ host: 'kudzu.bernal.example' }), new Set())).toBe('http://kudzu.bernal.example');
    expect(publicOrigin(request({ host: '[::1]:8787' }), new Set())).toBe('http://[::1]:8787');
  });

  it('is what a trusted proxy forwards, scheme and host', () => {
    const forwarded = { host: '127.0.0.1:8787', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'map.bernal.example' };
    expect(publicOrigin(request(forwarded, PROXY), new Set([PROXY]))).toBe('https://map.bernal.example');
  });

  it('ignores the forwarding headers of anyone else', () => {
    const forged = { host: 'kudzu.bernal.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };
    expect(publicOrigin(request(forged), new Set([PROXY]))).toBe('http://kudzu.bernal.example');
  });

  it('falls back to localhost for a Host that is not a plain host name', () => {
    for (const host of ['', 'a b', 'evil.example/path', 'x"><script>', 'host:port']) {
      expect(publicOrigin(request({ host }), new Set()), host).toBe('http://localhost');
    }
  });
});
