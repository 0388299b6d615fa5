import { createServiceApp } from '@urr/common';
import type { CommunityContext } from './context.js';
import { commentRoutes } from './routes/comments.js';
import { moderationRoutes } from './routes/moderation.js';
import { postRoutes } from './routes/posts.js';
import { reviewRoutes } from './routes/reviews.js';

export function createApp(context: CommunityContext) {
  const app = createServiceApp({
    name: 'community-service',
    logger: context.logger,
    readiness: [{ name: 'postgres', check: context.db.ping }],
    openapi: { title: 'URR community-service', version: '1.0.0' },
  });
  app.route('/api/v1/community', postRoutes(context));
  app.route('/api/v1/community', commentRoutes(context));
  app.route('/api/v1/community', reviewRoutes(context));
  app.route('/api/v1/admin/community', moderationRoutes(context));
  return app;
}
