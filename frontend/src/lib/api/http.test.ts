import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequester } from './http';
import { ApiProblem, describeError, PassRequired } from './problem';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server standing in for the edge, so fetch's redirect and header handling are the real ones. */
let server: Server;
let baseUrl: string;
const routes = new Map<string, Handler>();
const seen: { method: string; path: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    seen.push({ method: request.method ?? 'GET', path, headers: request.headers });
    const handler = routes.get(`${request.method} ${path.split('?')[0]}`);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

/** The error a call failed with, checked to be of the expected kind. */
async function failure<E>(call: Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}

const json = (response: ServerResponse, status: number, body: unknown, type = 'application/json') =>
  response.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));

describe('the API requester', () => {
  it('turns problem JSON into an ApiProblem carrying its title and detail', async () => {
    routes.set('POST /api/v1/seats/reserve', (_, response) =>
      json(
        response,
        409,
        {
          type: 'urn:urr:problem:seat-unavailable',
          title: 'Seat unavailable',
          status: 409,
          detail: 'A-1 is taken',
        },
        'application/problem+json',
      ),
    );
    const call = createRequester({ baseUrl });
    const error = await failure(
      call('/api/v1/seats/reserve', { method: 'POST', body: { seatIds: ['a'] } }),
      ApiProblem,
    );
    expect(error.status).toBe(409);
    expect(error.problem).toMatchObject({ title: 'Seat unavailable', detail: 'A-1 is taken' });
    expect(error.type).toBe('urn:urr:problem:seat-unavailable');
  });

  it('sends the sale and the idempotency key as headers and the body as JSON', async () => {
    routes.set('POST /api/v1/payments/p1/confirm', (request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => json(response, 200, { echoed: JSON.parse(body) }));
    });
    const call = createRequester({ baseUrl });
    const answer = await call<{ echoed: unknown }>('/api/v1/payments/p1/confirm', {
      method: 'POST',
      body: { cardNumber: '4242424242424242' },
      eventId: 'evt-1',
      idempotencyKey: 'pay-1',
    });
    expect(answer.echoed).toEqual({ cardNumber: '4242424242424242' });
    const sent = seen.findLast((request) => request.path === '/api/v1/payments/p1/confirm')!;
    expect(sent.headers['x-event-id']).toBe('evt-1');
    expect(sent.headers['idempotency-key']).toBe('pay-1');
    expect(sent.headers['content-type']).toBe('application/json');
  });

  it('reports which pass the edge wants when it redirects a call to the queue or the waiting room', async () => {
    routes.set('POST /api/v1/reservations', (_, response) =>
      response.writeHead(302, { location: '/queue/evt-2' }).end(),
    );
    routes.set('GET /api/v1/events/evt-3/seats', (_, response) =>
      response.writeHead(302, { location: '/vwr/evt-3?returnTo=%2Fapi%2Fv1%2Fevents%2Fevt-3%2Fseats' }).end(),
    );
    const page: Handler = (_, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    routes.set('GET /queue/evt-2', page);
    routes.set('GET /vwr/evt-3', page);
    const call = createRequester({ baseUrl });

    const toQueue = await failure(call('/api/v1/reservations', { method: 'POST', body: {} }), PassRequired);
    expect([toQueue.tier, toQueue.eventId]).toEqual(['queue', 'evt-2']);

    const toRoom = await failure(call('/api/v1/events/evt-3/seats'), PassRequired);
    expect([toRoom.tier, toRoom.eventId]).toEqual(['waiting-room', 'evt-3']);
  });

  it('renews an expired session once, for all calls that found it expired, then retries them', async () => {
    let renewed = false;
    let refreshes = 0;
    routes.set('GET /api/v1/reservations', (_, response) =>
      renewed
        ? json(response, 200, { items: [] })
        : json(response, 401, { title: 'Unauthorized', status: 401 }),
    );
    routes.set('POST /api/v1/auth/refresh', (_, response) => {
      refreshes += 1;
      setTimeout(() => {
        renewed = true;
        json(response, 200, {});
      }, 50);
    });
    const call = createRequester({ baseUrl, refreshSession: true });
    const answers = await Promise.all([call('/api/v1/reservations'), call('/api/v1/reservations')]);
    expect(answers).toEqual([{ items: [] }, { items: [] }]);
    expect(refreshes).toBe(1);
  });

  it('gives the 401 back when the session cannot be renewed, and never renews around a failed sign-in', async () => {
    let refreshes = 0;
    routes.set('GET /api/v1/transfers', (_, response) =>
      json(response, 401, { title: 'Unauthorized', status: 401 }),
    );
    routes.set('POST /api/v1/auth/login', (_, response) =>
      json(response, 401, { title: 'Unauthorized', status: 401, detail: 'invalid email or password' }),
    );
    routes.set('POST /api/v1/auth/refresh', (_, response) => {
      refreshes += 1;
      json(response, 401, { title: 'Unauthorized', status: 401 });
    });
    const call = createRequester({ baseUrl, refreshSession: true });
    await expect(call('/api/v1/transfers')).rejects.toMatchObject({ status: 401 });
    expect(refreshes).toBe(1);
    const login = await failure(call('/api/v1/auth/login', { method: 'POST', body: {} }), ApiProblem);
    expect(login.problem.detail).toBe('invalid email or password');
    expect(refreshes).toBe(1);
  });

  it('names the status when an answer is not problem JSON', async () => {
    routes.set('GET /api/v1/events', (_, response) =>
      response.writeHead(502, { 'content-type': 'text/plain' }).end('upstream broke'),
    );
    const call = createRequester({ baseUrl });
    const error = await failure(call('/api/v1/events'), ApiProblem);
    expect(error.problem).toMatchObject({ status: 502, detail: 'upstream broke' });
  });

  it('gives up on a stuck upstream after the transport timeout and says the server is slow', async () => {
    routes.set('GET /api/v1/events/stuck', (_, response) => {
      setTimeout(() => json(response, 200, {}), 3_000);
    });
    const call = createRequester({ baseUrl, timeoutMs: 200 });
    const error = await call('/api/v1/events/stuck').then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(describeError(error).title).toBe('서버 응답이 늦습니다');
  });
});
