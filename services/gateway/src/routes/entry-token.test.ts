import { randomUUID } from 'node:crypto';
import { startTestAuthService, type TestAuthService } from '@urr/auth/testing';
import { type AuthUser, signEntryToken } from '@urr/common';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { freePort } from '@urr/common/testing/free-port';
import { readJson } from '@urr/common/testing/read-json';
import { startQueueHarness } from '@urr/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueClientIp } from '../testing/clients.js';
import { type EchoUpstream, startEchoUpstream } from '../testing/echo-upstream.js';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';

let auth: TestAuthService;
let authUrl: string;
let echo: EchoUpstream;

beforeAll(async () => {
  auth = await startTestAuthService();
  authUrl = (await auth.listen()).url;
  echo = await startEchoUpstream();
});
afterAll(async () => {
  await echo?.close();
  await auth?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A real queue-service and a gateway in front of it; ticket- and payment-service are the echo upstream. */
async function startChain(options: Parameters<typeof startQueueHarness>[0] = {}) {
  const queue = await startQueueHarness(options);
  const gateway = await startTestGateway({
    upstreams: { auth: authUrl, queue: queue.url, ticket: echo.url, payment: echo.url },
    env: { ENTRY_TOKEN_SECRET: queue.config.ENTRY_TOKEN_SECRET },
  });
  const close = async () => {
    await gateway.close();
    await queue.close();
  };
  return { queue, gateway, close };
}

async function signIn(role: AuthUser['role'] = 'user') {
  const user = { id: randomUUID(), email: `${role}-${randomUUID()}@example.com`, role };
  const { token } = await auth.signer.sign(user);
  return { user, authorization: `Bearer ${token}` };
}

type Fan = Awaited<ReturnType<typeof signIn>>;

function through(gateway: TestGateway, path: string, fan: Fan, headers: Record<string, string> = {}) {
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: {
      'x-forwarded-for': uniqueClientIp(),
      authorization: fan.authorization,
      'content-type': 'application/json',
      ...headers,
    },
    body: '{}',
  });
}

const reserve = (gateway: TestGateway, fan: Fan, carrier: Record<string, string>) =>
  through(gateway, '/api/v1/seats/reserve', fan, carrier);
const byHeader = (token: string) => ({ 'x-queue-entry-token': token });
const byCookie = (token: string) => ({ cookie: `urr-entry-token=${token}` });

async function expectRevoked(response: Response) {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect((await readJson(response)).type).toBe('urn:urr:problem:entry-token-revoked');
}

