import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceApp } from '../http/create-service-app.js';
import { captureLogs } from '../testing/log-capture.js';
import { initTracing, type Tracing } from './tracing.js';

// A Zipkin collector endpoint: it keeps the spans it is sent.
const received: { traceId: string; name: string; kind?: string; localEndpoint?: { serviceName?: string } }[] =
  [];
let collector: Server;
let tracing: Tracing;

beforeAll(async () => {
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(...JSON.parse(body));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const { port } = collector.address() as AddressInfo;
  tracing = initTracing({
    serviceName: 'ticket-service',
    zipkinUrl: `http://127.0.0.1:${port}/api/v2/spans`,
  });
});

afterAll(async () => {
  await new Promise((resolve) => collector?.close(resolve));
});

describe('tracing', () => {
  it('continues the caller trace, puts its id in every log line, and exports the span to Zipkin', async () => {
    const logs = captureLogs('ticket-service');
    const app = createServiceApp({ name: 'ticket-service', logger: logs.logger, defaultMetrics: false });
    app.get('/api/v1/seats/:id', (c) => {
      c.get('logger').info({ seatId: c.req.param('id') }, 'looking up seat');
      return c.json({ ok: true });
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await app.request('/api/v1/seats/A1', {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);

    const lines = logs.lines();
    expect(lines.map((line) => line.msg)).toEqual(['looking up seat', 'request']);
    for (const line of lines)
      expect(line).toMatchObject({ trace_id: traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });

    const untraced = await app.request('/health');
    expect(untraced.status).toBe(200);
    const fresh = logs.lines().at(-1);
    expect(fresh?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh?.trace_id).not.toBe(traceId);

    await tracing.shutdown();
    const span = received.find((candidate) => candidate.traceId === traceId);
    expect(span).toMatchObject({
      name: 'GET /api/v1/seats/:id',
      kind: 'SERVER',
      localEndpoint: { serviceName: 'ticket-service' },
    });
  });
});
