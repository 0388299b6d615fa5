import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  nonBlankText,
  pageOf,
  pageOffset,
  pageQuery,
  pageSchema,
  partialUpdate,
  problemResponses,
  requireAdmin,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import { findEvent, listEvents, performancesOf } from '../db/event-store.js';
import { gradeSalesOf, salesFiguresOf } from '../db/reservation-store.js';
import { seatMapOf } from '../db/seat-map-store.js';
import { ticketTypesOf } from '../db/ticket-type-store.js';
import { eventStatuses } from '../domain/purchase-window.js';
import { notFound } from '../problems.js';
import {
  addPerformance,
  addTicketType,
  createEvent,
  deleteEvent,
  removePerformance,
  setGradePrice,
  setSeatMap,
  updateEvent,
  updatePerformance,
  updateTicketType,
} from '../use-cases/event-admin.js';
import {
  Event,
  eventView,
  idParam,
  isoDateTime,
  Performance,
  performanceView,
  TicketType,
  ticketTypeView,
} from './views.js';

type Env = ServiceEnv<{ user: AuthUser }>;

/**
 * A schedule's date-times start in 1970: the database keeps earlier years, but the driver reads its text
 * form back through `new Date()`, which takes "0001-01-08 00:00:00+00" for 2008-01-01.
 */
const scheduleYear = '^(?:19[7-9][0-9]|[2-9][0-9]{3})-';
const date = isoDateTime
  .refine((value) => new RegExp(scheduleYear).test(value), { error: 'use a date from the year 1970 on' })
  .openapi({ pattern: scheduleYear })
  .transform((value) => new Date(value));
const price = z.number().int().min(0).max(100_000_000).openapi({ description: 'integer minor units' });
const PerformanceTimes = z.object({ startsAt: date, endsAt: date.nullable().optional() });

const EventFields = z.object({
  title: nonBlankText(300),
  description: z.string().max(20_000),
  category: nonBlankText(50).openapi({ example: 'concert' }),
  status: z.enum(eventStatuses),
  artistId: z.uuid(),
  venueId: z.uuid(),
  presaleOpensAt: date.nullable().openapi({ description: 'members buy from here, tier by tier' }),
  salesOpenAt: date.openapi({ description: 'everyone buys from here' }),
  salesCloseAt: date,
  maxTicketsPerReservation: z.number().int().min(1).max(10),
  maxHeldTicketsPerAccount: z
    .number()
    .int()
    .min(1)
    .max(100)
    .openapi({ description: 'tickets one account may hold unpaid at once, over all its reservations' }),
});

const CreateEvent = EventFields.partial({
  description: true,
  status: true,
  presaleOpensAt: true,
  maxTicketsPerReservation: true,
  maxHeldTicketsPerAccount: true,
}).extend({
  kind: z.enum(['seated', 'standing']),
  currency: z.string().length(3).toUpperCase().default('KRW'),
  performances: z.array(PerformanceTimes).max(100).default([]),
});

const SeatMap = z
  .object({
    grades: z
      .array(z.object({ name: nonBlankText(20), price }))
      .min(1)
      .max(20),
    sections: z
      .array(
        z.object({
          name: nonBlankText(50),
          rows: z
            .array(
              z.object({
                label: nonBlankText(10),
                seats: z.number().int().min(1).max(500),
                grade: nonBlankText(20),
              }),
            )
            .min(1)
            .max(200),
        }),
      )
      .min(1)
      .max(100),
  })
  .openapi('SeatMap');

const TicketTypeFields = z.object({
  name: nonBlankText(100),
  price,
  quantity: z.number().int().min(1).max(1_000_000),
  perUserLimit: z.number().int().min(1).max(100),
});

const SalesFigures = z
  .object({ seatsTotal: z.number().int(), seatsSold: z.number().int(), seatsHeld: z.number().int() })
  .openapi('SalesFigures');

const GradeSales = z
  .object({
    kind: z.enum(['grade', 'ticket-type']),
    id: z.uuid().openapi({ description: "the seat grade's or ticket type's id" }),
    name: z.string(),
    price: z.number().int().openapi({ description: 'the price now, integer minor units' }),
    performanceId: z
      .uuid()
      .nullable()
      .openapi({ description: "a ticket type's performance; null for a grade" }),
    seatsTotal: z.number().int(),
    seatsSold: z.number().int().openapi({ description: 'in paid reservations' }),
    seatsHeld: z.number().int().openapi({ description: 'in unpaid holds the expiry job has not ended yet' }),
    seatsLeft: z.number().int(),
    takings: z.number().int().openapi({
      description:
        'integer minor units paid for the sold seats at the prices they were bought at, before partial refunds',
    }),
  })
  .openapi('GradeSales');

