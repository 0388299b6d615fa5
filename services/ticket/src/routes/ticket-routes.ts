import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  nonBlankText,
  problemResponses,
  requireStaff,
  requireUser,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import { ticketCodeWindowSeconds } from '../domain/ticket-code.js';
import { checkInTicket } from '../use-cases/check-in.js';
import { ticketCodesOf } from '../use-cases/ticket-codes.js';
import { isoDateTime } from './views.js';

const TicketCodeKeySet = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: z.string(),
        kid: z.string(),
        alg: z.literal('EdDSA'),
        use: z.literal('sig'),
      }),
    ),
  })
  .openapi('TicketCodeKeySet');

const HeldTicket = z
  .object({
    number: z.number().int().openapi({ description: '1…ticketCount' }),
    code: z.string().nullable().openapi({
      description: 'the door code (a JWT) for the current window; null once the ticket was checked in',
    }),
    usedAt: isoDateTime.nullable(),
    gate: z.string().nullable(),
  })
  .openapi('HeldTicket');

const TicketPass = z
  .object({
    reservationId: z.uuid(),
    eventId: z.uuid(),
    performanceId: z.uuid(),
    ticketCount: z.number().int(),
    tickets: z.array(HeldTicket),
    validFrom: isoDateTime,
    validUntil: isoDateTime.openapi({ description: 'fetch the next codes by then' }),
    windowSeconds: z.number().int(),
  })
  .openapi('TicketPass');

const CheckIn = z
  .object({
    reservationId: z.uuid(),
    ticketNumber: z.number().int(),
    ticketCount: z.number().int(),
    eventId: z.uuid(),
    performanceId: z.uuid(),
    gate: z.string(),
    checkedInAt: isoDateTime,
  })
  .openapi('CheckIn');

const keysRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  summary: "Public keys that verify tickets' door codes (RFC 7517), for scanners that verify offline",
  responses: { 200: jsonResponse(TicketCodeKeySet, 'The key set') },
});

const passRoute = createRoute({
  method: 'get',
  path: '/{reservationId}',
  summary: 'My tickets of a paid reservation, each with its door code for the current 30-second window',
  middleware: requireUser(),
  request: { params: z.object({ reservationId: z.uuid() }) },
  responses: {
    200: jsonResponse(TicketPass, 'The tickets and their live codes'),
    ...problemResponses(400, 401, 404, 409),
  },
});

const checkInRoute = createRoute({
  method: 'post',
  path: '/check-ins',
  summary: 'Staff: admit the ticket a door code names, once; a second scan is refused with when and where',
  middleware: requireStaff(),
  request: {
    body: jsonBody(
      z.object({
        code: z.string().min(1).max(2048).openapi({ description: 'the scanned or pasted door code' }),
        gate: nonBlankText(100).openapi({ example: 'North gate 3' }),
        eventId: z.uuid().optional().openapi({ description: 'refuse tickets for other events' }),
      }),
    ),
  },
  responses: {
    201: jsonResponse(CheckIn, 'Admitted'),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

/** `/api/v1/tickets`: the holder's door codes, their public key, and the doors' check-ins (docs/adr/0039). */
export function ticketRoutes(ctx: TicketContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();

  router.openapi(keysRoute, (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json({ keys: [ctx.ticketCodes.publicKey] }, 200);
  });

  router.openapi(passRoute, async (c) => {
    const { reservationId } = c.req.valid('param');
    const { reservation, tickets, validFrom, validUntil } = await ticketCodesOf(
      ctx,
      c.get('user'),
      reservationId,
    );
    c.header('cache-control', 'no-store');
    return c.json(
      {
        reservationId,
        eventId: reservation.eventId,
        performanceId: reservation.performanceId,
        ticketCount: reservation.ticketCount,
        tickets: tickets.map((ticket) => ({
          number: ticket.number,
          code: ticket.code,
          usedAt: ticket.checkIn?.checkedInAt.toISOString() ?? null,
          gate: ticket.checkIn?.gate ?? null,
        })),
        validFrom: validFrom.toISOString(),
        validUntil: validUntil.toISOString(),
        windowSeconds: ticketCodeWindowSeconds,
      },
      200,
    );
  });

  router.openapi(checkInRoute, async (c) => {
    const { checkIn, reservation } = await checkInTicket(ctx, c.get('user'), c.req.valid('json'));
    c.get('logger').info(
      { reservationId: reservation.id, ticketNumber: checkIn.ticketNumber, gate: checkIn.gate },
      'ticket checked in',
    );
    return c.json(
      {
        reservationId: reservation.id,
        ticketNumber: checkIn.ticketNumber,
        ticketCount: reservation.ticketCount,
        eventId: reservation.eventId,
        performanceId: reservation.performanceId,
        gate: checkIn.gate,
        checkedInAt: checkIn.checkedInAt.toISOString(),
      },
      201,
    );
  });

  return router;
}
