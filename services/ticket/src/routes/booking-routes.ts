import {
  type AuthUser,
  createRoute,
  createRouter,
  InternalCallError,
  jsonBody,
  jsonResponse,
  pageOf,
  pageOffset,
  pageQuery,
  pageSchema,
  problemResponses,
  requireUser,
  type ServiceEnv,
  z,
} from '@urr/common';
import { entryEventIdHeader } from '@urr/common/queue/booking-writes';
import { PaymentIntent } from '../clients/payment-client.js';
import type { TicketContext } from '../context.js';
import {
  findReservation,
  type ReservationRow,
  type ReservationSeatView,
  reservationsOfUser,
  seatViewsOf,
} from '../db/reservation-store.js';
import { reservationStatuses } from '../domain/reservation-status.js';
import { conflict, notFound, serviceUnavailable } from '../problems.js';
import { cancelByBuyer } from '../use-cases/cancel-reservation.js';
import { intentAfterReserve, newIntentOf } from '../use-cases/payment-intents.js';
import { maxWaitSeconds, readWhenSettled } from '../use-cases/read-when-settled.js';
import { reserveSeats } from '../use-cases/reserve-seats.js';
import { reserveStanding } from '../use-cases/reserve-standing.js';
import { idParam, Reservation, reservationView } from './views.js';

const HeldReservation = Reservation.extend({
  paymentIntentId: z
    .uuid()
    .nullable()
    .openapi({
      description:
        'the payment to confirm at /api/v1/payments/{id}/confirm; null when payment-service could not be ' +
        'reached: ask GET /api/v1/reservations/{id}/payment-intent',
    }),
}).openapi('HeldReservation');

type Env = ServiceEnv<{ user: AuthUser }>;

const entryHeaders = z.object({
  [entryEventIdHeader]: z
    .string()
    .optional()
    .openapi({ description: 'set by the gateway from the verified urr-entry-token; clients cannot set it' }),
});

