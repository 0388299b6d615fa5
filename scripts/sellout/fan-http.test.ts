import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { fanAddress, fanFetch, problemTypeOf, type RequestRecord, routeOf } from './fan-http.js';

const server = createServer((request, response) => {
  if (request.url === '/login') {
    response.setHeader('set-cookie', ['session=abc; Path=/; HttpOnly', 'theme=dark']);
    response.end('{}');
  } else if (request.url === '/logout') {
    response.setHeader('set-cookie', ['session=; Max-Age=0']);
    response.end();
  } else if (request.url === '/away') {
    response.writeHead(302, { location: '/vwr/evt-1' });
    response.end();
  } else {
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ cookie: request.headers.cookie ?? null, from: request.socket.remoteAddress }),
    );
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a fan's fetch", () => {
  it('keeps its cookies, comes from its own address, reads a redirect as an answer and records each request', async () => {
    const records: RequestRecord[] = [];
    const fetchAsFan = fanFetch({ localAddress: fanAddress(300), record: (r) => records.push(r) });
    await fetchAsFan(`${base}/login`, { method: 'POST', body: '{}' });
    expect(await (await fetchAsFan(`${base}/me`)).json()).toEqual({
      cookie: 'session=abc; theme=dark',
      from: '127.1.1.45',
    });
    await fetchAsFan(`${base}/logout`, { method: 'POST' });
    expect(await (await fetchAsFan(`${base}/me`)).json()).toMatchObject({ cookie: 'theme=dark' });
    const away = await fetchAsFan(`${base}/away`);
    expect([away.status, away.headers.get('location')]).toEqual([302, '/vwr/evt-1']);
    expect(records.map((r) => [r.route, r.status])).toEqual([
      ['POST /login', 200],
      ['GET /me', 200],
      ['POST /logout', 200],
      ['GET /me', 200],
      ['GET /away', 302],
    ]);
  });

  it('records a request nobody answered as status 0', async () => {
    const records: RequestRecord[] = [];
    const fetchAsFan = fanFetch({ localAddress: '127.0.0.1', record: (r) => records.push(r) });
    await expect(fetchAsFan('http://127.0.0.1:1/x')).rejects.toThrow();
    expect(records[0]?.status).toBe(0);
  });

  it('names routes by their template', () => {
    expect(routeOf('GET', '/api/v1/events/5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2200/seats?x=1')).toBe(
      'GET /api/v1/events/:id/seats',
    );
    expect(routeOf('POST', '/api/v1/queue/5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2200/enter')).toBe(
      'POST /api/v1/queue/:id/enter',
    );
  });

  it('reads the problem type of an answer, and nothing from a body that is not problem JSON', () => {
    expect(problemTypeOf(Buffer.from('{"type":"urn:urr:problem:upstream-timeout","status":504}'))).toBe(
      'urn:urr:problem:upstream-timeout',
    );
    expect(problemTypeOf(Buffer.from('<html>bad gateway</html>'))).toBeUndefined();
    expect(problemTypeOf(Buffer.from('{"type":5}'))).toBeUndefined();
  });
});
