import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createUpstreamPool } from '@urr/common/http/upstream-pool';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyTo } from './proxy.js';

const pool = createUpstreamPool({ maxSocketsPerUpstream: 8 });
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
const origin = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
    });
    if (request.url === '/slow') return; // never answers
    const zipped = gzipSync('{"answer":"zipped"}');
    response.writeHead(201, [
      ['content-type', 'application/json'],
      ['content-encoding', 'gzip'],
      ['content-length', String(zipped.length)],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['connection', 'keep-alive'],
    ]);
    response.end(zipped);
  });
});
let originUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});
afterAll(() => {
  pool.close();
  origin.closeAllConnections();
  origin.close();
});

const viewerRequest = (method: string, body: string | null, headers: Record<string, string> = {}) => ({
  method,
  pathAndQuery: '/api/v1/seats/reserve?x=1',
  headers: new Headers({ 'x-forwarded-for': '203.0.113.9', connection: 'x-hop', 'x-hop': 'no', ...headers }),
  body: body === null ? null : new Response(body).body,
  clientIp: '198.51.100.7',
  viewerHost: 'tickets.example',
  signal: new AbortController().signal,
});

describe('the local edge forwarding to an origin', () => {
  it("passes the viewer's body with its length, and the origin's answer as sent: status, cookies, encoding", async () => {
    const body = JSON.stringify({ seatIds: ['s1', 's2'] });
    const response = await proxyTo(
      pool,
      originUrl,
      viewerRequest('POST', body, { 'content-length': String(Buffer.byteLength(body)) }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('connection')).toBeNull();
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/seats/reserve?x=1', body });
    expect(request.headers['x-forwarded-for']).toBe('203.0.113.9, 198.51.100.7');
    expect(request.headers['x-forwarded-host']).toBe('tickets.example');
    expect(request.headers['x-hop']).toBeUndefined();
    await response.arrayBuffer();
  });

  it('sends a body of unknown length chunked, and a GET without one', async () => {
    await (await proxyTo(pool, originUrl, viewerRequest('PATCH', 'chunk of it'))).arrayBuffer();
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', body: 'chunk of it' });
    expect(seen.at(-1)!.headers['transfer-encoding']).toBe('chunked');
    await (
      await proxyTo(pool, originUrl, viewerRequest('GET', null, { 'content-length': '0' }))
    ).arrayBuffer();
    expect(seen.at(-1)!.headers['content-length']).toBeUndefined();
  });

  it('answers 502 problem JSON when the origin cannot be reached', async () => {
    const response = await proxyTo(pool, 'http://127.0.0.1:9', viewerRequest('GET', null));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('problem+json');
  });

  it('ends the origin request when the viewer goes away', async () => {
    const viewer = new AbortController();
    const answer = proxyTo(pool, originUrl, {
      ...viewerRequest('GET', null),
      pathAndQuery: '/slow',
      signal: viewer.signal,
    });
    while (seen.at(-1)?.url !== '/slow') await new Promise((resolve) => setTimeout(resolve, 10));
    viewer.abort();
    expect((await answer).status).toBe(502);
  });
});
