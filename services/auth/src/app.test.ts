import { createPublicKey } from 'node:crypto';
import {
  accessTokenCookieName,
  refreshTokenCookieName,
  sessionHintCookieName,
} from '@urr/common/auth/access-token';
import { readJson } from '@urr/common/testing/read-json';
import { eq } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailures, refreshTokenFamilies, refreshTokens, users } from './db/schema.js';
import { CookieJar } from './testing/cookie-jar.js';
import { startTestAuthService, type TestAuthService } from './testing/test-auth-service.js';

let auth: TestAuthService;
beforeAll(async () => {
  auth = await startTestAuthService();
});
afterAll(async () => {
  await auth?.close();
});

const freshEmail = () => `fan-${crypto.randomUUID()}@example.com`;
const password = 'a long enough password';

function post(path: string, body: unknown, init: { jar?: CookieJar; headers?: Record<string, string> } = {}) {
  return auth.app.request(`/api/v1/auth${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.jar ? { cookie: init.jar.header() } : {}),
      ...init.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function register(email = freshEmail()) {
  const jar = new CookieJar();
  const response = await post('/register', { email, password, displayName: 'Fan' });
  jar.store(response);
  return { email, jar, response, body: await readJson(response) };
}

const usersWithEmail = (email: string) => auth.db.primary.select().from(users).where(eq(users.email, email));

describe('register, login, refresh, logout', () => {
  it('registers, signs in with HttpOnly cookies and an ES256 access token the JWKS verifies', async () => {
    const { email, jar, response, body } = await register();
    expect(response.status).toBe(201);
    expect(body.account).toMatchObject({ email, displayName: 'Fan', role: 'user' });
    expect(jar.attributesOf(accessTokenCookieName)).toMatch(/HttpOnly/);
    expect(jar.attributesOf(accessTokenCookieName)).toMatch(/Secure/);
    expect(jar.attributesOf(accessTokenCookieName)).toMatch(/SameSite=Lax/);
    expect(jar.attributesOf(refreshTokenCookieName)).toMatch(
      /Path=\/api\/v1\/auth; HttpOnly; Secure; SameSite=Strict/,
    );
    expect(jar.get(accessTokenCookieName)).toBe(body.accessToken);
    // The web app's hint that a session may exist: readable by scripts, no secret, as long as the refresh.
    expect(jar.get(sessionHintCookieName)).toBe('1');
    expect(jar.attributesOf(sessionHintCookieName)).not.toMatch(/HttpOnly/);
    expect(jar.attributesOf(sessionHintCookieName)).toMatch(/Path=\/;/);

    const jwks = await readJson(await auth.app.request('/api/v1/auth/.well-known/jwks.json'));
    const { payload, protectedHeader } = await jwtVerify(body.accessToken, createLocalJWKSet(jwks), {
      issuer: 'urr-auth',
      audience: 'urr-api',
      algorithms: ['ES256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: body.account.id, email, role: 'user' });
    expect(payload.exp! - payload.iat!).toBe(900);

    const [stored] = await usersWithEmail(email);
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account for the same address, whatever its case', async () => {
    const { email } = await register();
    const again = await post('/register', { email: email.toUpperCase(), password });
    expect(again.status).toBe(409);
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  it('logs in with the right password only', async () => {
    const { email } = await register();
    const wrong = await post('/login', { email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await post('/login', { email: ` ${email.toUpperCase()} `.trim(), password });
    expect(right.status).toBe(200);
    expect((await readJson(right)).account.email).toBe(email);
  });

  it('rotates the refresh token; reusing an old one revokes the whole family', async () => {
    const { jar, body } = await register();
    const first = jar.get(refreshTokenCookieName)!;

    const rotated = await post('/refresh', '', { jar });
    expect(rotated.status).toBe(200);
    jar.store(rotated);
    const second = jar.get(refreshTokenCookieName)!;
    expect(second).not.toBe(first);
    expect((await readJson(rotated)).account.id).toBe(body.account.id);

    const stolen = new CookieJar().set(refreshTokenCookieName, first);
    const reuse = await post('/refresh', '', { jar: stolen });
    expect(reuse.status).toBe(401);
    expect((await readJson(reuse)).type).toBe('urn:urr:problem:refresh-token-reused');

    // The legitimate holder's newer token died with the family.
    const afterReuse = await post('/refresh', '', { jar });
    expect(afterReuse.status).toBe(401);
    expect((await readJson(afterReuse)).type).toBe('urn:urr:problem:refresh-token-revoked');

    const families = await auth.db.primary
      .select()
      .from(refreshTokenFamilies)
      .where(eq(refreshTokenFamilies.userId, body.account.id));
    expect(families).toHaveLength(1);
    expect(families[0]!.revokedReason).toBe('reuse');
  });

  it('lets only one of two simultaneous refreshes with one token win, and revokes the family', async () => {
    const { jar, body } = await register();
    const answers = await Promise.all([post('/refresh', '', { jar }), post('/refresh', '', { jar })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const [family] = await auth.db.primary
      .select()
      .from(refreshTokenFamilies)
      .where(eq(refreshTokenFamilies.userId, body.account.id));
    expect(family!.revokedReason).toBe('reuse');
  });

  it('logs out: the refresh token stops working and the cookies are cleared', async () => {
    const { jar, body } = await register();
    const token = jar.get(refreshTokenCookieName)!;
    const logout = await post('/logout', '', { jar });
    expect(logout.status).toBe(204);
    jar.store(logout);
    expect(jar.get(refreshTokenCookieName)).toBeUndefined();
    expect(jar.get(accessTokenCookieName)).toBeUndefined();
    expect(jar.get(sessionHintCookieName)).toBeUndefined();

    const refresh = await post('/refresh', '', { jar: new CookieJar().set(refreshTokenCookieName, token) });
    expect(refresh.status).toBe(401);
    const [family] = await auth.db.primary
      .select()
      .from(refreshTokenFamilies)
      .where(eq(refreshTokenFamilies.userId, body.account.id));
    expect(family!.revokedReason).toBe('logout');
  });

  it('answers /me for the user the gateway names, and 401 without one', async () => {
    const { email, body } = await register();
    const me = await auth.app.request('/api/v1/auth/me', {
      headers: { 'x-user-id': body.account.id, 'x-user-email': email, 'x-user-role': 'user' },
    });
    expect(me.status).toBe(200);
    expect(await readJson(me)).toMatchObject({ id: body.account.id, email });
    expect((await auth.app.request('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('failed-login throttling', () => {
  it('refuses an account from one client after 5 failures, even with the right password; others still get in', async () => {
    const { email } = await register();
    const fromAttacker = { headers: { 'x-real-ip': '203.0.113.66' } };
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await post('/login', { email, password: 'wrong password' }, fromAttacker)).status).toBe(401);
    const blocked = await post('/login', { email, password }, fromAttacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await readJson(blocked)).type).toBe('urn:urr:problem:login-throttled');
    expect(
      (await post('/login', { email, password }, { headers: { 'x-real-ip': '198.51.100.20' } })).status,
    ).toBe(200);
  });
});

describe('failed-login throttling under concurrent guesses', () => {
  const failuresOf = async (key: string) =>
    (await auth.db.primary.select().from(loginFailures).where(eq(loginFailures.key, key)))[0]?.failures;

  it('30 guesses at once from one client: at most 5 reach the password check, the rest 429; the owner keeps the designed access', async () => {
    const { email } = await register();
    const attacker = { headers: { 'x-real-ip': '203.0.113.77' } };
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post('/login', { email, password: 'wrong password' }, attacker)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    for (const answer of answers.filter((candidate) => candidate.status === 401))
      expect((await readJson(answer)).type).toBe('urn:urr:problem:invalid-credentials');
    // Only the evaluated guesses count: the account-wide count is 5, far from its limit of 20.
    expect(await failuresOf(`account:${email}`)).toBe(5);

    // The owner: from the attacker's address locked out for the window (as designed), elsewhere let in,
    // and a right password gives its claim back instead of adding to the account's count.
    expect((await post('/login', { email, password }, attacker)).status).toBe(429);
    const owner = { headers: { 'x-real-ip': '198.51.100.30' } };
    expect((await post('/login', { email, password }, owner)).status).toBe(200);
    expect((await post('/login', { email, password }, owner)).status).toBe(200);
    expect(await failuresOf(`account:${email}`)).toBe(5);
    expect(await failuresOf(`account-from-client:${email}:198.51.100.30`)).toBeUndefined();
  });

  it('40 guesses at once from 40 clients: at most 20 reach the password check for the account', async () => {
    const { email } = await register();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        post(
          '/login',
          { email, password: 'wrong password' },
          { headers: { 'x-real-ip': `203.0.113.${index}` } },
        ),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    expect(await failuresOf(`account:${email}`)).toBe(20);
  });
});

describe('bad bodies', () => {
  it.each([
    ['a malformed email', { email: 'not-an-email', password }, 'email'],
    ['a short password', { email: 'EMAIL', password: 'short' }, 'password'],
    ['a missing password', { email: 'EMAIL' }, 'password'],
    ['a display name of the wrong type', { email: 'EMAIL', password, displayName: 42 }, 'displayName'],
  ])('register with %s → 400 naming the field, nothing written', async (_, template, field) => {
    const email = freshEmail();
    const body = { ...template, email: template.email === 'EMAIL' ? email : template.email };
    const response = await post('/register', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await readJson(response);
    expect(problem.detail).toContain(field);
    expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
    expect(await usersWithEmail(email)).toHaveLength(0);
  });

  it('register with a body that is not JSON → 400, nothing written', async () => {
    const response = await post('/register', '{"email": ');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('takes every address the document’s e-mail pattern allows and refuses, as documented, those it does not', async () => {
    const document = await readJson(await auth.app.request('/openapi.json'));
    const { RegisterRequest, LoginRequest } = document.components.schemas;
    const documented = new RegExp(RegisterRequest.properties.email.pattern);
    expect(LoginRequest.properties.email.pattern).toBe(RegisterRequest.properties.email.pattern);
    const allowed = `o'neil+tag-${crypto.randomUUID()}@mail.example.com`;
    const refused = `*fan~${crypto.randomUUID()}@example.com`;
    expect([documented.test(allowed), documented.test(refused)]).toEqual([true, false]);
    expect((await register(allowed)).response.status).toBe(201);
    const response = await post('/register', { email: refused, password });
    expect(response.status).toBe(400);
    expect((await readJson(response)).errors).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('login with a missing field → 400 naming it, no session started', async () => {
    const { email, body } = await register();
    const response = await post('/login', { email });
    expect(response.status).toBe(400);
    expect((await readJson(response)).detail).toContain('password');
    const tokens = await auth.db.primary
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
      .where(eq(refreshTokenFamilies.userId, body.account.id));
    expect(tokens).toHaveLength(1);
  });
});

