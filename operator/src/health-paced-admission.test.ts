import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestAuthService, type TestAuthService } from '@urr/auth/testing';
import {
  createLogger,
  createRedis,
  loadConfig,
  quitRedis,
  type Redis,
  type RunningServer,
  signEntryToken,
  startServer,
  tier2Keys,
} from '@urr/common';
import { createApp, gatewayContext } from '@urr/gateway';
import { type Config, configSchema } from '@urr/gateway/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingRoutes, defaultBookingRoutes, requestHistogram } from './booking-signals.js';
import { SteppableClock } from './clock.js';
import { scrapedBookingHealth } from './gateway-scrape.js';
import type { Operator } from './operator.js';
import { parseExposition } from './prometheus-text.js';
import { eventually, OperatorTestEnv } from './test-support.js';
import type { TicketEventStatus } from './ticket-event.js';

/**
 * The acceptance test of health-paced admission, on real servers: gateway-service in-process (its own
 * request histograms) in front of a ticket-service stand-in whose seat reserve can be made slow, auth-service
 * in-process for the access tokens, and the operator on the real apiserver, Redis and DynamoDB scraping the
 * gateway's /metrics. Cycles are driven by the operator's clock, so "within two cycles" needs no timing.
 */
const env = new OperatorTestEnv();
const logger = createLogger({ service: 'health-paced-admission-test', level: 'silent' });
const cycleSeconds = 60;
const clock = new SteppableClock(new Date());
const eventId = crypto.randomUUID();
const name = 'paced-sale';

let auth: TestAuthService;
let upstream: { server: Server; url: string; delayMs: number };
let gatewayConfig: Config;
let gateway: RunningServer;
let redis: Redis;
let operator: Operator;
/** What the operator scrapes; a test swaps in endpoints that are down or serve garbage. */
let targets: string[] = [];
let routes: BookingRoutes;

async function startGateway(port = 0): Promise<RunningServer> {
  const app = createApp(gatewayContext({ config: gatewayConfig, logger, redis }));
  return startServer({ app, port, logger, handleSignals: false });
}

beforeAll(async () => {
  await env.setUp();
  auth = await startTestAuthService();
  const authServer = await auth.listen();
  const server = createServer((request, response) => {
    request.resume();
    setTimeout(() => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ held: true }));
    }, upstream.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, delayMs: 0 };
  gatewayConfig = loadConfig(configSchema, {
    REDIS_URL: process.env.REDIS_URL!,
    ENTRY_TOKEN_SECRET: randomBytes(32).toString('hex'),
    TRUSTED_PROXY_HOPS: '1',
    LOG_LEVEL: 'silent',
    AUTH_URL: authServer.url,
    TICKET_URL: upstream.url,
    PAYMENT_URL: upstream.url,
  });
  redis = createRedis({ url: gatewayConfig.REDIS_URL, name: 'health-paced-admission-test', logger });
  gateway = await startGateway();
  targets = [`${gateway.url}/metrics`];
  await reserveSeats(1);
  routes = { ...defaultBookingRoutes, reserve: await reserveRouteLabel() };
  operator = env.startOperator({
    clock,
    health: scrapedBookingHealth({ targets: async () => targets, routes, timeoutMs: 500 }),
  });
});

afterAll(async () => {
  await env.tearDown();
  await gateway?.shutdown();
  await redis?.del(tier2Keys.active(eventId), tier2Keys.seen(eventId));
  await quitRedis(redis);
  await auth?.close();
  upstream?.server.closeAllConnections();
  upstream?.server.close();
});

