import { createRoute, createRouter, jsonResponse, problemResponses, type ServiceEnv, z } from '@urr/common';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from '../db/schema.js';
import { popularEvents } from '../db/stats-store.js';
import { popularQuery, windowHours } from './popular-query.js';
import { popularEventView, toPopularView } from './views.js';

const popular = createRoute({
  method: 'get',
  path: '/popular-events',
  summary: 'The best-selling events (public)',
  request: { query: popularQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(popularEventView) }), 'Events by tickets sold'),
    ...problemResponses(400),
  },
});

/** `/api/v1/stats`: what anyone may see (no money figures). */
export function publicStatsRoutes(db: NodePgDatabase<typeof schema>) {
  const router = createRouter<ServiceEnv>();
  router.openapi(popular, async (c) => {
    const { window, limit } = c.req.valid('query');
    const rows = await popularEvents(db, { windowHours: windowHours(window), limit });
    c.header('cache-control', 'public, max-age=30');
    return c.json({ items: toPopularView(rows) }, 200);
  });
  return router;
}
