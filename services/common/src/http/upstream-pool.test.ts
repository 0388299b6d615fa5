import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamPool } from './upstream-pool.js';

const pool = createUpstreamPool({ maxSocketsPerUpstream: 4 });
const sockets = new Set<number>();
const server = createServer((request, response) => {
  sockets.add(request.socket.remotePort ?? 0);
  if (request.url === '/not-modified') {
    response.writeHead(304, { etag: '"v7"', 'cache-control': 'no-cache' });
    response.end();
    return;
  }
  if (request.url === '/upload') {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    request.on('end', () => response.end(String(bytes)));
    return;
  }
  response.writeHead(200, [
    ['connection', 'keep-alive, x-hop'],
    ['x-hop', 'for the next hop only'],
    ['keep-alive', 'timeout=5'],
    ['set-cookie', 'a=1'],
    ['set-cookie', 'b=2'],
    ['content-type', 'text/plain'],
  ]);
  response.end('hello');
});
let base: URL;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  pool.close();
  await new Promise((resolve) => server.close(resolve));
});

const send = (path: string, body?: Readable) =>
  pool.send({
    method: body ? 'POST' : 'GET',
    url: new URL(path, base),
    headers: new Headers({ accept: 'text/plain' }),
    body,
    onSent: () => {},
    signal: AbortSignal.timeout(5000),
  });

describe('createUpstreamPool', () => {
  it('passes the answer on without hop-by-hop headers, those its Connection names included, each cookie kept', async () => {
    const response = await send('/');
    expect(await response.text()).toBe('hello');
    expect(response.headers.get('x-hop')).toBeNull();
    expect(response.headers.get('keep-alive')).toBeNull();
    expect(response.headers.get('connection')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('passes a 304 on with its validators and no body', async () => {
    const response = await send('/not-modified');
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe('"v7"');
    expect(response.body).toBeNull();
  });

  it('streams a request body and reuses connections for later requests', async () => {
    sockets.clear();
    for (let i = 0; i < 6; i++) {
      const response = await send('/upload', Readable.from([Buffer.alloc(1000), Buffer.alloc(24)]));
      expect(await response.text()).toBe('1024');
    }
    expect(sockets.size).toBe(1);
  });
});
