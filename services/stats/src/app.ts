import { type AuthUser, createServiceApp, type Database, type Logger } from '@urr/common';
import type * as schema from './db/schema.js';
import { adminStatsRoutes } from './routes/admin-stats.js';
import { publicStatsRoutes } from './routes/public-stats.js';

export interface AppDeps {
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
}

export function createApp(deps: AppDeps) {
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'stats-service',
    logger: deps.logger,
    readiness: [{ name: 'postgres', check: deps.db.ping }],
    openapi: { title: 'URR stats-service', version: '1.0.0' },
  });
  app.route('/api/v1/admin/stats', adminStatsRoutes(deps.db.replica));
  app.route('/api/v1/stats', publicStatsRoutes(deps.db.replica));
  return app;
}
