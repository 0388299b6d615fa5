import {
  EntryTokenError,
  entryTokenCookieName,
  entryTokenHeaderName,
  HttpProblem,
  verifyEntryToken,
} from '@urr/common';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { requiresEntryToken } from '../domain/entry-token-routes.js';
import type { GatewayEnv } from '../gateway-env.js';

export const entryEventIdHeader = 'x-entry-event-id';

const refused = (type: string, detail: string) =>
  new HttpProblem(403, { type: `urn:urr:problem:${type}`, title: 'Forbidden', detail });

/**
 * Filter 5: seat, reservation and payment writes need the Tier-2 entry token of the signed-in user. Its
 * event goes upstream as `X-Entry-Event-Id` (ticket-service refuses bookings for any other event).
 */
export function entryToken(options: { readonly secret: string }): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    if (!requiresEntryToken(c.req.method, c.var.canonicalPath)) return next();
    const user = c.var.user;
    if (!user)
      throw new HttpProblem(401, {
        type: 'urn:urr:problem:unauthenticated',
        title: 'Unauthorized',
        detail: 'sign in first',
      });
    const token = getCookie(c, entryTokenCookieName) ?? c.req.header(entryTokenHeaderName);
    if (!token) throw refused('entry-token-required', 'join the queue for this event first');
    let claims: Awaited<ReturnType<typeof verifyEntryToken>>;
    try {
      claims = await verifyEntryToken(token, options.secret);
    } catch (error) {
      if (!(error instanceof EntryTokenError)) throw error;
      throw refused(
        `entry-token-${error.reason}`,
        error.reason === 'expired'
          ? 'your turn in the queue has expired; join it again'
          : 'the queue entry token is not valid',
      );
    }
    if (claims.userId !== user.id)
      throw refused('entry-token-invalid', 'the queue entry token belongs to another user');
    c.var.upstreamHeaders.set(entryEventIdHeader, claims.eventId);
    await next();
  };
}
