import {
  type AuthUser,
  createRoute,
  createRouter,
  HttpProblem,
  jsonResponse,
  pageOf,
  pageQuery,
  pageSchema,
  problemResponses,
  requireAdmin,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from '../db/schema.js';
import {
  type EventSort,
  eventSorts,
  eventStatsOf,
  listEventStats,
  membershipTierRows,
  overview,
  popularEvents,
} from '../db/stats-store.js';
import { popularQuery, windowHours } from './popular-query.js';
import { saleReportRoutes } from './sale-report.js';
import {
  eventStatsView,
  overviewView,
  popularEventView,
  tierView,
  toEventStatsView,
  toOverviewView,
  toPopularView,
  toTierView,
} from './views.js';

const sorts = Object.keys(eventSorts) as [EventSort, ...EventSort[]];

const getOverview = createRoute({
  method: 'get',
  path: '/overview',
  summary: 'All events together: sales, funnel, payments, money per currency, transfers, memberships',
  responses: { 200: jsonResponse(overviewView, 'The overview'), ...problemResponses(401, 403) },
});

const listEvents = createRoute({
  method: 'get',
  path: '/events',
  request: { query: z.object({ ...pageQuery, sort: z.enum(sorts).default('ticketsSold') }) },
  responses: {
    200: jsonResponse(pageSchema(eventStatsView, 'EventStatsPage'), 'Per-event figures'),
    ...problemResponses(400, 401, 403),
  },
});

const getEvent = createRoute({
  method: 'get',
  path: '/events/{eventId}',
  request: { params: z.object({ eventId: z.string().min(1).max(128) }) },
  responses: { 200: jsonResponse(eventStatsView, "One event's figures"), ...problemResponses(401, 403, 404) },
});

const popular = createRoute({
  method: 'get',
  path: '/popular-events',
  request: { query: popularQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(popularEventView) }), 'Events by tickets sold'),
    ...problemResponses(400, 401, 403),
  },
});

const memberships = createRoute({
  method: 'get',
  path: '/memberships',
  responses: {
    200: jsonResponse(z.object({ items: z.array(tierView) }), 'Members per tier'),
    ...problemResponses(401, 403),
  },
});

/** `/api/v1/admin/stats`: the admin dashboard (role admin); reads go to the replica when there is one. */
export function adminStatsRoutes(db: NodePgDatabase<typeof schema>) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  router.use('*', requireAdmin());
  router.openapi(getOverview, async (c) => c.json(toOverviewView(await overview(db)), 200));
  router.openapi(listEvents, async (c) => {
    const { page, size, sort } = c.req.valid('query');
    const { rows, total } = await listEventStats(db, { page, size }, sort);
    return c.json(pageOf(rows.map(toEventStatsView), { page, size }, total), 200);
  });
  router.openapi(getEvent, async (c) => {
    const { eventId } = c.req.valid('param');
    const row = await eventStatsOf(db, eventId);
    if (!row)
      throw new HttpProblem(404, {
        type: 'urn:urr:problem:event-stats-not-found',
        title: 'No figures',
        detail: `no event ${eventId} has been counted yet`,
      });
    return c.json(toEventStatsView(row), 200);
  });
  router.openapi(popular, async (c) => {
    const { window, limit } = c.req.valid('query');
    const rows = await popularEvents(db, { windowHours: windowHours(window), limit });
    return c.json({ items: toPopularView(rows) }, 200);
  });
  router.openapi(memberships, async (c) =>
    c.json({ items: (await membershipTierRows(db)).map(toTierView) }, 200),
  );
  router.route('/', saleReportRoutes(db));
  return router;
}
