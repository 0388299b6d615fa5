import { randomUUID } from 'node:crypto';
import { verifyEntryToken } from '@urr/common';
import { refreshTokenCookieName } from '@urr/common/auth/access-token';
import { freePort } from '@urr/common/testing/free-port';
import { readJson } from '@urr/common/testing/read-json';
import { type QueueHarness, startQueueHarness } from '@urr/queue/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenFamilies, refreshTokens, users } from '../db/schema.js';
import { refreshTokenHash } from '../domain/refresh-token.js';
import { CookieJar } from '../testing/cookie-jar.js';
import { startTestAuthService, type TestAuthService } from '../testing/test-auth-service.js';

/** auth-service wired to a real queue-service (Redis, moto DynamoDB), as they are deployed. */
let queue: QueueHarness;
let auth: TestAuthService;
beforeAll(async () => {
  queue = await startQueueHarness({ waitingRoomCacheMs: 0 });
  auth = await startTestAuthService({
    env: { QUEUE_URL: queue.url, INTERNAL_API_TOKEN: queue.config.INTERNAL_API_TOKEN },
  });
});
afterAll(async () => {
  await auth?.close();
  await queue?.close();
});

const password = 'a long enough password';

function post(app: TestAuthService['app'], path: string, init: { jar?: CookieJar; body?: unknown } = {}) {
  return app.request(`/api/v1/auth${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.jar ? { cookie: init.jar.header() } : {}),
    },
    body: JSON.stringify(init.body ?? {}),
  });
}

interface Account {
  readonly id: string;
  readonly email: string;
}

/** Registers an account; its first device's cookies. */
async function register(app = auth.app): Promise<{ account: Account; jar: CookieJar }> {
  const email = `fan-${randomUUID()}@example.com`;
  const response = await post(app, '/register', { body: { email, password, displayName: 'Fan' } });
  expect(response.status).toBe(201);
  const jar = new CookieJar().store(response);
  return { account: { id: (await readJson(response)).account.id, email }, jar };
}

/** Another device signing in to the account. */
async function signIn(account: Account, app = auth.app): Promise<CookieJar> {
  const response = await post(app, '/login', { body: { email: account.email, password } });
  expect(response.status).toBe(200);
  return new CookieJar().store(response);
}

/** The refresh with `jar`'s refresh cookie; the jar keeps the rotated one. */
async function refresh(jar: CookieJar, app = auth.app): Promise<Response> {
  const response = await post(app, '/refresh', { jar });
  jar.store(response);
  return response;
}

/** sign-out everywhere as the gateway forwards it for the signed-in account. */
function signOutEverywhere(account: Account, app = auth.app) {
  return app.request('/api/v1/auth/logout-everywhere', {
    method: 'POST',
    headers: { 'x-user-id': account.id, 'x-user-email': account.email, 'x-user-role': 'user' },
  });
}

async function expectRefreshRevoked(refreshToken: string, app = auth.app) {
  const response = await post(app, '/refresh', {
    jar: new CookieJar().set(refreshTokenCookieName, refreshToken),
  });
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect((await readJson(response)).type).toBe('urn:urr:problem:refresh-token-revoked');
}

/** When the sign-in that `refreshToken` belongs to began. */
async function familyCreatedAt(refreshToken: string): Promise<Date> {
  const [row] = await auth.db.primary
    .select({ createdAt: refreshTokenFamilies.createdAt })
    .from(refreshTokens)
    .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
    .where(eq(refreshTokens.tokenHash, refreshTokenHash(refreshToken, auth.config.REFRESH_TOKEN_PEPPER)));
  return row!.createdAt;
}

async function enterTier2(eventId: string, account: Account, tier1Pass?: string) {
  return readJson(
    await queue.call(
      'POST',
      `/api/v1/queue/${eventId}/enter`,
      account.id,
      tier1Pass ? { 'x-vwr-token': tier1Pass } : {},
    ),
  );
}

const slotOf = async (entryToken: string) =>
  (await verifyEntryToken(entryToken, queue.config.ENTRY_TOKEN_SECRET)).slot;

describe('signing out everywhere (auth-service and queue-service on the real servers)', () => {
  it('ends every session on every device and voids the passes; what is issued afterwards works', async () => {
    const { account, jar: laptop } = await register();
    const phone = await signIn(account);
    expect((await refresh(phone)).status).toBe(200);
    const eventId = await queue.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    await queue.setWaitingRoom(eventId, true);
    const tier1Pass = await queue.tier1Pass(eventId, account.id, new Date(Date.now() - 5_000));
    const admitted = await enterTier2(eventId, account, tier1Pass);
    expect(admitted.state).toBe('admitted');
    const oldSlot = await slotOf(admitted.entryToken);
    const oldRefreshTokens = [laptop.get(refreshTokenCookieName)!, phone.get(refreshTokenCookieName)!];

    const response = await signOutEverywhere(account);
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.sessionsEnded).toBe(2);
    expect(new CookieJar().store(response).get(refreshTokenCookieName)).toBeUndefined();

    // Every device's refresh token is refused; the entry pass's slot is over; the old Tier-1 pass is refused.
    for (const token of oldRefreshTokens) await expectRefreshRevoked(token);
    expect(await queue.entrySlotIsLive(eventId, account.id, oldSlot)).toBe(false);
    const refused = await queue.call('POST', `/api/v1/queue/${eventId}/enter`, account.id, {
      'x-vwr-token': tier1Pass,
    });
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).type).toBe('urn:urr:problem:tier1-pass-revoked');

    // Signing in again works, and so do passes issued from the revocation on.
    const again = await signIn(account);
    expect((await refresh(again)).status).toBe(200);
    const revokedBefore = Math.ceil(Date.parse(body.signedOutAt) / 1000) * 1000;
    const newPass = await queue.tier1Pass(eventId, account.id, new Date(revokedBefore));
    const readmitted = await enterTier2(eventId, account, newPass);
    expect(readmitted.state).toBe('admitted');
    expect(await queue.entrySlotIsLive(eventId, account.id, await slotOf(readmitted.entryToken))).toBe(true);
  });

  it('leaves no live session when refreshes on every device race it', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { account, jar: first } = await register();
      const devices = [first, ...(await Promise.all([signIn(account), signIn(account), signIn(account)]))];
      const handedOut = devices.map((jar) => jar.get(refreshTokenCookieName)!);
      // One refresh per device (no token is used twice, so no reuse detection ends a sign-in for us).
      const racingRefreshes = devices.map(async (jar) => {
        const response = await refresh(jar);
        const rotated = new CookieJar().store(response).get(refreshTokenCookieName);
        if (rotated) handedOut.push(rotated);
        return response.status;
      });
      // Two more devices sign in meanwhile: a sign-in that began before the sign-out must not outlive it.
      const racingLogins = [0, 1].map(() => signIn(account));
      const [signedOut, ...statuses] = await Promise.all([signOutEverywhere(account), ...racingRefreshes]);
      expect(signedOut.status).toBe(200);
      for (const status of statuses) expect([200, 401]).toContain(status);
      const signedOutAt = new Date((await readJson(signedOut)).signedOutAt);
      const loginJars = await Promise.all(racingLogins);

      // Whatever won each race, every refresh token ever handed out (the rotated ones too) is refused now.
      for (const token of new Set(handedOut)) await expectRefreshRevoked(token);
      const families = await auth.db.primary
        .select()
        .from(refreshTokenFamilies)
        .where(eq(refreshTokenFamilies.userId, account.id));
      expect(families).toHaveLength(devices.length + racingLogins.length);
      // A racing sign-in that began before the sign-out cannot refresh, whichever commit came first (one
      // that began after it may have been caught by it too).
      for (const jar of loginJars) {
        const begun = await familyCreatedAt(jar.get(refreshTokenCookieName)!);
        const response = await refresh(jar);
        if (begun < signedOutAt) expect(response.status).toBe(401);
        else expect([200, 401]).toContain(response.status);
      }
    }
  });

  it('keeps a sign-in begun before it unable to refresh even if its family escaped the revocation', async () => {
    const { account, jar } = await register();
    expect((await signOutEverywhere(account)).status).toBe(200);
    // A sign-in whose family was written before the sign-out but committed after it (a racing login).
    await auth.db.primary
      .update(refreshTokenFamilies)
      .set({ revokedAt: null, revokedReason: null })
      .where(eq(refreshTokenFamilies.userId, account.id));
    await expectRefreshRevoked(jar.get(refreshTokenCookieName)!);
  });

  it('signs nothing out when the passes cannot be revoked (queue-service down): 503, then a retry succeeds', async () => {
    const stranded = await startTestAuthService({
      env: {
        QUEUE_URL: `http://127.0.0.1:${await freePort()}`,
        INTERNAL_API_TOKEN: queue.config.INTERNAL_API_TOKEN,
      },
    });
    try {
      const { account, jar } = await register(stranded.app);
      const response = await signOutEverywhere(account, stranded.app);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await readJson(response)).toMatchObject({
        type: 'urn:urr:problem:sign-out-everywhere-unavailable',
      });
      const [row] = await stranded.db.primary.select().from(users).where(eq(users.id, account.id));
      expect(row!.signedOutEverywhereAt).toBeNull();
      expect((await refresh(jar, stranded.app)).status).toBe(200);
    } finally {
      await stranded.close();
    }
  });

  it('asks for a signed-in account: 401 problem without one', async () => {
    const response = await auth.app.request('/api/v1/auth/logout-everywhere', { method: 'POST' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 for an account that no longer exists, and revokes nothing', async () => {
    const ghost = { id: randomUUID(), email: `ghost-${randomUUID()}@example.com` };
    const response = await signOutEverywhere(ghost);
    expect(response.status).toBe(404);
    expect(await queue.redis.exists(`account:${ghost.id}:passes-revoked-before`)).toBe(0);
  });
});
