import type { RunningServer } from '@urr/common';
import { accessTokenCookieName } from '@urr/common/auth/access-token';
import { freePort } from '@urr/common/testing/free-port';
import { readJson } from '@urr/common/testing/read-json';
import { and, eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdentities, users } from '../db/schema.js';
import { CookieJar } from '../testing/cookie-jar.js';
import { type OidcTestProvider, startOidcTestProvider } from '../testing/oidc-test-provider.js';
import { startTestAuthService, type TestAuthService } from '../testing/test-auth-service.js';

let provider: OidcTestProvider;
let auth: TestAuthService;
let server: RunningServer;

beforeAll(async () => {
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
  provider = await startOidcTestProvider({ redirectUri });
  auth = await startTestAuthService({
    env: {
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_PROVIDER_NAME: 'test-idp',
      OIDC_ALLOW_INSECURE_HTTP: 'true',
    },
  });
  server = await auth.listen(port);
});
afterAll(async () => {
  await auth?.close();
  await provider?.close();
});

/** A browser: follows redirects across auth-service and the provider, keeping cookies. */
async function browse(url: string, jar: CookieJar) {
  const visited: string[] = [];
  let current = url;
  for (let hop = 0; hop < 20; hop++) {
    visited.push(current);
    const response = await fetch(current, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).href;
      // The end of the journey: back on the site, outside the auth routes.
      if (current.startsWith(server.url) && !new URL(current).pathname.startsWith('/api/v1/auth'))
        return { response, landedOn: new URL(current).pathname, visited };
      continue;
    }
    return { response, landedOn: undefined, visited };
  }
  throw new Error(`too many redirects: ${visited.join(' → ')}`);
}

const signIn = (jar: CookieJar, returnTo = '/events') =>
  browse(`${server.url}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`, jar);

const person = (email = `idp-${crypto.randomUUID()}@example.com`) => ({
  subject: crypto.randomUUID(),
  account: { email, emailVerified: true, name: 'Idp Fan' },
});

describe('OIDC sign-in (authorization code + PKCE) against a real provider', () => {
  it('creates an account from the verified email, signs in and returns to the page', async () => {
    const { subject, account } = person();
    provider.signInAs(subject, account);
    const jar = new CookieJar();
    const { landedOn, visited } = await signIn(jar);
    expect(landedOn).toBe('/events');
    expect(visited.some((url) => url.startsWith(`${provider.issuer}/auth?`))).toBe(true);
    const authorize = new URL(visited.find((url) => url.startsWith(`${provider.issuer}/auth?`))!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    const claims = decodeJwt(jar.get(accessTokenCookieName)!);
    expect(claims).toMatchObject({ email: account.email, role: 'user' });
    const [identity] = await auth.db.primary
      .select()
      .from(userIdentities)
      .where(and(eq(userIdentities.provider, 'test-idp'), eq(userIdentities.subject, subject)));
    expect(identity!.userId).toBe(claims.sub);
    const [user] = await auth.db.primary.select().from(users).where(eq(users.id, identity!.userId));
    expect(user).toMatchObject({ email: account.email, displayName: 'Idp Fan', passwordHash: null });
  });

  it('signs the same provider account into the same URR account next time', async () => {
    const { subject, account } = person();
    provider.signInAs(subject, account);
    const first = new CookieJar();
    await signIn(first);
    const second = new CookieJar();
    await signIn(second);
    expect(decodeJwt(second.get(accessTokenCookieName)!).sub).toBe(
      decodeJwt(first.get(accessTokenCookieName)!).sub,
    );
  });

  it('links the provider account to an existing password account with the same verified email', async () => {
    const email = `linked-${crypto.randomUUID()}@example.com`;
    const registered = await auth.app.request('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough password' }),
    });
    const accountId = (await readJson(registered)).account.id;
    const { subject, account } = person(email.toUpperCase());
    provider.signInAs(subject, account);
    const jar = new CookieJar();
    await signIn(jar);
    expect(decodeJwt(jar.get(accessTokenCookieName)!).sub).toBe(accountId);
  });

  it('refuses a provider account without a verified email', async () => {
    const { subject, account } = person();
    provider.signInAs(subject, { ...account, emailVerified: false });
    const jar = new CookieJar();
    const { response } = await signIn(jar);
    expect(response.status).toBe(403);
    expect(jar.get(accessTokenCookieName)).toBeUndefined();
    expect(await auth.db.primary.select().from(users).where(eq(users.email, account.email))).toHaveLength(0);
  });

  it('refuses a callback in a browser that did not start the sign-in, and a replayed callback', async () => {
    const { subject, account } = person();
    provider.signInAs(subject, account);
    const jar = new CookieJar();
    const { visited } = await signIn(jar);
    const callbackUrl = visited.find((url) => url.startsWith(`${server.url}/api/v1/auth/oidc/callback`))!;

    const otherBrowser = await fetch(callbackUrl, { redirect: 'manual' });
    expect(otherBrowser.status).toBe(400);
    expect((await readJson(otherBrowser)).type).toBe('urn:urr:problem:oidc-state');

    const state = new URL(callbackUrl).searchParams.get('state')!;
    const replay = await fetch(callbackUrl, {
      redirect: 'manual',
      headers: { cookie: `urr-oidc-state=${state}` },
    });
    expect(replay.status).toBe(400);
    expect((await readJson(replay)).detail).toMatch(/already completed/);
  });

  it('refuses to send the browser to another site after signing in', async () => {
    const response = await fetch(
      `${server.url}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent('//evil.example')}`,
      {
        redirect: 'manual',
      },
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).detail).toContain('returnTo');
  });
});
