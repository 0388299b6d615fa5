import { createServiceApp, type Database, type Logger } from '@urr/common';
import type { Config } from './config.js';
import type * as schema from './db/schema.js';
import type { OrganiserDirectory } from './organisers/organiser-directory.js';
import { artistRoutes } from './routes/artists.js';
import { eventRoutes } from './routes/events.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  /** Reads go to `db.replica` (the primary when no replica is configured). */
  readonly db: Database<typeof schema>;
  readonly organisers: OrganiserDirectory;
}

export function createApp(deps: AppDeps) {
  const app = createServiceApp({
    name: 'catalog-service',
    logger: deps.logger,
    readiness: [{ name: 'postgres', check: deps.db.ping }],
    openapi: { title: 'URR catalog-service', version: '1.0.0' },
  });
  app.route('/api/v1/events', eventRoutes(deps));
  app.route('/api/v1/artists', artistRoutes(deps));
  return app;
}
