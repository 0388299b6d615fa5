import {
  EntryTokenError,
  entryTokenCookieName,
  entryTokenHeaderName,
  HttpProblem,
  verifyEntryToken,
} from '@urr/common';
import { entryEventIdHeader } from '@urr/common/queue/booking-writes';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { requiresEntryToken } from '../domain/entry-token-routes.js';
import type { EntryPass, GatewayEnv } from './gateway-env.js';

const refused = (type: string, detail: string) =>
  new HttpProblem(403, { type: `urn:urr:problem:${type}`, title: 'Forbidden', detail });

async function entryPassOf(
  token: string | undefined,
  userId: string | undefined,
  secret: string,
): Promise<EntryPass> {
  if (!userId)
    return {
      refusal: new HttpProblem(401, {
        type: 'urn:urr:problem:unauthenticated',
        title: 'Unauthorized',
        detail: 'sign in first',
      }),
    };
  if (!token) return { refusal: refused('entry-token-required', 'join the queue for this event first') };
  try {
    const claims = await verifyEntryToken(token, secret);
    if (claims.userId !== userId)
      return { refusal: refused('entry-token-invalid', 'the queue entry token belongs to another user') };
    return { claims };
  } catch (error) {
    if (!(error instanceof EntryTokenError)) throw error;
    return {
      refusal: refused(
        `entry-token-${error.reason}`,
        error.reason === 'expired'
          ? 'your turn in the queue has expired; join it again'
          : 'the queue entry token is not valid',
      ),
    };
  }
}

/**
 * Filter 4a: on booking writes, reads the Tier-2 entry token (cookie, else `x-queue-entry-token`) and checks
 * what its signature can tell: issued by queue-service, unexpired, to the signed-in user. The rate limiter
 * then checks the token's slot in the same Redis call (docs/adr/0009); filter 5 decides.
 */
export function readEntryPass(options: { readonly secret: string }): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    c.set('entryPass', undefined);
    if (requiresEntryToken(c.req.method, c.get('canonicalPath'))) {
      const token = getCookie(c, entryTokenCookieName) ?? c.req.header(entryTokenHeaderName);
      c.set('entryPass', await entryPassOf(token, c.get('user')?.id, options.secret));
    }
    await next();
  };
}

/**
 * Filter 5: a booking write goes on only with the entry token of the signed-in user whose Tier-2 slot is
 * still live (not left, lapsed or replaced by a newer entry). Its event goes upstream as
 * `X-Entry-Event-Id`; the services refuse bookings for any other event.
 */
export function requireEntryPass(): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const pass = c.get('entryPass');
    if (!pass) return next();
    if ('refusal' in pass) throw pass.refusal;
    if (pass.slotLive === undefined)
      throw new HttpProblem(
        503,
        { title: 'Service Unavailable', detail: 'the queue entry token cannot be checked right now' },
        { 'retry-after': '5' },
      );
    if (!pass.slotLive)
      throw refused(
        'entry-token-revoked',
        'your place in the queue has ended (you left it, it lapsed, or you entered again); join the queue again',
      );
    c.get('upstreamHeaders').set(entryEventIdHeader, pass.claims.eventId);
    await next();
  };
}
