import { createServiceApp, pingRedis } from '@urr/common';
import type { GatewayContext } from './context.js';
import { authenticate, cookieToken } from './routes/access-token.js';
import { apiVersion } from './routes/api-version.js';
import { readEntryPass, requireEntryPass } from './routes/entry-token.js';
import type { GatewayVariables } from './routes/gateway-env.js';
import { proxyToService } from './routes/proxy.js';
import { publicOpenApiRoute } from './routes/public-openapi.js';
import { rateLimit } from './routes/rate-limit.js';
import { requestContext } from './routes/request-context.js';

/**
 * The gateway: every `/api/*` request runs the architecture's filter chain in order (API version → token from
 * cookie → JWT verification and X-User-* → entry pass read → rate limit, which also checks the pass's slot
 * → entry pass decision) and is then proxied to its service.
 */
export function createApp(context: GatewayContext) {
  const { config, upstreams } = context;
  const app = createServiceApp<GatewayVariables>({
    name: 'gateway-service',
    logger: context.logger,
    readiness: [{ name: 'redis', check: () => pingRedis(context.redis) }],
    openapi: { title: 'URR gateway-service', version: '1.0.0' },
  });
  app.use(
    '/api/*',
    requestContext({ trustedProxyHops: config.TRUSTED_PROXY_HOPS }),
    apiVersion(),
    cookieToken(),
    authenticate({ verifier: context.accessTokens }),
    readEntryPass({ secret: config.ENTRY_TOKEN_SECRET }),
    rateLimit({ redis: context.redis, logger: context.logger }),
    requireEntryPass(),
  );
  app.get('/api/v1/openapi.json', publicOpenApiRoute({ upstreams, timeoutMs: 3000 }));
  app.all(
    '/api/*',
    proxyToService({ upstreams, timeoutMs: config.UPSTREAM_TIMEOUT_MS, pool: context.upstreamPool }),
  );
  return app;
}