const reserveSeatsRoute = createRoute({
  method: 'post',
  path: '/reserve',
  summary: 'Hold seats until payment (the hold ends after the seat-lock TTL)',
  request: {
    headers: entryHeaders,
    body: jsonBody(
      z.object({
        eventId: z.uuid(),
        seatIds: z.array(z.uuid()).min(1).max(20),
      }),
    ),
  },
  responses: {
    201: jsonResponse(HeldReservation, 'The reservation, waiting for payment'),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

const reserveStandingRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Hold standing tickets until payment',
  request: {
    headers: entryHeaders,
    body: jsonBody(
      z.object({
        eventId: z.uuid(),
        ticketTypeId: z.uuid(),
        quantity: z.number().int().min(1).max(20),
      }),
    ),
  },
  responses: {
    201: jsonResponse(HeldReservation, 'The reservation, waiting for payment'),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'My reservations, newest first',
  request: { query: z.object({ ...pageQuery, status: z.enum(reservationStatuses).optional() }) },
  responses: {
    200: jsonResponse(pageSchema(Reservation, 'ReservationPage'), 'A page of my reservations'),
    ...problemResponses(400, 401),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One of my reservations',
  description:
    'With `waitSeconds`, a reservation still PENDING_PAYMENT is answered once it is paid, cancelled or ' +
    'expired, or after that many seconds as it then is: one request instead of polling for the outcome.',
  request: {
    params: idParam,
    query: z.object({
      waitSeconds: z.coerce
        .number()
        .int()
        .min(0)
        .max(maxWaitSeconds)
        .default(0)
        .openapi({
          description: `wait up to this many seconds (at most ${maxWaitSeconds}) while the payment is pending`,
        }),
    }),
  },
  responses: { 200: jsonResponse(Reservation, 'The reservation'), ...problemResponses(400, 401, 404) },
});

const paymentIntentRoute = createRoute({
  method: 'get',
  path: '/{id}/payment-intent',
  summary: "My unpaid reservation's payment (created when missing; always the same one)",
  request: { params: idParam },
  responses: {
    200: jsonResponse(PaymentIntent, 'The payment to confirm'),
    ...problemResponses(401, 404, 409, 502, 503, 504),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  summary:
    'Cancel my reservation; its seats or tickets go back on sale, and what was paid is refunded ' +
    '(409 payment-in-progress while a charge of it is under way)',
  request: { params: idParam },
  responses: {
    200: jsonResponse(Reservation, 'The cancelled reservation'),
    ...problemResponses(401, 404, 409, 502, 503, 504),
  },
});

async function withSeats(ctx: TicketContext, rows: Parameters<typeof reservationView>[0][]) {
  const seats = await seatViewsOf(
    ctx.db.primary,
    rows.filter((row) => row.kind === 'seat').map((row) => row.id),
  );
  return rows.map((row) => reservationView(row, seats.get(row.id)));
}

/** A new hold with its payment; `seats` as the hold read them (standing tickets have none). */
async function heldView(
  ctx: TicketContext,
  reservation: ReservationRow,
  seats: readonly ReservationSeatView[],
  logger: Parameters<typeof intentAfterReserve>[2],
  requestId: string,
) {
  const intent = await intentAfterReserve(ctx.payments, reservation, logger, requestId);
  return { ...reservationView(reservation, seats), paymentIntentId: intent?.paymentIntentId ?? null };
}

/** `POST /api/v1/seats/reserve`. */
export function seatRoutes(ctx: TicketContext) {
  const router = createRouter<Env>();
  router.use('*', requireUser());
  router.openapi(reserveSeatsRoute, async (c) => {
    const { eventId, seatIds } = c.req.valid('json');
    const { reservation, seats } = await reserveSeats(ctx, {
      user: c.get('user'),
      entryEventId: c.req.header(entryEventIdHeader),
      eventId,
      seatIds,
    });
    c.get('logger').info({ reservationId: reservation.id, eventId, seats: seatIds.length }, 'seats reserved');
    return c.json(await heldView(ctx, reservation, seats, c.get('logger'), c.get('requestId')), 201);
  });
  return router;
}

/** `/api/v1/reservations`: standing tickets, my reservations, cancel. */
export function reservationRoutes(ctx: TicketContext) {
  const router = createRouter<Env>();
  router.use('*', requireUser());

  router.openapi(reserveStandingRoute, async (c) => {
    const body = c.req.valid('json');
    const reservation = await reserveStanding(ctx, {
      user: c.get('user'),
      entryEventId: c.req.header(entryEventIdHeader),
      ...body,
    });
    c.get('logger').info(
      { reservationId: reservation.id, eventId: body.eventId, tickets: body.quantity },
      'standing tickets reserved',
    );
    return c.json(await heldView(ctx, reservation, [], c.get('logger'), c.get('requestId')), 201);
  });

  router.openapi(paymentIntentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const reservation = await findReservation(ctx.db.primary, id);
    if (!reservation || reservation.userId !== c.get('user').id) throw notFound('reservation', id);
    if (reservation.status !== 'PENDING_PAYMENT' || reservation.expiresAt <= ctx.now())
      throw conflict(
        'not-payable',
        reservation.status === 'PENDING_PAYMENT'
          ? 'the hold has ended; reserve again'
          : `the reservation is ${reservation.status}: there is nothing to pay`,
        { status: reservation.status },
      );
    if (!ctx.payments) throw serviceUnavailable('payments-unavailable', 'payments are not available');
    try {
      return c.json(await ctx.payments.createIntent(newIntentOf(reservation), c.get('requestId')), 200);
    } catch (error) {
      throw error instanceof InternalCallError ? error.toProblem() : error;
    }
  });

  router.openapi(listRoute, async (c) => {
    const { page, size, status } = c.req.valid('query');
    const { rows, total } = await reservationsOfUser(ctx.db.primary, c.get('user').id, {
      status,
      limit: size,
      offset: pageOffset({ page, size }),
    });
    return c.json(pageOf(await withSeats(ctx, rows), { page, size }, total), 200);
  });

  router.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { waitSeconds } = c.req.valid('query');
    const userId = c.get('user').id;
    const reservation = await readWhenSettled(ctx, id, {
      waitMs: waitSeconds * 1000,
      signal: c.req.raw.signal,
      visible: (found) => found.userId === userId,
    });
    if (!reservation) throw notFound('reservation', id);
    const [view] = await withSeats(ctx, [reservation]);
    return c.json(view ?? reservationView(reservation), 200);
  });

  router.openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const cancelled = await cancelByBuyer(ctx, c.get('user'), id, c.get('requestId'));
    const [view] = await withSeats(ctx, [cancelled]);
    c.get('logger').info({ reservationId: id }, 'reservation cancelled by its buyer');
    return c.json(view ?? reservationView(cancelled), 200);
  });

  return router;
}
