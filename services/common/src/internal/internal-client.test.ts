import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpProblem } from '../errors/http-problem.js';
import { createServiceApp } from '../http/create-service-app.js';
import { type RunningServer, startServer } from '../http/start-server.js';
import { captureLogs } from '../testing/log-capture.js';
import { readJson } from '../testing/read-json.js';
import { initTracing, type Tracing, withSpan } from '../tracing/tracing.js';
import {
  createInternalClient,
  UpstreamProblemError,
  UpstreamResponseError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from './internal-client.js';
import { internalToken } from './internal-token.js';

const token = randomBytes(32).toString('hex');
const { logger } = captureLogs('payment-service');
let server: RunningServer;
let tracing: Tracing;
const seen: { traceparent?: string | undefined; requestId?: string | undefined }[] = [];

beforeAll(async () => {
  tracing = initTracing({ serviceName: 'internal-client-test' });
  const app = createServiceApp({ name: 'payment-service', logger, defaultMetrics: false });
  app.use('/internal/*', internalToken({ token }));
  app.get('/internal/payments/:id', (c) => {
    seen.push({ traceparent: c.req.header('traceparent'), requestId: c.req.header('x-request-id') });
    if (c.req.param('id') === 'missing')
      throw new HttpProblem(404, { title: 'Not Found', detail: 'no payment missing', paymentId: 'missing' });
    return c.json({ id: c.req.param('id'), amount: 5000, status: c.req.query('status') ?? 'PAID' });
  });
  app.post('/internal/echo', async (c) => c.json(await c.req.json()));
  app.get('/internal/peer', (c) => {
    const { incoming } = c.env as { incoming: { socket: { remotePort?: number } } };
    return c.json({ port: incoming.socket.remotePort });
  });
  app.get('/internal/slow', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return c.json({});
  });
  server = await startServer({ app, port: 0, logger, handleSignals: false });
});

afterAll(async () => {
  await server?.shutdown();
  await tracing?.shutdown();
});

const Payment = z.object({ id: z.string(), amount: z.number(), status: z.string() });

describe('internalToken', () => {
  it('refuses calls without the token or with a wrong one as 401 problem JSON', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-internal-token': 'x'.repeat(64) },
      { 'x-internal-token': `${token}x` },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/internal/payments/p-1`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect((await readJson(response)).detail).toBe('internal routes need a valid x-internal-token header');
    }
    const ok = await fetch(`${server.url}/internal/payments/p-1`, { headers: { 'x-internal-token': token } });
    expect(ok.status).toBe(200);
  });

  it('refuses to guard with a short token', () => {
    expect(() => internalToken({ token: 'short' })).toThrow('at least 32 characters');
  });
});

describe('createInternalClient', () => {
  it('sends the token, the request id and the trace context, and validates the answer', async () => {
    const client = createInternalClient({ baseUrl: server.url, token, target: 'payment-service' });
    const { payment, traceId, sampled } = await withSpan('caller', {}, async (span) => ({
      payment: await client.get('/internal/payments/p-7', {
        schema: Payment,
        query: { status: 'REFUNDED' },
        requestId: 'req-42',
      }),
      traceId: span.spanContext().traceId,
      sampled: span.spanContext().traceFlags.toString(16).padStart(2, '0'),
    }));
    expect(payment).toEqual({ id: 'p-7', amount: 5000, status: 'REFUNDED' });
    const call = seen.at(-1);
    expect(call?.requestId).toBe('req-42');
    expect(call?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-${sampled}$`));
    expect(await client.post('/internal/echo', { body: { seat: 'A1' } })).toEqual({ seat: 'A1' });
  });

  it('surfaces problem JSON answers as UpstreamProblemError with the problem', async () => {
    const client = createInternalClient({ baseUrl: server.url, token, target: 'payment-service' });
    const error = await client.get('/internal/payments/missing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamProblemError);
    expect(error).toMatchObject({ status: 404, problem: { title: 'Not Found', paymentId: 'missing' } });
    const wrongToken = createInternalClient({ baseUrl: server.url, token: 'y'.repeat(40) });
    await expect(wrongToken.get('/internal/payments/p-1')).rejects.toMatchObject({ status: 401 });
  });

  it('times out, reports an unreachable service, and refuses an answer of the wrong shape', async () => {
    const client = createInternalClient({ baseUrl: server.url, token, timeoutMs: 200 });
    const timeout = await client.get('/internal/slow').catch((caught: unknown) => caught);
    expect(timeout).toBeInstanceOf(UpstreamTimeoutError);
    expect((timeout as UpstreamTimeoutError).toProblem().status).toBe(504);

    const down = createInternalClient({ baseUrl: 'http://127.0.0.1:1', token, target: 'ticket-service' });
    const unavailable = await down.get('/internal/x').catch((caught: unknown) => caught);
    expect(unavailable).toBeInstanceOf(UpstreamUnavailableError);
    expect((unavailable as UpstreamUnavailableError).toProblem()).toMatchObject({ status: 503 });

    const wrongShape = await client
      .get('/internal/payments/p-1', { schema: z.object({ amount: z.string() }) })
      .catch((caught: unknown) => caught);
    expect(wrongShape).toBeInstanceOf(UpstreamResponseError);
  });

  it('keeps one connection for calls in a row and sends a body of multi-byte text whole', async () => {
    const client = createInternalClient({ baseUrl: server.url, token });
    const Peer = z.object({ port: z.number() });
    const ports = new Set<number>();
    for (let call = 0; call < 20; call += 1)
      ports.add((await client.get('/internal/peer', { schema: Peer })).port);
    expect(ports.size).toBe(1);

    const body = {
      name: '잠실 콘서트홀 — 1층 A구역',
      seats: Array.from({ length: 500 }, (_, i) => `좌석-${i}`),
    };
    await expect(client.post('/internal/echo', { body })).resolves.toEqual(body);
  });

  it('answers calls made at once on connections of their own, and a timed-out call spoils none for the next', async () => {
    const client = createInternalClient({ baseUrl: server.url, token });
    const Peer = z.object({ port: z.number() });
    const together = await Promise.all(
      Array.from({ length: 8 }, () => client.get('/internal/peer', { schema: Peer })),
    );
    expect(new Set(together.map((answer) => answer.port)).size).toBe(8);
    await expect(client.get('/internal/slow', { timeoutMs: 200 })).rejects.toBeInstanceOf(
      UpstreamTimeoutError,
    );
    await expect(client.get('/internal/payments/p-2', { schema: Payment })).resolves.toMatchObject({
      id: 'p-2',
    });
  });
});
