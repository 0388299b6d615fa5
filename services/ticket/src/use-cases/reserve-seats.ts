import { randomUUID } from 'node:crypto';
import { type AuthUser, type DbClient, sqlStateOf, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import type { EventRow } from '../db/event-store.js';
import {
  insertSeatReservation,
  lapsedHoldsOn,
  type ReservationRow,
  type ReservationSeatView,
} from '../db/reservation-store.js';
import { newestFencingTokens, recordFencingTokens } from '../db/seat-fencing-store.js';
import type { SeatLock } from '../db/seat-lock-store.js';
import { seatsForSale } from '../db/seat-map-store.js';
import { StaleFencingTokenError } from '../domain/errors.js';
import { conflict, notFound, unprocessable } from '../problems.js';
import { claimWithinHeldTicketsCap } from './held-tickets-cap.js';
import { publishReservationEvent, reservationFactsOf } from './outbox-events.js';
import { expireReservation } from './reservation-lifecycle.js';
import { eventOnSaleFor, keepEventWhileBooking, requireEntryFor } from './sale-gate.js';

export interface ReserveSeatsInput {
  readonly user: AuthUser;
  /** From the gateway's X-Entry-Event-Id. */
  readonly entryEventId: string | undefined;
  readonly eventId: string;
  readonly seatIds: readonly string[];
}

export interface HeldSeats {
  readonly reservation: ReservationRow;
  /** Its seats as the reservation shows them (read before the hold; a hold does not move seats). */
  readonly seats: readonly ReservationSeatView[];
}

/**
 * Holds seats for the buyer until they pay: the seats are locked in Redis (all or none, each lock with
 * a fresh fencing token above the newest one the database accepted for the seat, so a Redis that lost
 * its sequences does not refuse fans), then the reservation is written in one transaction that the
 * database fences by token and by its one-active-reservation-per-seat index. Whatever fails after the
 * locks were taken releases them.
 */
export async function reserveSeats(deps: TicketContext, input: ReserveSeatsInput): Promise<HeldSeats> {
  requireEntryFor(input.entryEventId, input.eventId);
  const event = await eventOnSaleFor(deps, input.user, input.eventId, 'seated');
  const seatIds = [...new Set(input.seatIds)].sort();
  if (seatIds.length > event.maxTicketsPerReservation)
    throw unprocessable(
      'too-many-tickets',
      `one reservation holds at most ${event.maxTicketsPerReservation} seats; you asked for ${seatIds.length}`,
    );

  const now = deps.now();
  const offered = await seatsForSale(deps.db.primary, event.id, seatIds, now);
  const missing = seatIds.filter((id) => !offered.some((seat) => seat.seatId === id));
  if (missing.length > 0) throw notFound(`seat of event ${event.id}:`, missing.join(', '));
  const performanceIds = new Set(offered.map((seat) => seat.performanceId));
  if (performanceIds.size > 1)
    throw unprocessable('mixed-performances', 'all seats of one reservation must be for one performance');
  const taken = offered.filter((seat) => seat.taken).map((seat) => seat.seatId);
  if (taken.length > 0) throw seatUnavailable(taken);

  const reservationId = randomUUID();
  const tokenFloors = new Map(offered.map((seat) => [seat.seatId, seat.newestToken]));
  const acquired = await deps.seatLocks.acquire(event.id, seatIds, reservationId, tokenFloors);
  if (!acquired.acquired) throw seatUnavailable([acquired.heldSeatId]);
  const reservation = await writeSeatReservation(deps, {
    user: input.user,
    event,
    performanceId: [...performanceIds][0] ?? '',
    locks: acquired.locks,
    prices: new Map(offered.map((seat) => [seat.seatId, seat.price])),
    now,
  });
  return { reservation, seats: offered.map((seat) => seat.view) };
}

export interface SeatReservationWrite {
  readonly user: Pick<AuthUser, 'id'>;
  readonly event: EventRow;
  readonly performanceId: string;
  /** Held by this writer, all for one reservation id. */
  readonly locks: readonly SeatLock[];
  readonly prices: ReadonlyMap<string, number>;
  readonly now: Date;
}

/**
 * The database step of a seat reservation, under locks already taken: one transaction that keeps the
 * event from being deleted, claims the seats within the account's cap on unpaid tickets, ends lapsed
 * holds on the seats, then fences by token and inserts. On any failure (a refusal too) the locks are
 * released.
 */
export async function writeSeatReservation(
  deps: TicketContext,
  write: SeatReservationWrite,
): Promise<ReservationRow> {
  const expiresAt = new Date(write.now.getTime() + deps.holdSeconds * 1000);
  try {
    return await withTransaction(deps.db.primary, (tx) => insertSeatHold(tx, { ...write, expiresAt }));
  } catch (error) {
    throw await failedSeatHold(deps, write.locks, error);
  }
}

/**
 * A seat hold's writes inside the caller's transaction (a booking's own, or the waiting list's offer):
 * the same fencing and checks whoever holds the seats.
 */
export async function insertSeatHold(
  tx: DbClient,
  write: SeatReservationWrite & { readonly expiresAt: Date },
): Promise<ReservationRow> {
  const { locks, now } = write;
  const seatIds = locks.map((lock) => lock.seatId);
  await keepEventWhileBooking(tx, write.event.id);
  await claimWithinHeldTicketsCap(tx, write.event, write.user.id, locks.length, now);
  for (const lapsed of await lapsedHoldsOn(tx, seatIds, now)) await expireReservation(tx, lapsed, now);
  const stale = await recordFencingTokens(tx, locks);
  if (stale.length > 0) throw new StaleFencingTokenError(stale);
  const created = await insertSeatReservation(
    tx,
    {
      id: locks[0]?.reservationId ?? '',
      userId: write.user.id,
      eventId: write.event.id,
      performanceId: write.performanceId,
      currency: write.event.currency,
      expiresAt: write.expiresAt,
      now,
    },
    locks.map((lock) => ({ lock, price: write.prices.get(lock.seatId) ?? 0 })),
  );
  await publishReservationEvent(tx, 'reservation.created', reservationFactsOf(created));
  return created;
}

/**
 * Compensation of the lock step after a failed seat hold: the seats go back to the sale whatever went
 * wrong; answers the error to throw.
 */
export async function failedSeatHold(
  deps: Pick<TicketContext, 'db' | 'seatLocks'>,
  locks: readonly SeatLock[],
  error: unknown,
) {
  await deps.seatLocks.release(locks);
  return reservationFailure(deps, locks, error);
}

function seatUnavailable(seatIds: readonly string[]) {
  return conflict(
    'seat-unavailable',
    `${seatIds.length === 1 ? 'seat' : 'seats'} ${seatIds.join(', ')} ${seatIds.length === 1 ? 'is' : 'are'} already taken; pick another`,
    { seatIds },
  );
}

async function reservationFailure(
  deps: Pick<TicketContext, 'db' | 'seatLocks'>,
  locks: readonly SeatLock[],
  error: unknown,
) {
  if (error instanceof StaleFencingTokenError) {
    // Normally a writer whose lock expired meanwhile. If Redis lost its token sequences between our read
    // of the database's newest tokens and our lock, the fresh token was behind: raise the sequences so
    // the next attempt passes.
    const newest = await newestFencingTokens(deps.db.primary, error.seatIds);
    const eventId = locks[0]?.eventId ?? '';
    await Promise.all(newest.map((row) => deps.seatLocks.raiseSequence(eventId, row.seatId, row.maxToken)));
    return conflict(
      'stale-seat-lock',
      `your hold on ${error.seatIds.join(', ')} ended before it was written; try again`,
      { seatIds: error.seatIds },
    );
  }
  if (sqlStateOf(error) === '23505') return seatUnavailable(locks.map((lock) => lock.seatId));
  return error;
}
