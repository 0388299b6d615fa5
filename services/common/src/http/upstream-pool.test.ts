import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamPool } from './upstream-pool.js';

const pool = createUpstreamPool({ maxSocketsPerUpstream: 4 });
const sockets = new Set<number>();
let endlessClosed: () => void = () => {};
const server = createServer((request, response) => {
  sockets.add(request.socket.remotePort ?? 0);
  if (request.url === '/endless') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const tick = setInterval(() => response.write('tick\n'), 10);
    response.on('close', () => {
      clearInterval(tick);
      endlessClosed();
    });
    return;
  }
  if (request.url === '/dies-after-head') {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
    response.write('partial');
    setTimeout(() => request.socket.destroy(), 20);
    return;
  }
  if (request.url === '/slow') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('one,');
    setTimeout(() => response.end('two'), 80);
    return;
  }
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

/** A client that goes away once the first chunk of the answer came. */
const hangUpAfterFirstChunk = (url: URL) =>
  new Promise<void>((resolve, reject) => {
    const call = httpRequest(url, (answer) => {
      answer.once('data', () => {
        call.destroy();
        resolve();
      });
    });
    call.on('error', (error) => (call.destroyed ? undefined : reject(error)));
    call.end();
  });

describe('relay', () => {
  const front = createServer((request, response) => {
    pool
      .relay(
        {
          method: request.method ?? 'GET',
          url: new URL(request.url ?? '/', base),
          headers: new Headers({ accept: 'text/plain' }),
          body: request.method === 'POST' ? request : undefined,
          onSent: () => {},
          signal: AbortSignal.timeout(5000),
        },
        { outgoing: response, headers: new Headers({ 'x-own': 'mine', 'content-type': 'text/x-own' }) },
      )
      .catch(() => {
        response.writeHead(502);
        response.end('no head');
      });
  });
  let frontUrl: URL;
  beforeAll(async () => {
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    frontUrl = new URL(`http://127.0.0.1:${(front.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise((resolve) => front.close(resolve)));

  it('writes the answer into the client response without hop-by-hop headers, the caller’s over the upstream’s', async () => {
    const response = await fetch(new URL('/', frontUrl));
    expect(await response.text()).toBe('hello');
    expect(response.headers.get('x-hop')).toBeNull();
    expect(response.headers.get('connection')).not.toMatch(/x-hop/);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('x-own')).toBe('mine');
    expect(response.headers.get('content-type')).toBe('text/x-own');
  });

  it('relays a 304 with no body and a streamed upload', async () => {
    const notModified = await fetch(new URL('/not-modified', frontUrl));
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe('"v7"');
    const upload = await fetch(new URL('/upload', frontUrl), { method: 'POST', body: Buffer.alloc(3000) });
    expect(await upload.text()).toBe('3000');
  });

  it('ends the upstream request when the client goes away mid-answer', async () => {
    const closed = new Promise<void>((resolve) => {
      endlessClosed = resolve;
    });
    await hangUpAfterFirstChunk(new URL('/endless', frontUrl));
    await closed;
  });

  it('ends only the request of the client that hung up: a concurrent client gets its whole answer', async () => {
    const closed = new Promise<void>((resolve) => {
      endlessClosed = resolve;
    });
    const whole = fetch(new URL('/slow', frontUrl)).then((response) => response.text());
    await hangUpAfterFirstChunk(new URL('/endless', frontUrl));
    await closed;
    expect(await whole).toBe('one,two');
    expect(await (await fetch(new URL('/', frontUrl))).text()).toBe('hello');
  });

  it('cuts the client answer short when the upstream dies after its head, instead of leaving it hanging', async () => {
    const response = await fetch(new URL('/dies-after-head', frontUrl));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('rejects with nothing written when the upstream cannot be reached', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    let resolve: (outcome: string) => void = () => {};
    const promise = new Promise<string>((done) => {
      resolve = done;
    });
    const target = createServer((_request, response) => {
      pool
        .relay(
          {
            method: 'GET',
            url: new URL(`http://127.0.0.1:${closedPort}/`),
            headers: new Headers(),
            body: undefined,
            onSent: () => {},
            signal: AbortSignal.timeout(5000),
          },
          { outgoing: response, headers: new Headers() },
        )
        .catch((error: Error) => {
          resolve(`${response.headersSent} ${error.message}`);
          response.writeHead(502).end();
        });
    });
    await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
    const { port } = target.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(502);
    expect(await promise).toMatch(/^false .*ECONNREFUSED/);
    await new Promise((done) => target.close(done));
  });
});
