import { createServiceApp, type Database, type Logger } from '@urr/common';
import type { Config } from './config.js';
import type * as schema from './db/schema.js';
import type { TicketReservations } from './reservations/ticket-reservations.js';
import { commentRoutes } from './routes/comments.js';
import { moderationRoutes } from './routes/moderation.js';
import { postRoutes } from './routes/posts.js';
import { reviewRoutes } from './routes/reviews.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  /** Asks ticket-service who holds a confirmed reservation (reviews need one). */
  readonly reservations: TicketReservations;
}

export function createApp(deps: AppDeps) {
  const app = createServiceApp({
    name: 'community-service',
    logger: deps.logger,
    readiness: [{ name: 'postgres', check: deps.db.ping }],
    openapi: { title: 'URR community-service', version: '1.0.0' },
  });
  app.route('/api/v1/community', postRoutes(deps));
  app.route('/api/v1/community', commentRoutes(deps));
  app.route('/api/v1/community', reviewRoutes(deps));
  app.route('/api/v1/admin/community', moderationRoutes(deps));
  return app;
}
