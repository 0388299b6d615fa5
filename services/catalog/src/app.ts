import { createServiceApp } from '@urr/common';
import type { CatalogContext } from './context.js';
import { artistRoutes } from './routes/artists.js';
import { eventRoutes } from './routes/events.js';

export function createApp(context: CatalogContext) {
  const app = createServiceApp({
    name: 'catalog-service',
    logger: context.logger,
    readiness: [{ name: 'postgres', check: context.db.ping }],
    openapi: { title: 'URR catalog-service', version: '1.0.0' },
  });
  app.route('/api/v1/events', eventRoutes(context));
  app.route('/api/v1/artists', artistRoutes(context));
  return app;
}