describe('OpenID sign-in routes without a provider', () => {
  it('answer the 404 they document', async () => {
    const document = await readJson(await auth.app.request('/openapi.json'));
    for (const route of ['login', 'callback']) {
      expect(Object.keys(document.paths[`/api/v1/auth/oidc/${route}`].get.responses)).toContain('404');
      const response = await auth.app.request(`/api/v1/auth/oidc/${route}?state=s&code=c`);
      expect(response.status).toBe(404);
    }
  });

  it('document a callback query that, at its longest and fully percent-encoded, fits in 16 KiB of headers', async () => {
    const document = await readJson(await auth.app.request('/openapi.json'));
    const parameters: { name: string; schema: { maxLength: number; pattern: string } }[] =
      document.paths['/api/v1/auth/oidc/callback'].get.parameters;
    const query = parameters.map(({ name, schema }) => {
      expect(new RegExp(schema.pattern).test('%'), name).toBe(true);
      expect(new RegExp(schema.pattern).test('é'), name).toBe(false);
      return `${name}=${encodeURIComponent('%'.repeat(schema.maxLength))}`;
    });
    const requestLine = `GET /api/v1/auth/oidc/callback?${query.join('&')} HTTP/1.1`;
    expect(requestLine.length).toBeLessThan(12 * 1024);
    const response = await auth.app.request(requestLine.split(' ')[1]!);
    expect(response.status).toBe(404);
  });
});

describe('internal user lookup', () => {
  it('answers other services that present the internal token', async () => {
    const { email, body } = await register();
    const path = `/internal/users/${body.account.id}`;
    expect((await auth.app.request(path)).status).toBe(401);
    const headers = { 'x-internal-token': auth.config.INTERNAL_API_TOKEN };
    const found = await auth.app.request(path, { headers });
    expect(found.status).toBe(200);
    expect(await readJson(found)).toEqual({ id: body.account.id, email, displayName: 'Fan', role: 'user' });
    expect((await auth.app.request(`/internal/users/${crypto.randomUUID()}`, { headers })).status).toBe(404);
    expect((await auth.app.request('/internal/users/42', { headers })).status).toBe(400);
  });
});

describe('JWKS', () => {
  it('publishes the public key of the signing key, named by its thumbprint', async () => {
    const jwks = await readJson(await auth.app.request('/api/v1/auth/.well-known/jwks.json'));
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key.d).toBeUndefined();
    expect(createPublicKey({ key, format: 'jwk' }).equals(auth.keys.publicKey)).toBe(true);
  });
});
