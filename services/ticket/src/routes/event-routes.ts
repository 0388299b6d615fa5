import {
  createRoute,
  createRouter,
  jsonResponse,
  problemResponses,
  renderedJsonResponse,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import { findEvent, findPerformance, performancesOf } from '../db/event-store.js';
import { ticketTypesOf } from '../db/ticket-type-store.js';
import { notFound, unprocessable } from '../problems.js';
import { idParam, Performance, performanceView, TicketType, ticketTypeView } from './views.js';

const SeatAvailability = z
  .object({
    eventId: z.uuid(),
    performanceId: z.uuid(),
    seats: z.array(
      z.object({
        id: z.uuid(),
        section: z.string(),
        row: z.string(),
        number: z.number().int(),
        grade: z.string(),
        price: z.number().int(),
        state: z.enum(['available', 'held', 'sold']),
      }),
    ),
    counts: z.object({ available: z.number().int(), held: z.number().int(), sold: z.number().int() }),
  })
  .openapi('SeatAvailability');

const performanceQuery = z.object({
  performanceId: z
    .uuid()
    .optional()
    .openapi({ description: 'required when the event has several performances' }),
});

const seatsRoute = createRoute({
  method: 'get',
  path: '/{id}/seats',
  summary: 'The seat map of one performance with each seat available, held or sold',
  request: { params: idParam, query: performanceQuery },
  responses: {
    200: jsonResponse(
      SeatAvailability,
      'Seats and their state, at most SEAT_MAP_MAX_AGE_MS old (ETag, gzip)',
    ),
    304: { description: 'The seat map has not changed since the ETag sent in If-None-Match' },
    ...problemResponses(400, 404, 422),
  },
});

const ticketTypesRoute = createRoute({
  method: 'get',
  path: '/{id}/ticket-types',
  summary: 'Standing ticket types with what is left',
  request: { params: idParam, query: performanceQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(TicketType) }), 'Ticket types'),
    ...problemResponses(400, 404),
  },
});

const performancesRoute = createRoute({
  method: 'get',
  path: '/{id}/performances',
  summary: 'The performances (dates) of an event',
  request: { params: idParam },
  responses: {
    200: jsonResponse(z.object({ items: z.array(Performance) }), 'Performances in date order'),
    ...problemResponses(400, 404),
  },
});

/** Public reads of an event's sale: performances, seats, standing ticket types. */
export function eventRoutes(ctx: TicketContext) {
  const router = createRouter<ServiceEnv>();

  const publishedEvent = async (id: string) => {
    const event = await findEvent(ctx.db.replica, id);
    if (!event || event.status === 'draft') throw notFound('event', id);
    return event;
  };

  router.openapi(seatsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { performanceId } = c.req.valid('query');
    const rendering = {
      ifNoneMatch: c.req.header('if-none-match'),
      acceptEncoding: c.req.header('accept-encoding'),
    };
    // A fresh snapshot was built after its event and performance were checked below, no longer ago than
    // a seat it shows free may have been taken (docs/adr/0055), so it is served without reading them again.
    const ready = performanceId ? ctx.seatMaps.fresh({ eventId: id, performanceId }) : undefined;
    if (ready) return renderedJsonResponse(ready, rendering);
    const event = await publishedEvent(id);
    let performance = performanceId ? await findPerformance(ctx.db.replica, performanceId) : undefined;
    if (!performanceId) {
      const all = await performancesOf(ctx.db.replica, event.id);
      if (all.length > 1)
        throw unprocessable(
          'performance-required',
          `event ${event.id} has ${all.length} performances; name one with ?performanceId=`,
          { performanceIds: all.map((show) => show.id) },
        );
      performance = all[0];
    }
    if (!performance || performance.eventId !== event.id)
      throw notFound(`performance of event ${event.id}:`, performanceId ?? '(none yet)');
    const snapshot = await ctx.seatMaps.get({ eventId: event.id, performanceId: performance.id });
    return renderedJsonResponse(snapshot, rendering);
  });

  router.openapi(ticketTypesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { performanceId } = c.req.valid('query');
    const event = await publishedEvent(id);
    const items = await ticketTypesOf(ctx.db.primary, event.id, performanceId);
    return c.json({ items: items.map(ticketTypeView) }, 200);
  });

  router.openapi(performancesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const event = await publishedEvent(id);
    const items = await performancesOf(ctx.db.replica, event.id);
    return c.json({ items: items.map(performanceView) }, 200);
  });

  return router;
}