const EventDetail = z
  .object({
    event: Event,
    performances: z.array(Performance),
    seatMap: z.object({
      grades: z.array(z.object({ id: z.uuid(), name: z.string(), price: z.number().int() })),
      sections: z.array(
        z.object({
          name: z.string(),
          rows: z.array(z.object({ label: z.string(), seats: z.number().int(), grade: z.string() })),
        }),
      ),
    }),
    ticketTypes: z.array(TicketType),
    sales: SalesFigures,
    salesByGrade: z.array(GradeSales).openapi({
      description:
        '`sales` per seat grade of a seated event (dearest first) or per ticket type of a standing one; the parts add up to `sales`',
    }),
  })
  .openapi('EventDetail');

const admin = problemResponses(400, 401, 403);

const routes = {
  createEvent: createRoute({
    method: 'post',
    path: '/',
    summary: 'Create an event (draft unless a status is given), optionally with its performances',
    request: { body: jsonBody(CreateEvent) },
    responses: { 201: jsonResponse(Event, 'The event'), ...admin, ...problemResponses(422) },
  }),
  listEvents: createRoute({
    method: 'get',
    path: '/',
    summary: 'Every event, drafts included, latest sale first',
    request: { query: z.object(pageQuery) },
    responses: { 200: jsonResponse(pageSchema(Event, 'EventPage'), 'A page of events'), ...admin },
  }),
  getEvent: createRoute({
    method: 'get',
    path: '/{id}',
    summary: 'An event with its performances, seat map, ticket types and sales figures, also per grade',
    request: { params: idParam },
    responses: { 200: jsonResponse(EventDetail, 'The event'), ...admin, ...problemResponses(404) },
  }),
  updateEvent: createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Change an event (status, schedule, texts, lineup)',
    request: { params: idParam, body: jsonBody(partialUpdate(EventFields)) },
    responses: { 200: jsonResponse(Event, 'The event'), ...admin, ...problemResponses(404, 422) },
  }),
  deleteEvent: createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete an event that has no reservations',
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, ...admin, ...problemResponses(404, 409) },
  }),
  getSeatMap: createRoute({
    method: 'get',
    path: '/{id}/seat-map',
    summary: "The event's seat map",
    request: { params: idParam },
    responses: {
      200: jsonResponse(EventDetail.shape.seatMap, 'The seat map'),
      ...admin,
      ...problemResponses(404),
    },
  }),
  setSeatMap: createRoute({
    method: 'put',
    path: '/{id}/seat-map',
    summary: "Set a seated event's grades, sections and rows; every performance gets these seats",
    request: { params: idParam, body: jsonBody(SeatMap) },
    responses: {
      200: jsonResponse(
        z.object({ seatsPerPerformance: z.number().int(), seatsCreated: z.number().int() }),
        'Seats created',
      ),
      ...admin,
      ...problemResponses(404, 409, 422),
    },
  }),
  setGradePrice: createRoute({
    method: 'patch',
    path: '/{id}/grades/{gradeId}',
    summary: 'Change the price of a seat grade (held and paid reservations keep their price)',
    request: { params: z.object({ id: z.uuid(), gradeId: z.uuid() }), body: jsonBody(z.object({ price })) },
    responses: {
      200: jsonResponse(z.object({ id: z.uuid(), name: z.string(), price: z.number().int() }), 'The grade'),
      ...admin,
      ...problemResponses(404),
    },
  }),
};

