import { bootService, createRedis, quitRedis } from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import { gatewayContext } from './context.js';

const service = bootService({ name: 'gateway-service', configSchema });
const { config, logger } = service;
const redis = createRedis({ url: config.REDIS_URL, name: service.name, logger });
const context = gatewayContext({ config, logger, redis });
// Fetch the keys now so the first signed-in requests need not wait; auth-service may still be starting,
// in which case the first request that carries a token fetches them.
context.accessTokens
  .warm()
  .catch((error: unknown) => logger.warn({ err: error }, 'access-token keys not fetched yet'));
await service.serve({
  app: createApp(context),
  close: [async () => context.upstreamPool.close(), () => quitRedis(redis)],
});
