import { HttpProblem, userHeadersOf } from '@urr/common';
import { accessTokenCookieName } from '@urr/common/auth/access-token';
import type { AccessTokenVerifier } from '@urr/common/auth/access-token-verifier';
import { AccessTokenError } from '@urr/common/auth/access-token-verifier';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { rateLimitCategoryOf } from '../domain/rate-limit-rules.js';
import type { GatewayEnv } from './gateway-env.js';

/** Filter 2: the access token from `Authorization: Bearer`, else from the `urr-access-token` cookie. */
export function cookieToken(): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    c.set('accessToken', bearer ?? getCookie(c, accessTokenCookieName));
    await next();
  };
}

/**
 * Filter 3: verifies the token and tells the upstream who is signed in through `X-User-*` (a client's own
 * `X-User-*` headers never got this far). A bad token is refused with 401, except on the auth routes:
 * signing in or refreshing must work while a stale cookie is still around.
 */
export function authenticate(options: {
  readonly verifier: AccessTokenVerifier;
}): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const token = c.get('accessToken');
    c.set('user', undefined);
    if (token) {
      try {
        const user = await options.verifier.verify(token);
        c.set('user', user);
        for (const [name, value] of Object.entries(userHeadersOf(user)))
          c.get('upstreamHeaders').set(name, value);
      } catch (error) {
        if (!(error instanceof AccessTokenError)) throw error;
        if (error.reason === 'keys-unavailable') {
          c.get('logger').warn({ err: error.cause }, 'access-token keys unavailable');
          if (rateLimitCategoryOf(c.get('canonicalPath')) !== 'AUTH')
            throw new HttpProblem(
              503,
              { title: 'Service Unavailable', detail: 'sign-in cannot be checked right now' },
              { 'retry-after': '5' },
            );
        } else if (rateLimitCategoryOf(c.get('canonicalPath')) !== 'AUTH')
          throw new HttpProblem(
            401,
            {
              type: `urn:urr:problem:access-token-${error.reason}`,
              title: 'Unauthorized',
              detail:
                error.reason === 'expired'
                  ? 'the access token expired; refresh it'
                  : 'the access token is not valid; sign in again',
            },
            { 'www-authenticate': `Bearer error="invalid_token"` },
          );
      }
    }
    await next();
  };
}
