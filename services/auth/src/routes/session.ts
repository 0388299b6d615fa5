import {
  type AuthUser,
  createRoute,
  createRouter,
  HttpProblem,
  jsonBody,
  jsonResponse,
  problemResponses,
  requireUser,
  type ServiceEnv,
  signedIn,
  withTransaction,
} from '@urr/common';
import type { Context } from 'hono';
import type { AuthContext } from '../context.js';
import { findUserByEmail, normaliseEmail } from '../db/user-store.js';
import { verifyAgainstDecoy, verifyPassword } from '../domain/password.js';
import { signOutEverywhere } from '../use-cases/sign-out-everywhere.js';
import { LoginBody, refreshCookie, Session, SignedOutEverywhere } from './schemas.js';
import { clearSessionCookies, refreshTokenOf } from './session-cookies.js';
import { completeSignIn } from './sign-in.js';

const login = createRoute({
  method: 'post',
  path: '/login',
  summary: 'Sign in with email and password',
  description: 'Repeated failures for one account are refused with 429 for a while (Retry-After).',
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(Session, 'Signed in; session cookies set'),
    ...problemResponses(400, 401, 429),
  },
});

const refresh = createRoute({
  method: 'post',
  path: '/refresh',
  summary: 'Exchange the refresh cookie for a new access token and a new refresh token',
  description:
    'Each refresh token works once. Presenting one that was already exchanged signs out every session ' +
    'that descends from the same sign-in.',
  request: { cookies: refreshCookie },
  responses: { 200: jsonResponse(Session, 'New tokens; session cookies set'), ...problemResponses(401) },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  summary: 'Sign out: revoke this sign-in’s refresh tokens and clear the cookies',
  request: { cookies: refreshCookie },
  responses: { 204: { description: 'Signed out' } },
});

const logoutEverywhere = createRoute({
  method: 'post',
  path: '/logout-everywhere',
  summary: 'Sign out everywhere: end every session of this account and revoke its queue passes',
  description:
    'Every sign-in of the account, on any device, can no longer refresh; its waiting-room and entry passes ' +
    'issued until now are void (its places in the Tier-2 lines end). Access tokens already issued lapse ' +
    'within their lifetime (expiresIn at sign-in). All or nothing: 503 (Retry-After) when the passes cannot ' +
    'be revoked just now, and then nothing was signed out. Also clears this browser’s cookies.',
  middleware: [requireUser()] as const,
  security: signedIn,
  responses: {
    200: jsonResponse(SignedOutEverywhere, 'Signed out everywhere'),
    ...problemResponses(401, 404, 503),
  },
});

/** The client's address as the gateway saw it (it overwrites any `X-Real-IP` a client sends). */
function clientIpOf(c: Context): string {
  return c.req.header('x-real-ip') ?? 'unknown';
}

const refusedRefresh = {
  unknown: 'the refresh token is not valid; sign in again',
  expired: 'the refresh token expired; sign in again',
  revoked: 'this session was signed out; sign in again',
  reused: 'the refresh token was already used, so every session of this sign-in was ended; sign in again',
} as const;

export function sessionRoutes(deps: AuthContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();

  router.openapi(login, async (c) => {
    const body = c.req.valid('json');
    const attempt = { email: normaliseEmail(body.email), clientIp: clientIpOf(c) };
    // The failure is counted before the password is checked, so concurrent guesses cannot outrun it.
    const decision = await deps.throttle.claim(attempt);
    if (decision.blocked)
      throw new HttpProblem(
        429,
        {
          type: 'urn:urr:problem:login-throttled',
          title: 'Too Many Requests',
          detail: 'too many failed sign-ins for this account; try again later',
        },
        { 'retry-after': String(decision.retryAfterSeconds) },
      );
    const user = await findUserByEmail(deps.db.primary, attempt.email);
    const valid = user?.passwordHash
      ? await verifyPassword(user.passwordHash, body.password)
      : await verifyAgainstDecoy(body.password);
    if (!user || !valid)
      throw new HttpProblem(401, {
        type: 'urn:urr:problem:invalid-credentials',
        title: 'Unauthorized',
        detail: 'invalid email or password',
      });
    await deps.throttle.release(attempt);
    const refreshToken = await withTransaction(deps.db.primary, (tx) => deps.sessions.start(tx, user.id));
    return c.json(await completeSignIn(c, deps, user, refreshToken), 200);
  });

  router.openapi(refresh, async (c) => {
    const result = await deps.sessions.rotate(refreshTokenOf(c));
    if (result.outcome !== 'rotate') {
      if (result.outcome === 'reused') c.get('logger').warn('refresh token reused: its family is revoked');
      clearSessionCookies(c, deps.cookies);
      throw new HttpProblem(401, {
        type: `urn:urr:problem:refresh-token-${result.outcome}`,
        title: 'Unauthorized',
        detail: refusedRefresh[result.outcome],
      });
    }
    return c.json(await completeSignIn(c, deps, result.user, result.refreshToken), 200);
  });

  router.openapi(logout, async (c) => {
    await deps.sessions.revoke(refreshTokenOf(c));
    clearSessionCookies(c, deps.cookies);
    return c.body(null, 204);
  });

  router.openapi(logoutEverywhere, async (c) => {
    const userId = c.get('user').id;
    const result = await signOutEverywhere(deps, userId, c.get('requestId'));
    c.get('logger').info({ userId, sessionsEnded: result.sessionsEnded }, 'signed out everywhere');
    clearSessionCookies(c, deps.cookies);
    return c.json(
      { sessionsEnded: result.sessionsEnded, signedOutAt: result.signedOutAt.toISOString() },
      200,
    );
  });

  return router;
}
