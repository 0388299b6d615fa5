import { type AuthUser, withTransaction } from '@urr/common';
import { cancelReservation } from '../domain/reservation-lifecycle.js';
import { conflict, notFound } from '../problems.js';
import { findReservation, type ReservationRow } from '../repositories/reservation-repository.js';
import { cancelPendingTransfers } from '../repositories/transfer-repository.js';
import type { BookingDeps } from './booking-deps.js';

/**
 * Gives a paid reservation's money back. payment-service implements it (issue 5: an internal call,
 * idempotent per reservation); until it is wired, paid reservations cannot be cancelled.
 */
export interface RefundPort {
  refund(reservation: ReservationRow): Promise<void>;
}

export interface CancelDeps extends BookingDeps {
  readonly refunds?: RefundPort | undefined;
}

/** The buyer cancels their reservation: the seats or tickets go back on sale at once. */
export async function cancelByBuyer(
  deps: CancelDeps,
  user: AuthUser,
  reservationId: string,
): Promise<ReservationRow> {
  const found = await findReservation(deps.db.primary, reservationId);
  if (!found || found.userId !== user.id) throw notFound('reservation', reservationId);
  if (found.status === 'CONFIRMED') {
    if (!deps.refunds)
      throw conflict(
        'refund-unavailable',
        'paid reservations cannot be cancelled yet: refunds are not available; contact support',
      );
    await deps.refunds.refund(found);
  }
  const result = await withTransaction(deps.db.primary, async (tx) => {
    const now = deps.now();
    const cancelled = await cancelReservation(tx, { reservationId, reason: 'user', userId: user.id, now });
    if (cancelled.outcome === 'cancelled') await cancelPendingTransfers(tx, reservationId, now);
    return cancelled;
  });
  if (result.outcome === 'not-found') throw notFound('reservation', reservationId);
  if (result.outcome === 'not-allowed') throw conflict('not-cancellable', result.detail);
  await deps.seatLocks.release(result.seatLocks);
  return result.reservation;
}
