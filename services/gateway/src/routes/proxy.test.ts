import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { startTestAuthService, type TestAuthService } from '@urr/auth/testing';
import { createRedis, quitRedis, type Redis, signEntryToken, tier2Keys } from '@urr/common';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueClientIp } from '../testing/clients.js';
import { type EchoUpstream, startEchoUpstream } from '../testing/echo-upstream.js';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';

let auth: TestAuthService;
let echo: EchoUpstream;
let gateway: TestGateway;
let redis: Redis;

beforeAll(async () => {
  auth = await startTestAuthService();
  const authServer = await auth.listen();
  echo = await startEchoUpstream();
  redis = createRedis({ url: process.env.REDIS_URL!, name: 'proxy-test' });
  // payment-service is left down on purpose.
  gateway = await startTestGateway({
    upstreams: {
      auth: authServer.url,
      ticket: echo.url,
      catalog: echo.url,
      queue: echo.url,
      community: echo.url,
    },
    env: { UPSTREAM_TIMEOUT_MS: '300' },
  });
});
afterAll(async () => {
  await redis?.del(tier2Keys.active(entryEventId), tier2Keys.seen(entryEventId));
  await quitRedis(redis);
  await gateway?.close();
  await echo?.close();
  await auth?.close();
});

const send = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${gateway.url}${path}`, {
    ...init,
    headers: { 'x-forwarded-for': uniqueClientIp(), ...init.headers },
  });

async function signedIn() {
  const user = { id: crypto.randomUUID(), email: 'buyer@example.com', role: 'user' as const };
  const { token } = await auth.signer.sign(user);
  return { user, authorization: `Bearer ${token}` };
}

describe('proxying', () => {
  it('forwards to the service the route table names, aliases in their /api/v1/ form, query kept', async () => {
    const response = await send('/api/reservations/r-1/cancel?reason=changed%20plans', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toMatchObject({
      method: 'POST',
      url: '/api/v1/reservations/r-1/cancel?reason=changed%20plans',
    });
  });

  it('passes request id, traceparent, client address and version on; drops credentials and forged routing headers', async () => {
    const traceId = randomBytes(16).toString('hex');
    const client = uniqueClientIp();
    const response = await fetch(`${gateway.url}/api/v1/events?page=2`, {
      headers: {
        'x-forwarded-for': client,
        'x-request-id': 'req-from-the-edge-1',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        cookie: 'urr-access-token=whatever-it-is; theme=dark',
        'x-internal-token': 'guess',
        'x-entry-event-id': 'e-forged',
        'x-real-ip': '10.0.0.1',
      },
    });
    // A cookie that is not a valid token is refused before anything is forwarded.
    expect(response.status).toBe(401);

    const forwarded = await fetch(`${gateway.url}/api/v1/events?page=2`, {
      headers: {
        'x-forwarded-for': client,
        'x-request-id': 'req-from-the-edge-2',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        cookie: 'theme=dark',
        'x-internal-token': 'guess',
        'x-entry-event-id': 'e-forged',
        'x-real-ip': '10.0.0.1',
      },
    });
    expect(forwarded.status).toBe(200);
    expect(forwarded.headers.get('x-request-id')).toBe('req-from-the-edge-2');
    expect(forwarded.headers.get('x-api-version')).toBe('v1');
    expect(forwarded.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const { headers } = await readJson(forwarded);
    expect(headers['x-request-id']).toBe('req-from-the-edge-2');
    expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(headers['x-real-ip']).toBe(client);
    expect(headers['x-forwarded-for']).toBe(client);
    expect(headers['x-api-version']).toBe('v1');
    expect(headers.cookie).toBe('theme=dark');
    expect(headers['x-internal-token']).toBeUndefined();
    expect(headers['x-entry-event-id']).toBeUndefined();
  });

  it('streams a large request body to the service and a chunked answer back', async () => {
    const body = randomBytes(8 * 1024 * 1024);
    const response = await send('/api/v1/community/uploads', { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toMatchObject({
      bodyBytes: body.length,
      bodySha256: createHash('sha256').update(body).digest('hex'),
    });

    const streamed = await send('/api/v1/events/e1?streamChunks=5');
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toBe('chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n');
  });

  it('starts the upstream timeout once the request is uploaded: a slow upload is not the service’s delay', async () => {
    const chunks = 6;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        controller.enqueue(new Uint8Array(1024));
        if (--pulls === 0) controller.close();
      },
    });
    let pulls = chunks;
    const response = await fetch(`${gateway.url}/api/v1/community/uploads`, {
      method: 'POST',
      headers: { 'x-forwarded-for': uniqueClientIp() },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    expect((await readJson(response)).bodyBytes).toBe(chunks * 1024);
  });

  it('answers 503 problem JSON when the service is down', async () => {
    const { authorization } = await signedIn();
    const response = await send('/api/v1/payments/p-1', { headers: { authorization } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('ratelimit-limit')).toBe('3000');
    expect(await readJson(response)).toMatchObject({ status: 503, detail: 'payment-service is unavailable' });
  });

  it('answers 504 problem JSON when the service does not start answering in time', async () => {
    const response = await send('/api/v1/events?delayMs=2000');
    expect(response.status).toBe(504);
    expect((await readJson(response)).type).toBe('urn:urr:problem:upstream-timeout');
  });

  it('routes nothing outside the route table: 404 problem, internal routes included', async () => {
    for (const path of ['/api/v1/unknown', '/api/v1/admin/users', '/internal/users/u1']) {
      const response = await send(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers 405 problem JSON to a method no service serves (fetch cannot send TRACE), not an outage', async () => {
    const answer = await new Promise<{ status?: number; allow?: string; type?: string }>(
      (resolve, reject) => {
        const traced = request(`${gateway.url}/api/v1/events/e1`, {
          method: 'TRACE',
          headers: { 'x-forwarded-for': uniqueClientIp() },
        });
        traced.on('error', reject);
        traced.on('response', (response) => {
          response.resume();
          resolve({
            status: response.statusCode,
            allow: response.headers.allow,
            type: response.headers['content-type'],
          });
        });
        traced.end();
      },
    );
    expect(answer).toMatchObject({ status: 405, allow: expect.stringContaining('GET') });
    expect(answer.type).toMatch(/^application\/problem\+json/);
  });

  it('forwards a GET sent with a body without it, and without its length, so the pooled connection stays in step', async () => {
    const getWithBody = () =>
      new Promise<number | undefined>((resolve, reject) => {
        const body = JSON.stringify({ name: '0', genre: '' });
        const sent = request(`${gateway.url}/api/v1/events/e1`, {
          method: 'GET',
          headers: {
            'x-forwarded-for': uniqueClientIp(),
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
          },
        });
        sent.on('error', reject);
        sent.on('response', (response) => {
          response.resume();
          resolve(response.statusCode);
        });
        sent.end(body);
      });
    for (let round = 0; round < 3; round++) expect(await getWithBody()).toBe(200);
    const reached = echo.received.filter((r) => r.url === '/api/v1/events/e1').slice(-3);
    expect(reached.map((r) => [r.method, r.headers['content-length'], r.bodyBytes])).toEqual([
      ['GET', undefined, 0],
      ['GET', undefined, 0],
      ['GET', undefined, 0],
    ]);
    expect((await send('/api/v1/events/e2')).status).toBe(200);
  });

  it('labels each request in /metrics with its public route template, every unknown path with one label', async () => {
    const paymentId = crypto.randomUUID();
    await send('/api/v1/seats/reserve', { method: 'POST' });
    await send(`/api/v1/payments/${paymentId}/confirm`, { method: 'POST' });
    await send('/api/reservations/r-9/cancel', { method: 'POST' });
    for (const path of ['/api/v1/scan-a', '/api/v1/scan-b/1', `/api/v1/payments/${paymentId}/x/y`])
      await send(path);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const series = (route: string) =>
      metrics
        .split('\n')
        .filter(
          (line) =>
            line.startsWith('http_request_duration_seconds_count') && line.includes(`route="${route}"`),
        );
    expect(series('/api/v1/seats/reserve')).toEqual([
      expect.stringContaining('method="POST",route="/api/v1/seats/reserve",status_code="401"'),
    ]);
    expect(series('/api/v1/payments/:id/confirm')).toEqual([expect.stringContaining('method="POST"')]);
    expect(series('/api/v1/reservations/:id/cancel').length).toBe(1);
    expect(metrics).not.toContain(paymentId);
    expect(metrics).not.toContain('scan-');
    expect(metrics).not.toContain('route="/api/*"');
    expect(
      series('unmatched').some((line) => line.includes('method="GET"') && line.includes('status_code="404"')),
    ).toBe(true);
  });

  it('refuses an API version it does not serve', async () => {
    const response = await send('/api/v1/events', { headers: { 'x-api-version': 'v2' } });
    expect(response.status).toBe(400);
    expect((await readJson(response)).type).toBe('urn:urr:problem:api-version');
    expect((await send('/api/v1/events', { headers: { 'x-api-version': 'v1' } })).status).toBe(200);
  });
});

const entryEventId = crypto.randomUUID();

describe('entry token on seat, reservation and payment writes', () => {
  const eventId = entryEventId;

  it('needs a signed-in user', async () => {
    expect((await send('/api/v1/seats/reserve', { method: 'POST' })).status).toBe(401);
  });

  it('needs the entry token of that user, unexpired', async () => {
    const { user, authorization } = await signedIn();
    const secret = gateway.config.ENTRY_TOKEN_SECRET;
    const cases: [string | undefined, string][] = [
      [undefined, 'urn:urr:problem:entry-token-required'],
      [
        await signEntryToken({ userId: crypto.randomUUID(), eventId, slot: '1' }, secret),
        'urn:urr:problem:entry-token-invalid',
      ],
      [
        await signEntryToken({ userId: user.id, eventId, slot: '1' }, randomBytes(32).toString('hex')),
        'urn:urr:problem:entry-token-invalid',
      ],
      [
        await signEntryToken(
          { userId: user.id, eventId, slot: '1' },
          secret,
          new Date(Date.now() - 11 * 60_000),
        ),
        'urn:urr:problem:entry-token-expired',
      ],
    ];
    const before = echo.received.length;
    for (const [token, type] of cases) {
      const response = await send('/api/v1/seats/reserve', {
        method: 'POST',
        headers: { authorization, ...(token ? { 'x-queue-entry-token': token } : {}) },
      });
      expect(response.status).toBe(403);
      expect((await readJson(response)).type).toBe(type);
    }
    expect(echo.received.length).toBe(before);
  });

  it('forwards the token’s event as X-Entry-Event-Id (from the cookie or the header), never the client’s', async () => {
    const { user, authorization } = await signedIn();
    // The Tier-2 slot the token names, as queue-service holds it (entry-token.test.ts uses the real one).
    await redis.zadd(tier2Keys.active(eventId), Date.now(), user.id);
    await redis.hset(tier2Keys.seen(eventId), user.id, '1');
    const token = await signEntryToken(
      { userId: user.id, eventId, slot: '1' },
      gateway.config.ENTRY_TOKEN_SECRET,
    );
    const carriers: Record<string, string>[] = [
      { cookie: `urr-entry-token=${token}` },
      { 'x-queue-entry-token': token },
    ];
    for (const carrier of carriers) {
      const response = await send('/api/v1/reservations', {
        method: 'POST',
        headers: {
          authorization,
          'x-entry-event-id': 'another-event',
          'content-type': 'application/json',
          ...carrier,
        },
        body: JSON.stringify({ eventId }),
      });
      expect(response.status).toBe(200);
      const { headers } = await readJson(response);
      expect(headers['x-entry-event-id']).toBe(eventId);
      expect(headers['x-user-id']).toBe(user.id);
    }
  });

  it('lets reads through without one', async () => {
    const { authorization } = await signedIn();
    expect((await send('/api/v1/reservations', { headers: { authorization } })).status).toBe(200);
    expect((await send(`/api/v1/events/${eventId}/seats`)).status).toBe(200);
  });
});

describe('public OpenAPI document', () => {
  it('assembles the services’ public routes with the gateway’s own answers', async () => {
    const response = await send('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = await readJson(response);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/register',
        '/api/v1/auth/refresh',
        '/api/v1/auth/me',
      ]),
    );
    expect(Object.keys(document.paths).some((path) => path.startsWith('/internal'))).toBe(false);
    expect(document.paths['/api/v1/auth/login'].post.responses['429'].$ref).toBe(
      '#/components/responses/TooManyRequests',
    );
    expect(document.components.schemas.RegisterRequest.required).toEqual(['email', 'password']);
    expect(document['x-unavailable-services']).toContain('payment');
  });
});
