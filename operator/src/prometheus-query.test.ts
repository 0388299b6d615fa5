import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingHealthError } from './booking-health-source.js';
import { defaultBookingRoutes } from './booking-signals.js';
import { prometheusBookingHealth } from './prometheus-query.js';

/**
 * An HTTP server answering Prometheus' instant-query API the way Prometheus does (`/api/v1/query`,
 * `{"status":"success","data":{"resultType":"vector","result":[…]}}`), from canned answers per query shape.
 */
let answer: (query: string, response: ServerResponse) => void;
const queries: string[] = [];
let base: string;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const url = new URL(request.url ?? '/', 'http://prometheus');
  if (url.pathname !== '/api/v1/query') {
    response.writeHead(404);
    response.end();
    return;
  }
  const query = url.searchParams.get('query') ?? '';
  queries.push(query);
  answer(query, response);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const vector = (value: string | undefined) =>
  JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: value === undefined ? [] : [{ metric: {}, value: [1_765_000_000, value] }],
    },
  });

function figures(values: { p99: string; count: string; errors: string; confirmP99?: string }) {
  return (query: string, response: ServerResponse) => {
    const confirm = query.includes(':id/confirm');
    response.writeHead(200, { 'content-type': 'application/json' });
    if (query.startsWith('histogram_quantile'))
      response.end(vector(confirm ? (values.confirmP99 ?? 'NaN') : values.p99));
    else if (query.includes('status_code=~"5.."')) response.end(vector(confirm ? undefined : values.errors));
    else response.end(vector(confirm ? undefined : values.count));
  };
}

const health = () =>
  prometheusBookingHealth({
    url: base,
    routes: defaultBookingRoutes,
    window: '2m',
    gatewaySelector: (namespace) => `service="gateway-service",namespace="${namespace}"`,
    timeoutMs: 300,
  });

describe('reading the booking path health from a Prometheus query API', () => {
  it('asks for p99, requests and 5xx of each route in the namespace and reads the answers', async () => {
    answer = figures({ p99: '0.8123', count: '240.4', errors: '3' });
    queries.length = 0;
    const reading = await health().read({ key: 'urr/sale', namespace: 'urr' });
    expect(reading).toEqual({
      reserve: { requests: 240, errors: 3, p99Ms: 812 },
      confirm: { requests: 0, errors: 0 },
    });
    expect(queries).toContain(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="gateway-service",namespace="urr",method="POST",route="/api/v1/seats/reserve"}[2m])))',
    );
    expect(queries).toContain(
      'sum(increase(http_request_duration_seconds_count{service="gateway-service",namespace="urr",method="POST",route="/api/v1/payments/:id/confirm",status_code=~"5.."}[2m]))',
    );
  });

  it.each([
    [
      'an error status',
      (_q: string, r: ServerResponse) => r.writeHead(503).end('{"status":"error"}'),
      'answered 503',
    ],
    [
      'an error answer',
      (_q: string, r: ServerResponse) => r.end('{"status":"error","error":"bad query"}'),
      'not an instant vector',
    ],
    ['garbage', (_q: string, r: ServerResponse) => r.end('<html>nope</html>'), 'Prometheus at'],
    [
      'a matrix',
      (_q: string, r: ServerResponse) =>
        r.end('{"status":"success","data":{"resultType":"matrix","result":[]}}'),
      'not an instant vector',
    ],
    ['no answer', () => {}, 'timeout'],
  ])('fails with a BookingHealthError on %s', async (_case, answerWith, message) => {
    answer = answerWith;
    const error = await health()
      .read({ key: 'urr/sale', namespace: 'urr' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingHealthError);
    expect((error as Error).message).toContain(message);
  });
});