/** `/api/v1/admin/events`. */
export function adminEventRoutes(ctx: TicketContext) {
  const router = createRouter<Env>();
  router.use('*', requireAdmin());

  router.openapi(routes.createEvent, async (c) => {
    const { performances, ...fields } = c.req.valid('json');
    const event = await createEvent(ctx, { ...fields, organiserId: c.get('user').id }, performances);
    c.get('logger').info({ eventId: event.id, kind: event.kind }, 'event created');
    return c.json(eventView(event), 201);
  });

  router.openapi(routes.listEvents, async (c) => {
    const { page, size } = c.req.valid('query');
    const { rows, total } = await listEvents(ctx.db.primary, {
      limit: size,
      offset: pageOffset({ page, size }),
    });
    return c.json(pageOf(rows.map(eventView), { page, size }, total), 200);
  });

  router.openapi(routes.getEvent, async (c) => {
    const { id } = c.req.valid('param');
    const event = await findEvent(ctx.db.primary, id);
    if (!event) throw notFound('event', id);
    const [shows, seatMap, ticketTypes, sales, gradeSales] = await Promise.all([
      performancesOf(ctx.db.primary, id),
      seatMapOf(ctx.db.primary, id),
      ticketTypesOf(ctx.db.primary, id),
      salesFiguresOf(ctx.db.primary, id),
      gradeSalesOf(ctx.db.primary, id),
    ]);
    return c.json(
      {
        event: eventView(event),
        performances: shows.map(performanceView),
        seatMap,
        ticketTypes: ticketTypes.map(ticketTypeView),
        sales,
        salesByGrade: gradeSales.map((line) => ({
          ...line,
          seatsLeft: line.seatsTotal - line.seatsSold - line.seatsHeld,
        })),
      },
      200,
    );
  });

  router.openapi(routes.updateEvent, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(eventView(await updateEvent(ctx, id, c.req.valid('json'))), 200);
  });

  router.openapi(routes.deleteEvent, async (c) => {
    const { id } = c.req.valid('param');
    await deleteEvent(ctx, id);
    c.get('logger').info({ eventId: id }, 'event deleted');
    return c.body(null, 204);
  });

  router.openapi(routes.getSeatMap, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await findEvent(ctx.db.primary, id))) throw notFound('event', id);
    return c.json(await seatMapOf(ctx.db.primary, id), 200);
  });

  router.openapi(routes.setSeatMap, async (c) => {
    const { id } = c.req.valid('param');
    const result = await setSeatMap(ctx, id, c.req.valid('json'));
    c.get('logger').info({ eventId: id, ...result }, 'seat map set');
    return c.json(result, 200);
  });

  router.openapi(routes.setGradePrice, async (c) => {
    const { id, gradeId } = c.req.valid('param');
    const grade = await setGradePrice(ctx, id, gradeId, c.req.valid('json').price);
    return c.json({ id: grade.id, name: grade.name, price: grade.price }, 200);
  });

  return router;
}

const performanceRoutesSpec = {
  create: createRoute({
    method: 'post',
    path: '/',
    summary: 'Add a performance (date) to an event; a seated event gives it the seats of its seat map',
    request: { body: jsonBody(PerformanceTimes.extend({ eventId: z.uuid() })) },
    responses: { 201: jsonResponse(Performance, 'The performance'), ...admin, ...problemResponses(404, 422) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Move a performance',
    request: {
      params: idParam,
      body: jsonBody(partialUpdate(PerformanceTimes)),
    },
    responses: { 200: jsonResponse(Performance, 'The performance'), ...admin, ...problemResponses(404, 422) },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete a performance that has no reservations',
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, ...admin, ...problemResponses(404, 409) },
  }),
};

/** `/api/v1/admin/performances`. */
export function adminPerformanceRoutes(ctx: TicketContext) {
  const router = createRouter<Env>();
  router.use('*', requireAdmin());
  router.openapi(performanceRoutesSpec.create, async (c) => {
    const { eventId, ...times } = c.req.valid('json');
    return c.json(performanceView(await addPerformance(ctx, eventId, times)), 201);
  });
  router.openapi(performanceRoutesSpec.update, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(performanceView(await updatePerformance(ctx, id, c.req.valid('json'))), 200);
  });
  router.openapi(performanceRoutesSpec.remove, async (c) => {
    await removePerformance(ctx, c.req.valid('param').id);
    return c.body(null, 204);
  });
  return router;
}

const ticketTypeRoutesSpec = {
  create: createRoute({
    method: 'post',
    path: '/',
    summary: "Add standing tickets to a standing event's performance",
    request: { body: jsonBody(TicketTypeFields.extend({ performanceId: z.uuid() })) },
    responses: { 201: jsonResponse(TicketType, 'The ticket type'), ...admin, ...problemResponses(404, 409) },
  }),
  list: createRoute({
    method: 'get',
    path: '/',
    summary: "An event's ticket types",
    request: { query: z.object({ eventId: z.uuid() }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(TicketType) }), 'Ticket types'), ...admin },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Change a ticket type (the quantity never below what is sold or held)',
    request: {
      params: idParam,
      body: jsonBody(partialUpdate(TicketTypeFields)),
    },
    responses: { 200: jsonResponse(TicketType, 'The ticket type'), ...admin, ...problemResponses(404, 409) },
  }),
};

/** `/api/v1/admin/ticket-types`. */
export function adminTicketTypeRoutes(ctx: TicketContext) {
  const router = createRouter<Env>();
  router.use('*', requireAdmin());
  router.openapi(ticketTypeRoutesSpec.create, async (c) => {
    const { performanceId, ...fields } = c.req.valid('json');
    return c.json(ticketTypeView(await addTicketType(ctx, performanceId, fields)), 201);
  });
  router.openapi(ticketTypeRoutesSpec.list, async (c) => {
    const items = await ticketTypesOf(ctx.db.primary, c.req.valid('query').eventId);
    return c.json({ items: items.map(ticketTypeView) }, 200);
  });
  router.openapi(ticketTypeRoutesSpec.update, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(ticketTypeView(await updateTicketType(ctx, id, c.req.valid('json'))), 200);
  });
  return router;
}
