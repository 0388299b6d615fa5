import type { DbClient } from '@urr/common';
import { requestRefund } from '../db/refund-request-store.js';
import { addReservationRefund } from '../db/reservation-refund-store.js';
import {
  lockReservation,
  type ReservationRow,
  seatLocksOf,
  setReservationStatus,
} from '../db/reservation-store.js';
import type { SeatLock } from '../db/seat-lock-store.js';
import { removeFromHolding } from '../db/ticket-holding-store.js';
import { returnTickets } from '../db/ticket-type-store.js';
import { cancelPendingTransfers } from '../db/transfer-store.js';
import {
  type CancelReason,
  canTransition,
  decideCancel,
  paymentToRefund,
} from '../domain/reservation-status.js';
import { publishReservationEvent, reservationFactsOf } from './outbox-events.js';
import { paidOffer, releasedToWaitingList } from './waiting-list-releases.js';

/**
 * How a reservation ends: confirmed by a payment, cancelled, or expired. Each function runs inside the
 * caller's transaction (an HTTP handler's, the expiry job's, or the payment-events consumer's), takes the
 * reservation's row lock and decides on what it finds under it, writes the outbox event (and a refund
 * request, when money goes back) with the state change, and returns the seat locks to release once that
 * transaction committed (`seatLocks.release(result.seatLocks)`). docs/adr/0010.
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
  await publishReservationEvent(tx, 'reservation.confirmed', {
    ...reservationFactsOf(confirmed),
    paymentId: input.paymentId,
  });
  await paidOffer(tx, confirmed, input.now);
  // The database keeps a paid seat taken from here on; the hold's lock has done its job.
  return { outcome: 'confirmed', reservation: confirmed, seatLocks: await seatLocksOf(tx, confirmed) };
}

export type CancelResult =
  | {
      readonly outcome: 'cancelled';
      readonly reservation: ReservationRow;
      /** A refund of its payment was requested in the same transaction (the refund job carries it out). */
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
  /** payment-service captured this payment of the unpaid hold; its report has not arrived yet. */
  readonly capturedPaymentId?: string | undefined;
  /** The payment is back already (an admin refunded it in full): nothing to refund. */
  readonly paymentRefunded?: boolean;
  /** The reservation as this transaction read it under its row lock already: not locked and read twice. */
  readonly locked?: ReservationRow;
}

/**
 * Cancels a reservation, giving its seats or standing tickets back to the sale, ending its pending
 * transfer, and requesting the refund of what was paid.
 */
export async function cancelReservation(tx: DbClient, input: CancelInput): Promise<CancelResult> {
  const reservation =
    input.locked?.id === input.reservationId ? input.locked : await lockReservation(tx, input.reservationId);
  if (!reservation || (input.userId !== undefined && reservation.userId !== input.userId))
    return { outcome: 'not-found' };
  const decision = decideCancel(reservation.status, input.reason);
  if (!decision.allowed) return { outcome: 'not-allowed', reservation, detail: decision.detail };
  const refundOf = paymentToRefund(reservation, {
    capturedPaymentId: input.capturedPaymentId,
    alreadyRefunded: input.paymentRefunded ?? false,
  });
  const cancelled = await setReservationStatus(tx, reservation, 'CANCELLED', input.now, {
    cancelReason: input.reason,
    cancelledAt: input.now,
  });
  await giveBackStandingTickets(tx, cancelled);
  await releasedToWaitingList(tx, cancelled, 'cancelled', input.now);
  await cancelPendingTransfers(tx, cancelled.id, input.now);
  if (refundOf)
    await requestRefund(tx, {
      paymentId: refundOf,
      reservationId: cancelled.id,
      reason: 'cancelled',
      now: input.now,
    });
  await publishReservationEvent(tx, 'reservation.cancelled', {
    ...reservationFactsOf(cancelled),
    reason: input.reason,
  });
  return {
    outcome: 'cancelled',
    reservation: cancelled,
    refund: refundOf !== undefined,
    seatLocks: await seatLocksOf(tx, cancelled),
  };
}

export type RefundResult =
  /** Refunded in full while paid: cancelled, its seats back on sale. */
  | { readonly outcome: 'cancelled'; readonly reservation: ReservationRow; readonly seatLocks: SeatLock[] }
  /** Added to the refunded amount; the reservation stays as it is (a partial refund keeps it paid). */
  | { readonly outcome: 'recorded'; readonly reservation: ReservationRow; readonly seatLocks: [] }
  /** A refund of a payment the reservation never kept, one applied before, or an unknown reservation. */
  | { readonly outcome: 'ignored'; readonly seatLocks: [] };

export interface RefundInput {
  readonly reservationId: string;
  readonly paymentId: string;
  readonly refundId: string;
  readonly amount: number;
  /** The payment is now refunded in full. */
  readonly full: boolean;
  readonly now: Date;
}

/** Applies a refund of the reservation's payment (an admin's, or one this service asked for), once. */
export async function applyRefund(tx: DbClient, input: RefundInput): Promise<RefundResult> {
  const reservation = await lockReservation(tx, input.reservationId);
  if (reservation?.paymentId !== input.paymentId) return { outcome: 'ignored', seatLocks: [] };
  const refunded = await addReservationRefund(tx, input);
  if (!refunded) return { outcome: 'ignored', seatLocks: [] };
  if (!input.full || refunded.status !== 'CONFIRMED')
    return { outcome: 'recorded', reservation: refunded, seatLocks: [] };
  const cancelled = await cancelReservation(tx, {
    reservationId: refunded.id,
    reason: 'admin',
    now: input.now,
    paymentRefunded: true,
    locked: refunded,
  });
  if (cancelled.outcome !== 'cancelled')
    throw new Error(`a confirmed reservation ${refunded.id} could not be cancelled under its lock`);
  return { outcome: 'cancelled', reservation: cancelled.reservation, seatLocks: cancelled.seatLocks };
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
  await releasedToWaitingList(tx, expired, 'expired', now);
  await publishReservationEvent(tx, 'reservation.expired', reservationFactsOf(expired));
  return { outcome: 'expired', reservation: expired, seatLocks: await seatLocksOf(tx, expired) };
}

async function giveBackStandingTickets(tx: DbClient, reservation: ReservationRow): Promise<void> {
  if (reservation.kind !== 'standing' || !reservation.ticketTypeId) return;
  await returnTickets(tx, reservation.ticketTypeId, reservation.ticketCount);
  await removeFromHolding(tx, reservation.ticketTypeId, reservation.userId, reservation.ticketCount);
}
