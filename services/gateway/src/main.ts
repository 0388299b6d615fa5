import { bootService, createRedis, quitRedis } from '@urr/common';
import { accessTokenJwksPath } from '@urr/common/auth/access-token';
import { createAccessTokenVerifier } from '@urr/common/auth/access-token-verifier';
import { createApp } from './app.js';
import { configSchema } from './config.js';

const service = bootService({ name: 'gateway-service', configSchema });
const { config, logger } = service;
const redis = createRedis({ url: config.REDIS_URL, name: service.name, logger });
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
await service.serve({
  app: createApp({ config, logger, redis, accessTokens }),
  close: [() => quitRedis(redis)],
});
