import type { IncomingMessage } from 'node:http';
import { accessTokenCookieName } from '@urr/common/auth/access-token';
import { hopByHopHeaders } from '@urr/common/http/hop-by-hop';
import { unmatchedRoute } from '@urr/common/http/http-metrics';
import { entryEventIdHeader } from '@urr/common/queue/booking-writes';
import type { MiddlewareHandler } from 'hono';
import { clientIpOf } from '../domain/client-ip.js';
import { routeTemplateOf } from '../domain/public-routes.js';
import { canonicalPath } from '../domain/route-table.js';
import type { GatewayEnv } from './gateway-env.js';

/** Headers only the gateway sets; whatever a client sends under these names is dropped. */
const gatewayOwned = [
  'host',
  'authorization',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-api-version',
  entryEventIdHeader,
  'x-internal-token',
];

/**
 * The client's headers as an upstream may see them: no hop-by-hop headers, no identity or routing headers
 * a client could forge (`X-User-*` above all), and no access token (services trust `X-User-*` instead).
 */
export function forwardableHeaders(incoming: Headers): Headers {
  const headers = new Headers(incoming);
  const connectionListed = (incoming.get('connection') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  for (const name of [...hopByHopHeaders, ...gatewayOwned, ...connectionListed])
    if (name) headers.delete(name);
  for (const name of [...headers.keys()]) if (name.startsWith('x-user-')) headers.delete(name);
  const cookie = incoming.get('cookie');
  if (cookie) {
    const kept = cookie
      .split(';')
      .map((pair) => pair.trim())
      .filter((pair) => pair && !pair.startsWith(`${accessTokenCookieName}=`));
    if (kept.length > 0) headers.set('cookie', kept.join('; '));
    else headers.delete('cookie');
  }
  return headers;
}

/**
 * Sets up what the filters share: the canonical path, the client address, the upstream and answer headers; and the
 * request's metrics label, its public route template (one label for every unknown path).
 */
export function requestContext(options: {
  readonly trustedProxyHops: number;
}): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const clientIp = clientIpOf({
      peer: incoming?.socket.remoteAddress,
      forwardedFor: c.req.header('x-forwarded-for'),
      trustedProxyHops: options.trustedProxyHops,
    });
    const upstreamHeaders = forwardableHeaders(c.req.raw.headers);
    upstreamHeaders.set('x-real-ip', clientIp);
    const canonical = canonicalPath(c.req.path);
    c.set('canonicalPath', canonical);
    c.set('metricsRoute', routeTemplateOf(canonical) ?? unmatchedRoute);
    c.set('clientIp', clientIp);
    c.set('upstreamHeaders', upstreamHeaders);
    const answerHeaders = new Headers();
    c.set('answerHeaders', answerHeaders);
    await next();
    // A relayed answer was written with them; any other answer gets them here.
    answerHeaders.forEach((value, name) => {
      c.res.headers.set(name, value);
    });
  };
}
