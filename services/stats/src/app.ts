import { type AuthUser, createServiceApp } from '@urr/common';
import type { StatsContext } from './context.js';
import { adminStatsRoutes } from './routes/admin-stats.js';
import { publicStatsRoutes } from './routes/public-stats.js';

export function createApp(context: StatsContext) {
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'stats-service',
    logger: context.logger,
    readiness: [{ name: 'postgres', check: context.db.ping }],
    openapi: { title: 'URR stats-service', version: '1.0.0' },
  });
  app.route('/api/v1/admin/stats', adminStatsRoutes(context.db.replica));
  app.route('/api/v1/stats', publicStatsRoutes(context.db.replica));
  return app;
}
