import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, createServiceApp, type RunningServer, startServer } from '@urr/common';
import { afterAll, describe, expect, it } from 'vitest';
import { BookingHealthError } from './booking-health-source.js';
import { defaultBookingRoutes } from './booking-signals.js';
import { scrapedBookingHealth } from './gateway-scrape.js';
import { staticTargets } from './gateway-targets.js';

const logger = createLogger({ service: 'gateway-scrape-test', level: 'silent' });
const running: { shutdown: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.shutdown()));
});

/**
 * A service app with URR's real request histogram on the booking routes (the gateway's own routes come in
 * health-paced-admission.test.ts): seat reserve waits `delayMs`, confirm answers `confirmStatus`.
 */
async function startPod(port = 0) {
  const behaviour = { delayMs: 0, confirmStatus: 200 };
  const app = createServiceApp({ name: 'gateway-service', logger, defaultMetrics: false });
  app.post('/api/v1/seats/reserve', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    return c.json({ held: true }, 201);
  });
  app.post('/api/v1/payments/:id/confirm', (c) =>
    c.json({ status: behaviour.confirmStatus }, behaviour.confirmStatus as 200),
  );
  const server: RunningServer = await startServer({ app, port, logger, handleSignals: false });
  running.push(server);
  const send = async (path: string, times: number) => {
    for (let i = 0; i < times; i++) await post(`${server.url}${path}`);
  };
  return {
    behaviour,
    server,
    metricsUrl: `${server.url}/metrics`,
    reserve: (times: number) => send('/api/v1/seats/reserve', times),
    confirm: (times: number) => send('/api/v1/payments/p-1/confirm', times),
  };
}

/** A request on a connection of its own, so a restarted pod's port never meets a pooled, closed socket. */
function post(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    sent.on('error', reject);
    sent.end();
  });
}

async function startRawServer(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({
    shutdown: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, server };
}

const scope = (key: string) => ({ key, namespace: 'urr' });

describe('scraping the gateway pods for the booking path health', () => {
  it('reads p99 and 5xx share from what changed between two scrapes, summed over the pods', async () => {
    const [a, b] = [await startPod(), await startPod()];
    await a.reserve(3);
    const health = scrapedBookingHealth({
      targets: staticTargets([a.metricsUrl, b.metricsUrl]),
      routes: defaultBookingRoutes,
    });
    expect(await health.read(scope('deltas'))).toBeUndefined();

    await a.reserve(5);
    b.behaviour.delayMs = 120;
    await b.reserve(5);
    await b.confirm(3);
    b.behaviour.confirmStatus = 503;
    await b.confirm(1);
    const reading = await health.read(scope('deltas'));
    expect(reading?.reserve.requests).toBe(10);
    expect(reading?.reserve.p99Ms).toBeGreaterThan(100);
    expect(reading?.reserve.p99Ms).toBeLessThanOrEqual(250);
    expect(reading?.confirm).toMatchObject({ requests: 4, errors: 1 });

    expect(await health.read(scope('deltas'))).toEqual({
      reserve: { requests: 0, errors: 0 },
      confirm: { requests: 0, errors: 0 },
    });
  });

  it('keeps a window per TicketEvent, so two sales on one gateway both see every request', async () => {
    const pod = await startPod();
    const health = scrapedBookingHealth({
      targets: staticTargets([pod.metricsUrl]),
      routes: defaultBookingRoutes,
    });
    await health.read(scope('sale-a'));
    await health.read(scope('sale-b'));
    await pod.reserve(4);
    expect((await health.read(scope('sale-a')))?.reserve.requests).toBe(4);
    expect((await health.read(scope('sale-b')))?.reserve.requests).toBe(4);
    health.forget('sale-a');
    expect(await health.read(scope('sale-a'))).toBeUndefined();
  });

  it('shares one scrape among the TicketEvents read at the same time, and scrapes afresh for the next round', async () => {
    let scrapes = 0;
    const pod = await startPod();
    const counting = await startRawServer(async (_req, res) => {
      scrapes += 1;
      const answer = await fetch(pod.metricsUrl);
      res.setHeader('content-type', answer.headers.get('content-type') ?? 'text/plain');
      res.end(await answer.text());
    });
    const health = scrapedBookingHealth({
      targets: staticTargets([counting.url]),
      routes: defaultBookingRoutes,
    });
    const sales = ['one', 'two', 'three', 'four', 'five'];
    await Promise.all(sales.map((sale) => health.read(scope(sale))));
    expect(scrapes).toBe(1);

    await pod.reserve(3);
    const readings = await Promise.all(sales.map((sale) => health.read(scope(sale))));
    expect(scrapes).toBe(2);
    for (const reading of readings) expect(reading?.reserve.requests).toBe(3);
  });

  it('reads a pod restart (its counters back at zero) as the requests since, never as a negative count', async () => {
    const pod = await startPod();
    await pod.reserve(12);
    const health = scrapedBookingHealth({
      targets: staticTargets([pod.metricsUrl]),
      routes: defaultBookingRoutes,
    });
    await health.read(scope('restart'));
    await pod.server.shutdown();
    const restarted = await startPod(pod.server.port);
    await restarted.reserve(3);
    const reading = await health.read(scope('restart'));
    expect(reading?.reserve.requests).toBe(3);
    expect(reading?.reserve.p99Ms).toBeGreaterThanOrEqual(0);
  });

  it('fails with a reason when every endpoint is down, garbage, an error page or silent; reads the good pod among them', async () => {
    const closed = await startRawServer(() => {});
    const closedUrl = closed.url;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const garbage = await startRawServer((_req, res) => res.end('<html>upstream connect error</html>'));
    const failing = await startRawServer((_req, res) => {
      res.writeHead(500);
      res.end('oops');
    });
    const empty = await startRawServer((_req, res) => res.end(''));
    const silent = await startRawServer(() => {});
    const endless = await startRawServer((_req, res) => {
      const line = `${'x'.repeat(1023)}\n`;
      const pump = () => {
        while (!res.destroyed && res.write(line));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const bad = [closedUrl, garbage.url, failing.url, empty.url, silent.url, endless.url];
    const health = scrapedBookingHealth({
      targets: staticTargets(bad),
      routes: defaultBookingRoutes,
      timeoutMs: 300,
    });
    const error = await health.read(scope('bad')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingHealthError);
    const message = (error as Error).message;
    expect(message).toContain('not Prometheus metrics');
    expect(message).toContain('answered 500');
    expect(message).toContain('an empty answer');
    expect(message).toContain('answered more than 4194304 bytes');
    for (const url of bad) expect(message).toContain(url);

    const good = await startPod();
    const mixed = scrapedBookingHealth({
      targets: staticTargets([...bad, good.metricsUrl]),
      routes: defaultBookingRoutes,
      timeoutMs: 300,
    });
    await mixed.read(scope('mixed'));
    await good.reserve(2);
    expect((await mixed.read(scope('mixed')))?.reserve.requests).toBe(2);
  });

  it('says so when there is no pod to scrape', async () => {
    const health = scrapedBookingHealth({ targets: staticTargets([]), routes: defaultBookingRoutes });
    await expect(health.read(scope('none'))).rejects.toThrow('no gateway pods to scrape in urr');
  });
});
