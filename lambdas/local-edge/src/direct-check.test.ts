import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@urr/common/logging/logger';
import type { ApiResult } from '@urr/vwr-api/http';
import type { CheckRequest } from '@urr/vwr-api/routes';
import { afterEach, describe, expect, it } from 'vitest';
import { directCheck } from './direct-check.js';

/** The direct path in front of a stand-in for the general routes, which answers 404 `general`. */
async function serve(answer: (request: CheckRequest) => Promise<ApiResult>) {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'test',
    destination: { write: (line: string) => lines.push(line) },
  });
  const check = directCheck(answer, logger);
  const server = createServer((incoming, outgoing) => {
    if (!check(incoming, outgoing)) outgoing.writeHead(404).end('general');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, lines, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe('the direct check path', () => {
  it('hands the check route the event id, the path without its query and the cookies, and writes its answer', async () => {
    const seen: { eventId?: string; rawPath: string; ticket?: string }[] = [];
    const edge = await serve(async (request) => {
      seen.push({
        eventId: request.eventId,
        rawPath: request.rawPath,
        ticket: request.cookie('urr-vwr-ticket-sale_1'),
      });
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        cookies: ['a=1; Path=/', 'b=2; Path=/'],
        body: '{"status":"waiting","name":"대기"}',
      };
    });
    server = edge.server;
    const response = await fetch(`${edge.url}/vwr-api/vwr/check/sale_1?poll=3`, {
      headers: { cookie: 'x=1; urr-vwr-ticket-sale_1=v2.k1.p.m' },
    });
    expect(seen).toEqual([{ eventId: 'sale_1', rawPath: '/vwr-api/vwr/check/sale_1', ticket: 'v2.k1.p.m' }]);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await response.json()).toEqual({ status: 'waiting', name: '대기' });
  });

  it.each([
    ['another method', 'POST', '/vwr-api/vwr/check/sale_1'],
    ['an encoded event id', 'GET', '/vwr-api/vwr/check/sale%2D1'],
    ['a malformed event id', 'GET', '/vwr-api/vwr/check/bad.id'],
    ['a deeper path', 'GET', '/vwr-api/vwr/check/sale_1/more'],
    ['no event id', 'GET', '/vwr-api/vwr/check/'],
    ['another route', 'GET', '/vwr-api/vwr/challenge/sale_1'],
  ])('leaves %s to the general routes', async (_case, method, path) => {
    let answered = 0;
    const edge = await serve(async () => {
      answered += 1;
      return { statusCode: 200, body: '' };
    });
    server = edge.server;
    const response = await fetch(`${edge.url}${path}`, { method });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('general');
    expect(answered).toBe(0);
  });

  it('answers an answer it cannot write with a 500 problem, and keeps serving', async () => {
    const edge = await serve(async () => ({
      statusCode: 200,
      headers: { 'x-bad': 'line\nbreak' },
      body: '',
    }));
    server = edge.server;
    for (let round = 0; round < 2; round += 1) {
      const response = await fetch(`${edge.url}/vwr-api/vwr/check/sale_1`);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('answers a failure of the check route with a 500 problem and logs it', async () => {
    const edge = await serve(async () => {
      throw new Error('counters table unreachable');
    });
    server = edge.server;
    const response = await fetch(`${edge.url}/vwr-api/vwr/check/sale_1`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(edge.lines.join('')).toContain('counters table unreachable');
  });
});
