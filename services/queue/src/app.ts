import {
  type AuthUser,
  createServiceApp,
  internalToken,
  pingRedis,
  registerSignedInSecurity,
} from '@urr/common';
import type { QueueContext } from './context.js';
import { adminPassRevocationRoutes, internalPassRevocationRoutes } from './routes/pass-revocations.js';
import { queueRoutes } from './routes/queue.js';

export function createApp(context: QueueContext) {
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'queue-service',
    logger: context.logger,
    readiness: [{ name: 'redis', check: () => pingRedis(context.redis) }],
    openapi: {
      title: 'URR queue-service',
      version: '1.0.0',
      description: 'The Tier-2 queue in front of seat selection: line up, wait, get urr-entry-token.',
    },
  });
  registerSignedInSecurity(app);
  app.route('/api/v1/queue/admin', adminPassRevocationRoutes(context));
  app.route('/api/v1/queue', queueRoutes(context));
  app.use('/internal/*', internalToken({ token: context.config.INTERNAL_API_TOKEN }));
  app.route('/internal', internalPassRevocationRoutes(context));
  return app;
}
