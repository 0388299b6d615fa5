import { randomUUID } from 'node:crypto';
import { startTestAuthService, type TestAuthService } from '@urr/auth/testing';
import { readJson } from '@urr/common/testing/read-json';
import { type QueueHarness, startQueueHarness } from '@urr/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueClientIp } from '../testing/clients.js';
import { type EchoUpstream, startEchoUpstream } from '../testing/echo-upstream.js';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';

/**
 * Revoked passes as the gateway judges them (docs/adr/0040): real auth-service, queue-service and gateway
 * on the real Redis, PostgreSQL and DynamoDB; ticket-service is the echo upstream.
 */
let queue: QueueHarness;
let auth: TestAuthService;
let echo: EchoUpstream;
let gateway: TestGateway;
beforeAll(async () => {
  queue = await startQueueHarness();
  auth = await startTestAuthService({
    env: { QUEUE_URL: queue.url, INTERNAL_API_TOKEN: queue.config.INTERNAL_API_TOKEN },
  });
  const authUrl = (await auth.listen()).url;
  echo = await startEchoUpstream();
  gateway = await startTestGateway({
    upstreams: { auth: authUrl, queue: queue.url, ticket: echo.url },
    env: { ENTRY_TOKEN_SECRET: queue.config.ENTRY_TOKEN_SECRET },
  });
});
afterAll(async () => {
  await gateway?.close();
  await echo?.close();
  await auth?.close();
  await queue?.close();
});

function post(path: string, authorization: string, headers: Record<string, string> = {}, body = '{}') {
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: {
      'x-forwarded-for': uniqueClientIp(),
      authorization,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });
}

/** A fan registered through the gateway, with the access token auth-service handed out. */
async function registerFan() {
  const response = await fetch(`${gateway.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'x-forwarded-for': uniqueClientIp(), 'content-type': 'application/json' },
    body: JSON.stringify({ email: `fan-${randomUUID()}@example.com`, password: 'a long enough password' }),
  });
  expect(response.status).toBe(201);
  const body = await readJson(response);
  return { id: body.account.id as string, authorization: `Bearer ${body.accessToken}` };
}

async function entryPassOf(eventId: string, authorization: string): Promise<string> {
  const body = await readJson(await post(`/api/v1/queue/${eventId}/enter`, authorization));
  expect(body.state).toBe('admitted');
  return body.entryToken;
}

const reserve = (authorization: string, entryPass: string) =>
  post('/api/v1/seats/reserve', authorization, { 'x-queue-entry-token': entryPass });

async function expectRefused(response: Response) {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect((await readJson(response)).type).toBe('urn:urr:problem:entry-token-revoked');
}

describe('entry passes after their account’s passes were revoked (gateway, auth-service, queue-service)', () => {
  it('refuses the old entry pass at the gateway once the fan signed out everywhere; ticket-service never sees it', async () => {
    const eventId = await queue.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    const fan = await registerFan();
    const oldPass = await entryPassOf(eventId, fan.authorization);
    expect((await reserve(fan.authorization, oldPass)).status).toBe(200);

    expect((await post('/api/v1/auth/logout-everywhere', fan.authorization)).status).toBe(200);
    const before = echo.received.length;
    await expectRefused(await reserve(fan.authorization, oldPass));
    expect(echo.received.length).toBe(before);
  });

  it('refuses a replayed pass after an admin revoked the fan’s passes, and honours the one issued after', async () => {
    const eventId = await queue.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    const fan = await registerFan();
    const oldPass = await entryPassOf(eventId, fan.authorization);
    const admin = await auth.signer.sign({ id: randomUUID(), email: 'admin@example.com', role: 'admin' });

    const asFan = await post(`/api/v1/queue/admin/accounts/${fan.id}/pass-revocations`, fan.authorization);
    expect(asFan.status).toBe(403);
    expect((await reserve(fan.authorization, oldPass)).status).toBe(200);

    const revoked = await post(
      `/api/v1/queue/admin/accounts/${fan.id}/pass-revocations`,
      `Bearer ${admin.token}`,
    );
    expect(revoked.status).toBe(200);
    for (let replay = 0; replay < 3; replay += 1)
      await expectRefused(await reserve(fan.authorization, oldPass));

    const newPass = await entryPassOf(eventId, fan.authorization);
    expect((await reserve(fan.authorization, newPass)).status).toBe(200);
    await expectRefused(await reserve(fan.authorization, oldPass));
  });
});