describe('the entry pass ends with its Tier-2 slot (gateway + real queue-service, real Redis)', () => {
  let chain: Awaited<ReturnType<typeof startChain>>;
  beforeAll(async () => {
    chain = await startChain();
  });
  afterAll(async () => chain?.close());

  async function admitted(eventId: string, fan: Fan) {
    const response = await through(chain.gateway, `/api/v1/queue/${eventId}/enter`, fan);
    const body = await readJson(response);
    expect(body.state).toBe('admitted');
    return body.entryToken as string;
  }

  it('refuses the pass after its holder left the queue, as header and as cookie; ticket-service never sees it', async () => {
    const eventId = await chain.queue.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    const fan = await signIn();
    const token = await admitted(eventId, fan);
    for (const carrier of [byHeader(token), byCookie(token)]) {
      const response = await reserve(chain.gateway, fan, carrier);
      expect(response.status).toBe(200);
      expect((await readJson(response)).headers['x-entry-event-id']).toBe(eventId);
    }

    const left = await through(chain.gateway, `/api/v1/queue/${eventId}/leave`, fan, byCookie(token));
    expect((await readJson(left)).state).toBe('not-in-line');
    const before = echo.received.length;
    await expectRevoked(await reserve(chain.gateway, fan, byHeader(token)));
    await expectRevoked(await reserve(chain.gateway, fan, byCookie(token)));
    expect(echo.received.length).toBe(before);
  });

  it('refuses the pass of an earlier entry once its holder is admitted again with a new slot', async () => {
    const eventId = await chain.queue.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    const fan = await signIn();
    const first = await admitted(eventId, fan);
    await through(chain.gateway, `/api/v1/queue/${eventId}/leave`, fan);
    const second = await admitted(eventId, fan);
    await expectRevoked(await reserve(chain.gateway, fan, byHeader(first)));
    expect((await reserve(chain.gateway, fan, byHeader(second))).status).toBe(200);
  });

  it('lets an admin refund without an entry token while a fan’s payment confirmation still needs one', async () => {
    const admin = await signIn('admin');
    const paymentId = randomUUID();
    const refund = await through(chain.gateway, `/api/v1/payments/${paymentId}/refunds`, admin);
    expect(refund.status).toBe(200);
    expect(await readJson(refund)).toMatchObject({ url: `/api/v1/payments/${paymentId}/refunds` });

    const fan = await signIn();
    const confirm = await through(chain.gateway, `/api/v1/payments/${paymentId}/confirm`, fan);
    expect(confirm.status).toBe(403);
    expect((await readJson(confirm)).type).toBe('urn:urr:problem:entry-token-required');
    const eventId = await chain.queue.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    const token = await admitted(eventId, fan);
    expect(
      (await through(chain.gateway, `/api/v1/payments/${paymentId}/confirm`, fan, byCookie(token))).status,
    ).toBe(200);
  });

  it('never lets more passes work at once than the sale has slots, under concurrent enter, leave and booking', async () => {
    const maxUsers = 3;
    const eventId = await chain.queue.newEvent({ maxUsers, threshold: maxUsers, status: 'open' });
    const fans = await Promise.all(Array.from({ length: 10 }, () => signIn()));
    const confirm = (fan: Fan, token: string) =>
      through(chain.gateway, `/api/v1/payments/${randomUUID()}/confirm`, fan, byHeader(token));
    const issued: { fan: Fan; token: string; ended: boolean }[] = [];
    const queueCall = (method: 'GET' | 'POST', action: string, fan: Fan) =>
      chain.queue.call(method, `/api/v1/queue/${eventId}/${action}`, fan.user.id).then(readJson);

    let churning = true;
    const churn = Promise.all(
      fans.map(async (fan) => {
        for (let round = 0; round < 3; round++) {
          let body = await queueCall('POST', 'enter', fan);
          while (body.state !== 'admitted') {
            await sleep(20 + Math.random() * 30);
            body = await queueCall('GET', 'status', fan);
          }
          const pass = { fan, token: body.entryToken as string, ended: false };
          issued.push(pass);
          expect((await confirm(fan, pass.token)).status).toBe(200);
          await sleep(Math.random() * 40);
          pass.ended = true;
          await queueCall('POST', 'leave', fan);
        }
      }),
    ).finally(() => {
      churning = false;
    });

    // Each sample pauses the sale, so slots can end but none begin, and tries every pass issued so far.
    const samples: { working: number; endedWorking: number }[] = [];
    while (churning) {
      await chain.queue.configure(eventId, { status: 'paused' });
      const passes = [...issued];
      const endedBefore = passes.map((pass) => pass.ended);
      const statuses = await Promise.all(
        passes.map(({ fan, token }) => confirm(fan, token).then((r) => r.status)),
      );
      samples.push({
        working: statuses.filter((status) => status === 200).length,
        endedWorking: statuses.filter((status, index) => status === 200 && endedBefore[index]).length,
      });
      expect(statuses.every((status) => status === 200 || status === 403)).toBe(true);
      await chain.queue.configure(eventId, { status: 'open' });
      await sleep(30);
    }
    await churn;

    expect(issued).toHaveLength(fans.length * 3);
    expect(samples.length).toBeGreaterThan(2);
    expect(Math.max(...samples.map((sample) => sample.working))).toBeLessThanOrEqual(maxUsers);
    expect(samples.every((sample) => sample.endedWorking === 0)).toBe(true);
    // After the churn every slot is given back: no pass works any more.
    const after = await Promise.all(
      issued.map(({ fan, token }) => confirm(fan, token).then((r) => r.status)),
    );
    expect(after.every((status) => status === 403)).toBe(true);
  }, 60_000);
});

describe('the entry pass ends when its slot lapses (1 s slot TTL, sweeper)', () => {
  let chain: Awaited<ReturnType<typeof startChain>>;
  beforeAll(async () => {
    chain = await startChain({ activeTtlSeconds: 1, sweepIntervalMs: 100 });
  });
  afterAll(async () => chain?.close());

  it('refuses the pass of a slot whose holder stopped heartbeating', async () => {
    const eventId = await chain.queue.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    const fan = await signIn();
    const body = await readJson(await through(chain.gateway, `/api/v1/queue/${eventId}/enter`, fan));
    expect(body.state).toBe('admitted');
    await until(
      'the slot to lapse',
      async () => (await chain.queue.redis.zscore(tier2Keys.active(eventId), fan.user.id)) === null,
    );
    await expectRevoked(await reserve(chain.gateway, fan, byHeader(body.entryToken)));
    await expectRevoked(await reserve(chain.gateway, fan, byCookie(body.entryToken)));
  });
});

describe('the entry pass while Redis is unreachable', () => {
  it('refuses booking writes with 503 rather than let an unchecked pass through; other routes still pass', async () => {
    const gateway = await startTestGateway({
      upstreams: { auth: authUrl, ticket: echo.url, catalog: echo.url },
      env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
    });
    try {
      const fan = await signIn();
      const token = await signEntryToken(
        { userId: fan.user.id, eventId: randomUUID(), slot: '1' },
        gateway.config.ENTRY_TOKEN_SECRET,
      );
      const booking = await reserve(gateway, fan, byHeader(token));
      expect(booking.status).toBe(503);
      expect(booking.headers.get('retry-after')).toBe('5');
      const browsing = await fetch(`${gateway.url}/api/v1/events`, {
        headers: { 'x-forwarded-for': uniqueClientIp() },
      });
      expect(browsing.status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});
