import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, createRouter, HttpProblem, problemResponses, type ServiceEnv, z } from '@urr/common';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { OidcClient } from '../clients/oidc-client.js';
import type { AuthContext } from '../context.js';
import { saveLoginAttempt, takeLoginAttempt } from '../db/oidc-login-attempt-store.js';
import { oidcAccountFor } from '../use-cases/oidc-account.js';
import { completeSignIn } from './sign-in.js';

const stateCookieName = 'urr-oidc-state';
const stateCookiePath = '/api/v1/auth/oidc';
const attemptTtlSeconds = 600;

/** Only a path on this site (no `//host` or `/\host`), so the callback cannot redirect anywhere else. */
const ReturnTo = z
  .string()
  .max(2048)
  .regex(/^\/(?![/\\])[^\s\\]*$/, { error: 'must be a path on this site, starting with a single /' })
  .default('/')
  .openapi({ description: 'Where to send the browser after signing in', example: '/events' });

const oauthValue = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .regex(/^[\x20-\x7e]*$/, { error: 'must be printable ASCII' });

const redirectResponse = (description: string) => ({
  description,
  headers: z.object({ location: z.string() }),
});

const start = createRoute({
  method: 'get',
  path: '/oidc/login',
  summary: 'Start signing in with the OpenID provider (authorization code + PKCE)',
  request: { query: z.object({ returnTo: ReturnTo }) },
  responses: {
    302: redirectResponse('To the provider’s authorization endpoint'),
    ...problemResponses(400, 404, 503),
  },
});

const callback = createRoute({
  method: 'get',
  path: '/oidc/callback',
  summary: 'The provider’s redirect back: redeem the code, sign in, return to the page',
  request: {
    // Printable ASCII (RFC 6749's VSCHAR) and lengths that keep the whole request line, percent-encoded,
    // within the 16 KiB of headers Node's HTTP server takes (a longer one is answered 431 before any route).
    query: z.object({
      state: oauthValue(512).min(1),
      code: oauthValue(2048).optional(),
      error: oauthValue(128).optional(),
      error_description: oauthValue(512).optional(),
      iss: oauthValue(512).optional(),
    }),
  },
  responses: {
    302: redirectResponse('Signed in; session cookies set; to returnTo'),
    ...problemResponses(400, 401, 403, 404, 503),
  },
});

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function sameValue(a: string | undefined, b: string): boolean {
  return a !== undefined && timingSafeEqual(Buffer.from(sha256(a)), Buffer.from(sha256(b)));
}

const notConfigured = () =>
  new HttpProblem(404, { title: 'Not Found', detail: 'sign-in with an OpenID provider is not configured' });

function providerUnavailable(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return (
    (error instanceof TypeError && error.message === 'fetch failed') ||
    name === 'TimeoutError' ||
    name === 'AbortError'
  );
}

export function oidcRoutes(deps: AuthContext) {
  const router = createRouter<ServiceEnv>();
  const provider = deps.config.OIDC_PROVIDER_NAME;
  const cookieOptions = {
    httpOnly: true,
    secure: deps.cookies.secure,
    // Lax: the provider's redirect back is a top-level cross-site navigation.
    sameSite: 'Lax',
    path: stateCookiePath,
  } as const;

  async function redeem(
    oidc: OidcClient,
    query: URLSearchParams,
    checks: Parameters<OidcClient['redeem']>[1],
  ) {
    try {
      return await oidc.redeem(query, checks);
    } catch (error) {
      if (providerUnavailable(error))
        throw new HttpProblem(503, {
          title: 'Service Unavailable',
          detail: 'the OpenID provider did not answer',
        });
      deps.logger.warn({ err: error }, 'OIDC code redemption refused');
      throw new HttpProblem(401, {
        type: 'urn:urr:problem:oidc-failed',
        title: 'Unauthorized',
        detail: 'the OpenID provider did not confirm this sign-in',
      });
    }
  }

  router.openapi(start, async (c) => {
    if (!deps.oidc) throw notConfigured();
    const { returnTo } = c.req.valid('query');
    const checks = deps.oidc.newChecks();
    let authorizationUrl: URL;
    try {
      authorizationUrl = await deps.oidc.authorizationUrl(checks);
    } catch (error) {
      c.get('logger').warn({ err: error }, 'OIDC discovery failed');
      throw new HttpProblem(503, {
        title: 'Service Unavailable',
        detail: 'the OpenID provider did not answer',
      });
    }
    await saveLoginAttempt(deps.db.primary, {
      stateHash: sha256(checks.state),
      codeVerifier: checks.codeVerifier,
      nonce: checks.nonce,
      returnTo,
      expiresAt: new Date(Date.now() + attemptTtlSeconds * 1000),
    });
    setCookie(c, stateCookieName, checks.state, { ...cookieOptions, maxAge: attemptTtlSeconds });
    return c.redirect(authorizationUrl.href, 302);
  });

  router.openapi(callback, async (c) => {
    if (!deps.oidc) throw notConfigured();
    const query = c.req.valid('query');
    // The state must come back to the browser that started the sign-in (no login CSRF).
    const browserState = getCookie(c, stateCookieName);
    deleteCookie(c, stateCookieName, cookieOptions);
    if (!sameValue(browserState, query.state))
      throw new HttpProblem(400, {
        type: 'urn:urr:problem:oidc-state',
        title: 'Bad Request',
        detail: 'this sign-in was not started in this browser; start again',
      });
    const attempt = await takeLoginAttempt(deps.db.primary, sha256(query.state), new Date());
    if (!attempt)
      throw new HttpProblem(400, {
        type: 'urn:urr:problem:oidc-state',
        title: 'Bad Request',
        detail: 'this sign-in expired or was already completed; start again',
      });
    if (query.error)
      throw new HttpProblem(401, {
        type: 'urn:urr:problem:oidc-failed',
        title: 'Unauthorized',
        detail: `the OpenID provider refused: ${query.error}`,
      });
    const profile = await redeem(deps.oidc, new URL(c.req.url).searchParams, {
      state: query.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    });
    const { user, refreshToken } = await oidcAccountFor(deps, provider, profile);
    await completeSignIn(c, deps, user, refreshToken);
    c.get('logger').info({ userId: user.id, provider }, 'signed in through OIDC');
    return c.redirect(attempt.returnTo, 302);
  });

  return router;
}
