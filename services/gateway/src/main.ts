import { createLogger, createRedis, initTracing, loadConfig, quitRedis, startServer } from '@urr/common';
import { accessTokenJwksPath } from '@urr/common/auth/access-token';
import { createAccessTokenVerifier } from './access-token-verifier.js';
import { createApp } from './app.js';
import { configSchema } from './config.js';

const name = 'gateway-service';
const config = loadConfig(configSchema);
const tracing = initTracing({ serviceName: name, zipkinUrl: config.ZIPKIN_URL });
const logger = createLogger({ service: name, level: config.LOG_LEVEL });
const redis = createRedis({ url: config.REDIS_URL, name, logger });
const accessTokens = createAccessTokenVerifier({
  jwksUrl: config.AUTH_JWKS_URL ?? new URL(accessTokenJwksPath, config.AUTH_URL).href,
  issuer: config.AUTH_JWT_ISSUER,
  audience: config.AUTH_JWT_AUDIENCE,
});
// Fetch the keys now so the first signed-in requests need not wait; auth-service may still be starting,
// in which case the first request that carries a token fetches them.
accessTokens
  .warm()
  .catch((error: unknown) => logger.warn({ err: error }, 'access-token keys not fetched yet'));
const app = createApp({ config, logger, redis, accessTokens });
await startServer({
  app,
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    await quitRedis(redis);
    await tracing.shutdown();
  },
});
