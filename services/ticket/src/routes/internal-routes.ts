import { createRoute, createRouter, jsonResponse, problemResponses, type ServiceEnv, z } from '@urr/common';
import type { TicketContext } from '../context.js';
import { admissionFiguresOf } from '../db/admission-store.js';
import { findEvent } from '../db/event-store.js';
import {
  findReservation,
  hasConfirmedReservation,
  salesFiguresOf,
  seatViewsOf,
} from '../db/reservation-store.js';
import { notFound } from '../problems.js';
import { idParam, Reservation, reservationView } from './views.js';

const salesRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/sales',
  summary: "An event's capacity and tickets sold (paid) and held (unpaid); read by the operator",
  request: { params: z.object({ eventId: z.uuid() }) },
  responses: {
    200: jsonResponse(
      z.object({ seatsTotal: z.number().int(), seatsSold: z.number().int(), seatsHeld: z.number().int() }),
      'Sales figures (standing tickets count as seats)',
    ),
    ...problemResponses(401, 404),
  },
});

const admissionsRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/admissions',
  summary:
    "Users admitted to an event's booking pages, from queue-service's messages (the ticket-worker's ledger)",
  request: { params: z.object({ eventId: z.uuid() }) },
  responses: {
    200: jsonResponse(
      z.object({
        eventId: z.uuid(),
        admitted: z.number().int().openapi({ description: 'users admitted now' }),
        left: z.number().int(),
        expired: z.number().int(),
        admissions: z.number().int().openapi({ description: 'admissions in all, re-entries included' }),
      }),
      'Admission figures',
    ),
    ...problemResponses(401, 404),
  },
});

const confirmedRoute = createRoute({
  method: 'get',
  path: '/reservations/confirmed',
  summary: 'Whether a user holds a paid reservation for an event (community reviews)',
  request: { query: z.object({ userId: z.string().min(1).max(128), eventId: z.uuid() }) },
  responses: {
    200: jsonResponse(
      z.object({ userId: z.string(), eventId: z.uuid(), confirmed: z.boolean() }),
      'The answer',
    ),
    ...problemResponses(400, 401),
  },
});

const reservationRoute = createRoute({
  method: 'get',
  path: '/reservations/{id}',
  summary: 'A reservation as payment-service charges it (amount, status, hold deadline)',
  request: { params: idParam },
  responses: {
    200: jsonResponse(Reservation.extend({ userId: z.string() }), 'The reservation'),
    ...problemResponses(401, 404),
  },
});

/** `/internal`: service-to-service reads, behind the internal token (mounted by the app). */
export function internalRoutes(ctx: TicketContext) {
  const router = createRouter<ServiceEnv>();

  router.openapi(salesRoute, async (c) => {
    const { eventId } = c.req.valid('param');
    if (!(await findEvent(ctx.db.primary, eventId))) throw notFound('event', eventId);
    return c.json(await salesFiguresOf(ctx.db.primary, eventId), 200);
  });

  router.openapi(admissionsRoute, async (c) => {
    const { eventId } = c.req.valid('param');
    if (!(await findEvent(ctx.db.primary, eventId))) throw notFound('event', eventId);
    return c.json({ eventId, ...(await admissionFiguresOf(ctx.db.primary, eventId)) }, 200);
  });

  router.openapi(confirmedRoute, async (c) => {
    const { userId, eventId } = c.req.valid('query');
    const confirmed = await hasConfirmedReservation(ctx.db.primary, userId, eventId);
    return c.json({ userId, eventId, confirmed }, 200);
  });

  router.openapi(reservationRoute, async (c) => {
    const { id } = c.req.valid('param');
    const reservation = await findReservation(ctx.db.primary, id);
    if (!reservation) throw notFound('reservation', id);
    const seats = await seatViewsOf(ctx.db.primary, [id]);
    return c.json({ ...reservationView(reservation, seats.get(id)), userId: reservation.userId }, 200);
  });

  return router;
}
