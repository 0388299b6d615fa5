import type { DbClient } from '@urr/common';
import {
  enqueueReservationEvent,
  lockReservation,
  type ReservationRow,
  removeFromHolding,
  reservationFactsOf,
  returnTickets,
  seatLocksOf,
  setReservationStatus,
} from '../repositories/reservation-repository.js';
import type { SeatLock } from '../seat-lock/seat-lock.js';
import { type CancelReason, canTransition, decideCancel } from './reservation-status.js';

/**
 * How a reservation ends: confirmed by a payment, cancelled, or expired. Each function runs inside the
 * caller's transaction (an HTTP handler's, the expiry job's, or the payment-events consumer's), writes
 * the outbox event with the state change, and returns the seat locks to release once that transaction
 * committed (`seatLocks.release(result.seatLocks)`).
 */

export type ConfirmResult =
  | { readonly outcome: 'confirmed'; readonly reservation: ReservationRow; readonly seatLocks: SeatLock[] }
  /** The same payment confirmed it before (a redelivered message): nothing changes. */
  | { readonly outcome: 'already-confirmed'; readonly reservation: ReservationRow; readonly seatLocks: [] }
  /** Expired, cancelled, or paid by another payment: the caller refunds this payment. */
  | { readonly outcome: 'not-pending'; readonly reservation: ReservationRow; readonly seatLocks: [] }
  /** The payment's amount differs from what the reservation costs: refused, nothing changes. */
  | { readonly outcome: 'amount-mismatch'; readonly reservation: ReservationRow; readonly seatLocks: [] }
  | { readonly outcome: 'not-found'; readonly seatLocks: [] };

export interface ConfirmInput {
  readonly reservationId: string;
  readonly paymentId: string;
  /** The amount paid, checked against the reservation's when given. */
  readonly amount?: number;
  readonly now: Date;
}

/**
 * Confirms an unpaid hold after its payment succeeded. A hold past its deadline that no one expired yet
 * is still confirmed: its seats were never given to anyone else.
 */
export async function confirmReservation(tx: DbClient, input: ConfirmInput): Promise<ConfirmResult> {
  const reservation = await lockReservation(tx, input.reservationId);
  if (!reservation) return { outcome: 'not-found', seatLocks: [] };
  if (reservation.status === 'CONFIRMED' && reservation.paymentId === input.paymentId)
    return { outcome: 'already-confirmed', reservation, seatLocks: [] };
  if (!canTransition(reservation.status, 'CONFIRMED'))
    return { outcome: 'not-pending', reservation, seatLocks: [] };
  if (input.amount !== undefined && input.amount !== reservation.amount)
    return { outcome: 'amount-mismatch', reservation, seatLocks: [] };
  const confirmed = await setReservationStatus(tx, reservation, 'CONFIRMED', input.now, {
    paymentId: input.paymentId,
    confirmedAt: input.now,
  });
  await enqueueReservationEvent(tx, 'reservation.confirmed', {
    ...reservationFactsOf(confirmed),
    paymentId: input.paymentId,
  });
  // The database keeps a paid seat taken from here on; the hold's lock has done its job.
  return { outcome: 'confirmed', reservation: confirmed, seatLocks: await seatLocksOf(tx, confirmed) };
}

export type CancelResult =
  | {
      readonly outcome: 'cancelled';
      readonly reservation: ReservationRow;
      /** It was paid: the payment is to be refunded. */
      readonly refund: boolean;
      readonly seatLocks: SeatLock[];
    }
  | { readonly outcome: 'not-allowed'; readonly reservation: ReservationRow; readonly detail: string }
  | { readonly outcome: 'not-found' };

export interface CancelInput {
  readonly reservationId: string;
  readonly reason: CancelReason;
  readonly now: Date;
  /** When a buyer cancels: only their own reservation (another's answers not-found). */
  readonly userId?: string;
}

/** Cancels a reservation, giving its seats or standing tickets back to the sale. */
export async function cancelReservation(tx: DbClient, input: CancelInput): Promise<CancelResult> {
  const reservation = await lockReservation(tx, input.reservationId);
  if (!reservation || (input.userId !== undefined && reservation.userId !== input.userId))
    return { outcome: 'not-found' };
  const decision = decideCancel(reservation.status, input.reason);
  if (!decision.allowed) return { outcome: 'not-allowed', reservation, detail: decision.detail };
  const cancelled = await setReservationStatus(tx, reservation, 'CANCELLED', input.now, {
    cancelReason: input.reason,
    cancelledAt: input.now,
  });
  await giveBackStandingTickets(tx, cancelled);
  await enqueueReservationEvent(tx, 'reservation.cancelled', {
    ...reservationFactsOf(cancelled),
    reason: input.reason,
  });
  return {
    outcome: 'cancelled',
    reservation: cancelled,
    refund: decision.refund,
    seatLocks: await seatLocksOf(tx, cancelled),
  };
}

export type ExpireResult =
  | { readonly outcome: 'expired'; readonly reservation: ReservationRow; readonly seatLocks: SeatLock[] }
  | { readonly outcome: 'not-expirable' };

/** Ends an unpaid hold whose deadline passed; anything else is left alone. */
export async function expireReservation(
  tx: DbClient,
  reservationId: string,
  now: Date,
): Promise<ExpireResult> {
  const reservation = await lockReservation(tx, reservationId);
  if (reservation?.status !== 'PENDING_PAYMENT' || reservation.expiresAt > now)
    return { outcome: 'not-expirable' };
  const expired = await setReservationStatus(tx, reservation, 'EXPIRED', now, { expiredAt: now });
  await giveBackStandingTickets(tx, expired);
  await enqueueReservationEvent(tx, 'reservation.expired', reservationFactsOf(expired));
  return { outcome: 'expired', reservation: expired, seatLocks: await seatLocksOf(tx, expired) };
}

async function giveBackStandingTickets(tx: DbClient, reservation: ReservationRow): Promise<void> {
  if (reservation.kind !== 'standing' || !reservation.ticketTypeId) return;
  await returnTickets(tx, reservation.ticketTypeId, reservation.ticketCount);
  await removeFromHolding(tx, reservation.ticketTypeId, reservation.userId, reservation.ticketCount);
}
