import { randomUUID } from 'node:crypto';
import { type AuthUser, type DbClient, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import type { EventRow } from '../db/event-store.js';
import { insertStandingReservation, type ReservationRow } from '../db/reservation-store.js';
import { addToHolding } from '../db/ticket-holding-store.js';
import { findTicketType, type TicketTypeRow, takeTickets } from '../db/ticket-type-store.js';
import { conflict, notFound, unprocessable } from '../problems.js';
import { claimWithinHeldTicketsCap } from './held-tickets-cap.js';
import { publishReservationEvent, reservationFactsOf } from './outbox-events.js';
import { eventOnSaleFor, keepEventWhileBooking, requireEntryFor } from './sale-gate.js';

export interface ReserveStandingInput {
  readonly user: AuthUser;
  readonly entryEventId: string | undefined;
  readonly eventId: string;
  readonly ticketTypeId: string;
  readonly quantity: number;
}

class PerUserLimitReached extends Error {}
class SoldOut extends Error {}

/**
 * Holds standing tickets until the buyer pays. One transaction: the account's unpaid tickets stay within
 * the event's cap, the buyer's holding of the ticket type grows only within the per-user limit, and the
 * remaining quantity shrinks only when enough is left (both conditional updates), so concurrent buyers
 * can neither oversell nor pass their limits.
 */
export async function reserveStanding(
  deps: TicketContext,
  input: ReserveStandingInput,
): Promise<ReservationRow> {
  requireEntryFor(input.entryEventId, input.eventId);
  const event = await eventOnSaleFor(deps, input.user, input.eventId, 'standing');
  const ticketType = await findTicketType(deps.db.primary, input.ticketTypeId);
  if (!ticketType || ticketType.eventId !== event.id)
    throw notFound(`ticket type of event ${event.id}:`, input.ticketTypeId);
  const perReservation = Math.min(event.maxTicketsPerReservation, ticketType.perUserLimit);
  if (input.quantity > perReservation)
    throw unprocessable(
      'too-many-tickets',
      `one reservation holds at most ${perReservation} "${ticketType.name}" tickets; you asked for ${input.quantity}`,
    );

  const now = deps.now();
  try {
    return await withTransaction(deps.db.primary, (tx) =>
      insertStandingHold(tx, {
        userId: input.user.id,
        event,
        ticketType,
        quantity: input.quantity,
        now,
        expiresAt: new Date(now.getTime() + deps.holdSeconds * 1000),
      }),
    );
  } catch (error) {
    if (error instanceof PerUserLimitReached)
      throw conflict(
        'per-user-limit',
        `you may hold at most ${ticketType.perUserLimit} "${ticketType.name}" tickets; with these you would pass that`,
        { perUserLimit: ticketType.perUserLimit },
      );
    if (error instanceof SoldOut) {
      const remaining = (await findTicketType(deps.db.primary, ticketType.id))?.remaining ?? 0;
      throw conflict(
        'sold-out',
        remaining === 0
          ? `"${ticketType.name}" is sold out`
          : `only ${remaining} "${ticketType.name}" tickets are left; you asked for ${input.quantity}`,
        { remaining },
      );
    }
    throw error;
  }
}

export interface StandingHoldWrite {
  readonly userId: string;
  readonly event: EventRow;
  readonly ticketType: TicketTypeRow;
  readonly quantity: number;
  readonly now: Date;
  readonly expiresAt: Date;
}

/**
 * A standing hold's writes inside the caller's transaction (a booking's own, or the waiting list's offer).
 * The buyer's own locks first, the ticket type's hot row last: its lock is then held the shortest.
 */
export async function insertStandingHold(tx: DbClient, write: StandingHoldWrite): Promise<ReservationRow> {
  const { event, ticketType, quantity, now } = write;
  await keepEventWhileBooking(tx, event.id);
  await claimWithinHeldTicketsCap(tx, event, write.userId, quantity, now);
  if (!(await addToHolding(tx, ticketType.id, write.userId, quantity, ticketType.perUserLimit)))
    throw new PerUserLimitReached();
  if (!(await takeTickets(tx, ticketType.id, quantity))) throw new SoldOut();
  const created = await insertStandingReservation(
    tx,
    {
      id: randomUUID(),
      userId: write.userId,
      eventId: event.id,
      performanceId: ticketType.performanceId,
      currency: event.currency,
      expiresAt: write.expiresAt,
      now,
    },
    ticketType,
    quantity,
  );
  await publishReservationEvent(tx, 'reservation.created', reservationFactsOf(created));
  return created;
}
