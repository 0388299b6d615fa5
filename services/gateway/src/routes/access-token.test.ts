import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { CookieJar, startTestAuthService, type TestAuthService, users } from '@urr/auth/testing';
import { accessTokenCookieName, refreshTokenCookieName } from '@urr/common/auth/access-token';
import { readJson } from '@urr/common/testing/read-json';
import { eq } from 'drizzle-orm';
import { base64url, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueClientIp } from '../testing/clients.js';
import { type EchoUpstream, startEchoUpstream } from '../testing/echo-upstream.js';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';

let auth: TestAuthService;
let echo: EchoUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  auth = await startTestAuthService();
  const authServer = await auth.listen();
  echo = await startEchoUpstream();
  gateway = await startTestGateway({
    upstreams: { auth: authServer.url, catalog: echo.url, ticket: echo.url },
  });
});
afterAll(async () => {
  await gateway?.close();
  await echo?.close();
  await auth?.close();
});

const password = 'a long enough password';

function call(
  path: string,
  init: { method?: string; body?: unknown; jar?: CookieJar; headers?: Record<string, string> } = {},
) {
  return fetch(`${gateway.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'x-forwarded-for': uniqueClientIp(),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.jar ? { cookie: init.jar.header() } : {}),
      ...init.headers,
    },
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

async function registerThroughGateway() {
  const email = `gw-${crypto.randomUUID()}@example.com`;
  const jar = new CookieJar();
  const response = await call('/api/v1/auth/register', { body: { email, password }, jar });
  jar.store(response);
  return { email, jar, response, session: await readJson(response) };
}

describe('acceptance 1: register, login, refresh, logout through the gateway', () => {
  it('runs the whole session life cycle; a reused refresh token revokes the family', async () => {
    const { email, jar, response, session } = await registerThroughGateway();
    expect(response.status).toBe(201);
    expect(response.headers.get('ratelimit-limit')).toBe('60');

    // The cookie becomes X-User-* on the way to auth-service.
    const me = await call('/api/v1/auth/me', { jar });
    expect(me.status).toBe(200);
    expect(await readJson(me)).toMatchObject({ id: session.account.id, email });

    // Short alias, same service.
    const login = await call('/api/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);

    const first = jar.get(refreshTokenCookieName)!;
    const refreshed = await call('/api/v1/auth/refresh', { method: 'POST', jar });
    expect(refreshed.status).toBe(200);
    jar.store(refreshed);
    expect(jar.get(refreshTokenCookieName)).not.toBe(first);
    expect(jar.get(accessTokenCookieName)).toBe((await readJson(refreshed)).accessToken);

    const replay = await call('/api/v1/auth/refresh', {
      method: 'POST',
      jar: new CookieJar().set(refreshTokenCookieName, first),
    });
    expect(replay.status).toBe(401);
    expect((await readJson(replay)).type).toBe('urn:urr:problem:refresh-token-reused');
    const afterReuse = await call('/api/v1/auth/refresh', { method: 'POST', jar });
    expect(afterReuse.status).toBe(401);

    // A fresh sign-in, then logout ends it.
    const again = new CookieJar();
    again.store(await call('/api/v1/auth/login', { body: { email, password } }));
    const logout = await call('/api/v1/auth/logout', { method: 'POST', jar: again });
    expect(logout.status).toBe(204);
    const afterLogout = await call('/api/v1/auth/refresh', { method: 'POST', jar: again });
    expect(afterLogout.status).toBe(401);
  });
});

describe('acceptance 3: forged tokens are refused; X-User-* comes only from a verified token', () => {
  const now = () => Math.floor(Date.now() / 1000);
  let user: { id: string; email: string };
  let kid: string;

  beforeAll(async () => {
    const { session, email } = await registerThroughGateway();
    user = { id: session.account.id, email };
    kid = auth.signer.jwks.keys[0]!.kid!;
  });

  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: user.id,
    email: user.email,
    role: 'user',
    iss: 'urr-auth',
    aud: 'urr-api',
    iat: now(),
    nbf: now(),
    exp: now() + 600,
    ...overrides,
  });
  const sign = (
    payload: Record<string, unknown>,
    key = auth.keys.privateKey,
    header: Record<string, unknown> = {},
  ) => new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid, ...header }).sign(key);
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

  const forgeries: Record<string, () => Promise<string>> = {
    'alg none': async () => `${encode({ alg: 'none', typ: 'at+jwt' })}.${encode(claims({ role: 'admin' }))}.`,
    'signed with another key (same kid)': () =>
      sign(claims(), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
    'signed with another key (unknown kid)': () =>
      sign(claims(), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, { kid: 'attacker' }),
    expired: () => sign(claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 })),
    'not yet valid': () => sign(claims({ nbf: now() + 3600, exp: now() + 7200 })),
    'tampered payload': async () => {
      const [header, , signature] = (await auth.signer.sign({ ...user, role: 'user' })).token.split('.');
      return `${header}.${encode(claims({ role: 'admin' }))}.${signature}`;
    },
    'wrong audience': () => sign(claims({ aud: 'another-api' })),
    'wrong issuer': () => sign(claims({ iss: 'someone-else' })),
    'not an access token (typ)': () => sign(claims(), auth.keys.privateKey, { typ: 'JWT' }),
    'HS256 signed with the public key (HS/RS confusion)': async () => {
      const publicPem = auth.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      return new SignJWT(claims({ role: 'admin' }))
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
        .sign(new TextEncoder().encode(publicPem));
    },
    garbage: async () => 'not.a.jwt',
  };

  it.each(Object.keys(forgeries))('%s → 401 (bearer and cookie), the service never sees it', async (name) => {
    const token = await forgeries[name]!();
    const before = echo.received.length;
    const carriers: Record<string, string>[] = [
      { authorization: `Bearer ${token}` },
      { cookie: `${accessTokenCookieName}=${token}` },
    ];
    for (const headers of carriers) {
      const response = await call('/api/v1/events', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(echo.received.length).toBe(before);
  });

  it('a genuine token passes, and the service learns the user from X-User-* only', async () => {
    const { token } = await auth.signer.sign({ ...user, role: 'user' });
    const response = await call('/api/v1/events', {
      headers: { authorization: `Bearer ${token}`, 'x-user-id': crypto.randomUUID(), 'x-user-role': 'admin' },
    });
    expect(response.status).toBe(200);
    const seen = (await readJson(response)).headers;
    expect(seen['x-user-id']).toBe(user.id);
    expect(seen['x-user-email']).toBe(user.email);
    expect(seen['x-user-role']).toBe('user');
    expect(seen.authorization).toBeUndefined();
  });

  it('a client-sent X-User-Id without a token never reaches a service', async () => {
    const response = await call('/api/v1/events', {
      headers: {
        'x-user-id': user.id,
        'X-User-Email': user.email,
        'x-user-role': 'admin',
        'x-user-anything': '1',
      },
    });
    expect(response.status).toBe(200);
    const seen = (await readJson(response)).headers;
    expect(Object.keys(seen).filter((name) => name.startsWith('x-user-'))).toEqual([]);
  });

  it('the expired-token answer tells the client to refresh', async () => {
    const response = await call('/api/v1/events', {
      headers: { authorization: `Bearer ${await forgeries.expired!()}` },
    });
    expect((await readJson(response)).type).toBe('urn:urr:problem:access-token-expired');
  });

  it('a stale token does not stand in the way of signing in again', async () => {
    const response = await call('/api/v1/auth/login', {
      body: { email: user.email, password },
      headers: { authorization: `Bearer ${await forgeries.expired!()}` },
    });
    expect(response.status).toBe(200);
  });

  it('keeps the signing key out of the JWKS', () => {
    expect(() => createPrivateKey({ key: auth.signer.jwks.keys[0] as never, format: 'jwk' })).toThrow();
  });
});

describe('acceptance 4: bad bodies through the gateway', () => {
  it.each([
    ['email', { email: 'nope', password }],
    ['password', { email: 'EMAIL', password: 'short' }],
  ])('register with a bad %s → 400 problem naming it, nothing written', async (field, template) => {
    const email = `bad-${crypto.randomUUID()}@example.com`;
    const response = await call('/api/v1/auth/register', {
      body: { ...template, email: template.email === 'EMAIL' ? email : template.email },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await readJson(response);
    expect(problem).toMatchObject({ status: 400, type: 'urn:urr:problem:validation' });
    expect(problem.detail).toContain(field);
    expect(await auth.db.primary.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });
});