/** Fans with a Tier-2 slot each (a fan of their own per request, as the booking rate limit is per fan). */
async function reserveSeats(fans: number): Promise<void> {
  await Promise.all(
    Array.from({ length: fans }, async (_, index) => {
      const user = { id: crypto.randomUUID(), email: 'fan@example.com', role: 'user' as const };
      const { token } = await auth.signer.sign(user);
      await redis.zadd(tier2Keys.active(eventId), Date.now(), user.id);
      await redis.hset(tier2Keys.seen(eventId), user.id, '1');
      const entry = await signEntryToken(
        { userId: user.id, eventId, slot: '1' },
        gatewayConfig.ENTRY_TOKEN_SECRET,
      );
      const response = await fetch(`${gateway.url}/api/v1/seats/reserve`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'x-queue-entry-token': entry,
          'x-forwarded-for': `2001:db8::${index.toString(16)}:${randomBytes(2).toString('hex')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ eventId, seatIds: [crypto.randomUUID()] }),
      });
      expect(response.status).toBe(201);
      await response.text();
    }),
  );
}

/**
 * The series the gateway puts seat reserve in, read from its own /metrics after one reserve (the only POST
 * it has served): the route label is the gateway's to choose.
 */
async function reserveRouteLabel() {
  const samples = parseExposition(await (await fetch(`${gateway.url}/metrics`)).text());
  const reserve = samples.find((s) => s.name === `${requestHistogram}_count` && s.labels.method === 'POST');
  expect(reserve?.labels.route).toBeDefined();
  return { method: 'POST', route: reserve!.labels.route! };
}

/** One tuning cycle: moves the operator's clock a cycle on and waits (bounded) for the health check it runs. */
async function cycle(): Promise<TicketEventStatus> {
  clock.advance(cycleSeconds * 1000);
  const advancedTo = clock.now().getTime() - 1;
  return eventually(async () => {
    const { status } = await env.getTicketEvent(name);
    expect(Date.parse(status?.bookingHealth?.checkedAt ?? '')).toBeGreaterThan(advancedTo);
    return status!;
  });
}

const ready = (status: TicketEventStatus) => status.conditions?.find((c) => c.type === 'Ready')?.status;

describe('Tier-1 admission paced by the booking path health, on the real gateway and the real stores', () => {
  it('slows admission within two cycles of a slow seat reserve, says why, and climbs back once it is fast again', async () => {
    await env.createTicketEvent(name, {
      eventId,
      sale: {
        opensAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
        closesAt: new Date(clock.now().getTime() + 48 * 3_600_000).toISOString(),
      },
      waitingRoom: { admitStep: 1000, minAdmitStep: 100, maxAdmitStep: 1000, cycleSeconds },
      slo: { reserveP99Ms: 300, confirmP99Ms: 1000, maxErrorRatio: 0.01 },
    });
    const first = await eventually(async () => {
      const { status } = await env.getTicketEvent(name);
      expect(status?.bookingHealth?.verdict).toBe('WarmingUp');
      return status!;
    });
    expect(first.admitStep).toBe(1000);

    await reserveSeats(6);
    const healthy = await cycle();
    expect(healthy.bookingHealth).toMatchObject({ verdict: 'Healthy', lastReading: { requests: 6 } });
    expect(healthy.bookingHealth?.lastReading?.reserveP99Ms).toBeLessThan(300);
    expect(healthy.admitStep).toBe(1000);

    upstream.delayMs = 500;
    await reserveSeats(6);
    let slowed = await cycle();
    let cycles = 1;
    if (slowed.admitStep === 1000) {
      await reserveSeats(6);
      slowed = await cycle();
      cycles++;
    }
    expect(slowed.admitStep, `still ${slowed.admitStep} after ${cycles} cycles`).toBe(500);
    expect(slowed.bookingHealth).toMatchObject({ verdict: 'Breached', reason: 'AdmissionSlowed' });
    expect(slowed.bookingHealth?.lastReading?.reserveP99Ms).toBeGreaterThan(500);
    expect((await env.countersItem(eventId))?.admitStep?.N).toBe('500');
    const why = await env.waitForEvent(name, 'AdmissionSlowed');
    expect(why.type).toBe('Warning');
    expect(why.note).toMatch(/admit step 1000 → 500: reserve p99 \d+ ms \(SLO 300 ms, 6 requests\)/);
    expect(
      await operator.metrics.registry.getSingleMetricAsString('urr_ticketevent_admission_paced_total'),
    ).toContain(`reason="AdmissionSlowed"} 1`);

    upstream.delayMs = 0;
    let step = slowed.admitStep!;
    for (let healthyCycles = 0; step < 1000; healthyCycles++) {
      expect(healthyCycles, 'back to 1000 within ten healthy cycles').toBeLessThan(10);
      await reserveSeats(3);
      const status = await cycle();
      expect(status.admitStep).toBeGreaterThan(step);
      expect(status.bookingHealth?.verdict).toBe('Healthy');
      step = status.admitStep!;
    }
    expect((await env.countersItem(eventId))?.admitStep?.N).toBe('1000');
    const recovered = await env.waitForEvent(name, 'AdmissionRecovered');
    expect(recovered.note).toMatch(/admit step \d+ → \d+: reserve p99 \d+ ms/);
  });

  it('keeps the step and says so when the metrics endpoint is down or serves garbage, and never crashes', async () => {
    const garbage = createServer((_request, response) => response.end('<html>502 Bad Gateway</html>'));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    try {
      const before = (await env.getTicketEvent(name)).status!;
      for (const url of [
        `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/metrics`,
        `http://127.0.0.1:${closedPort}/metrics`,
      ]) {
        targets = [url];
        upstream.delayMs = 500;
        await reserveSeats(2);
        const status = await cycle();
        expect(status.admitStep).toBe(before.admitStep);
        expect(status.bookingHealth).toMatchObject({ verdict: 'Unavailable', reason: 'HealthUnavailable' });
        expect(status.bookingHealth?.message).toContain(url);
        expect(status.bookingHealth?.lastReading).toEqual(before.bookingHealth?.lastReading);
        expect(ready(status)).toBe('True');
      }
      const warning = await env.waitForEvent(name, 'HealthUnavailable');
      expect(warning.note).toContain('not Prometheus metrics');
    } finally {
      targets = [`${gateway.url}/metrics`];
      upstream.delayMs = 0;
      garbage.close();
    }
  });

  it('reads a gateway restart (its counters back at zero) as the requests since, not as a negative window', async () => {
    // The first reading after the outage spans it, slow requests and all.
    const settled = await cycle();
    const port = gateway.port;
    await gateway.shutdown();
    gateway = await startGateway(port);
    await reserveSeats(4);
    const status = await cycle();
    expect(status.bookingHealth).toMatchObject({ verdict: 'Healthy', lastReading: { requests: 4 } });
    expect(status.admitStep).toBeGreaterThanOrEqual(settled.admitStep!);
    expect(ready(status)).toBe('True');
  });
});
