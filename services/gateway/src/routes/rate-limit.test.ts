import { startTestAuthService, type TestAuthService } from '@urr/auth/testing';
import { createRedis, quitRedis, type Redis } from '@urr/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueClientIp } from '../testing/clients.js';
import { type EchoUpstream, startEchoUpstream } from '../testing/echo-upstream.js';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';

let auth: TestAuthService;
let authUrl: string;
let echo: EchoUpstream;
let redis: Redis;
const gateways: TestGateway[] = [];
const clientsUsed: string[] = [];

const startGateway = async () => {
  const gateway = await startTestGateway({
    upstreams: { auth: authUrl, queue: echo.url, catalog: echo.url, ticket: echo.url },
  });
  gateways.push(gateway);
  return gateway;
};

beforeAll(async () => {
  auth = await startTestAuthService();
  authUrl = (await auth.listen()).url;
  echo = await startEchoUpstream();
  redis = createRedis({ url: process.env.REDIS_URL!, name: 'rate-limit-test' });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  const keys = clientsUsed.flatMap((client) =>
    ['AUTH', 'QUEUE', 'BOOKING', 'GENERAL'].map((category) => `rate:${category}:${client}`),
  );
  if (keys.length > 0) await redis.del(...keys);
  await quitRedis(redis);
  await echo?.close();
  await auth?.close();
});

function newClient() {
  const ip = uniqueClientIp();
  clientsUsed.push(ip);
  return ip;
}

const send = (gateway: TestGateway, path: string, client: string, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${path}`, { headers: { 'x-forwarded-for': client, ...headers } });

describe('acceptance 2: rate limits per client and category, kept in Redis', () => {
  it('answers the 61st AUTH request in a minute with 429; other categories keep their budgets; a restart changes nothing', async () => {
    const client = newClient();
    let gateway = await startGateway();
    for (let request = 1; request <= 60; request++) {
      const response = await send(gateway, request % 2 ? '/api/v1/auth/me' : '/api/auth/me', client);
      expect(response.status).toBe(401);
      expect(response.headers.get('ratelimit-limit')).toBe('60');
      expect(response.headers.get('ratelimit-remaining')).toBe(String(60 - request));
      const reset = Number(response.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    const limited = await send(gateway, '/api/v1/auth/me', client);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-policy')).toBe('60;w=60');

    const queue = await send(gateway, '/api/v1/queue/e1/status', client);
    expect(queue.status).toBe(200);
    expect(queue.headers.get('ratelimit-limit')).toBe('120');
    expect(queue.headers.get('ratelimit-remaining')).toBe('119');
    const general = await send(gateway, '/api/v1/events', client);
    expect(general.status).toBe(200);
    expect(general.headers.get('ratelimit-remaining')).toBe('2999');
    const booking = await send(gateway, '/api/v1/reservations', client);
    expect(booking.headers.get('ratelimit-limit')).toBe('30');

    // Another client is not affected.
    expect((await send(gateway, '/api/v1/auth/me', newClient())).status).toBe(401);

    // The count lives in Redis under the architecture's key, so a new gateway instance sees it.
    expect(Number(await redis.get(`rate:AUTH:${client}`))).toBe(61);
    expect(await redis.pttl(`rate:AUTH:${client}`)).toBeLessThanOrEqual(60_000);
    await gateway.close();
    gateway = await startGateway();
    expect((await send(gateway, '/api/v1/auth/me', client)).status).toBe(429);
  });

  it('counts exactly under concurrency: 150 simultaneous QUEUE requests, 120 pass', async () => {
    const client = newClient();
    const gateway = await startGateway();
    const statuses = await Promise.all(
      Array.from({ length: 150 }, () =>
        send(gateway, '/api/v1/queue/e1/status', client).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(120);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
  });

  it('keys a signed-in user by their id, wherever they connect from', async () => {
    const gateway = await startGateway();
    const userId = crypto.randomUUID();
    clientsUsed.push(userId);
    const { token } = await auth.signer.sign({ id: userId, email: 'limited@example.com', role: 'user' });
    const headers = { authorization: `Bearer ${token}` };
    for (let request = 0; request < 30; request++)
      expect((await send(gateway, '/api/v1/reservations', newClient(), headers)).status).toBe(200);
    const limited = await send(gateway, '/api/v1/reservations', newClient(), headers);
    expect(limited.status).toBe(429);
    expect(await redis.exists(`rate:BOOKING:${userId}`)).toBe(1);
  });
});
