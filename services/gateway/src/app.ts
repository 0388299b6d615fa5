import { createServiceApp, type Logger, pingRedis, type Redis } from '@urr/common';
import type { AccessTokenVerifier } from '@urr/common/auth/access-token-verifier';
import type { Config } from './config.js';
import { authenticate, cookieToken } from './filters/access-token.js';
import { apiVersion } from './filters/api-version.js';
import { readEntryPass, requireEntryPass } from './filters/entry-token.js';
import { rateLimit } from './filters/rate-limit.js';
import { requestContext } from './filters/request-context.js';
import type { GatewayVariables } from './gateway-env.js';
import { publicOpenApiRoute } from './openapi/public-openapi-route.js';
import { proxyToService } from './proxy.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: Redis;
  readonly accessTokens: AccessTokenVerifier;
}

export function upstreamsOf(config: Config) {
  return {
    auth: config.AUTH_URL,
    ticket: config.TICKET_URL,
    payment: config.PAYMENT_URL,
    stats: config.STATS_URL,
    queue: config.QUEUE_URL,
    community: config.COMMUNITY_URL,
    catalog: config.CATALOG_URL,
  } as const;
}

/**
 * The gateway: every `/api/*` request runs the architecture's filter chain in order (API version → token from
 * cookie → JWT verification and X-User-* → entry pass read → rate limit, which also checks the pass's slot
 * → entry pass decision) and is then proxied to its service.
 */
export function createApp(deps: AppDeps) {
  const { config } = deps;
  const upstreams = upstreamsOf(config);
  const app = createServiceApp<GatewayVariables>({
    name: 'gateway-service',
    logger: deps.logger,
    readiness: [{ name: 'redis', check: () => pingRedis(deps.redis) }],
    openapi: { title: 'URR gateway-service', version: '1.0.0' },
  });
  app.use(
    '/api/*',
    requestContext({ trustedProxyHops: config.TRUSTED_PROXY_HOPS }),
    apiVersion(),
    cookieToken(),
    authenticate({ verifier: deps.accessTokens }),
    readEntryPass({ secret: config.ENTRY_TOKEN_SECRET }),
    rateLimit({ redis: deps.redis, logger: deps.logger }),
    requireEntryPass(),
  );
  app.get('/api/v1/openapi.json', publicOpenApiRoute({ upstreams, timeoutMs: 3000 }));
  app.all('/api/*', proxyToService({ upstreams, timeoutMs: config.UPSTREAM_TIMEOUT_MS }));
  return app;
}
