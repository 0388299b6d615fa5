import { type AuthUser, InternalCallError, withTransaction } from '@urr/common';
import type { IntentCancellation, PaymentInternalClient } from '../clients/payment-client.js';
import type { TicketContext } from '../context.js';
import { lockReservation, type ReservationRow } from '../db/reservation-store.js';
import { conflict, notFound } from '../problems.js';
import { newIntentOf } from './payment-intents.js';
import { cancelReservation } from './reservation-lifecycle.js';

/**
 * The buyer cancels their reservation: the seats or tickets go back on sale at once. Decided under the
 * reservation's row lock (docs/adr/0010): whoever owns it then may cancel it; a paid one gets its refund
 * requested in the same transaction, carried out by the refund job after the commit. An unpaid hold's
 * payment is cancelled at payment-service first, still under the lock, so no charge can follow; a charge
 * already under way answers 409 `payment-in-progress`, and one already captured is refunded.
 */
export async function cancelByBuyer(
  deps: TicketContext,
  user: AuthUser,
  reservationId: string,
  requestId?: string,
): Promise<ReservationRow> {
  const result = await withTransaction(deps.db.primary, async (tx) => {
    const reservation = await lockReservation(tx, reservationId);
    if (!reservation || reservation.userId !== user.id) throw notFound('reservation', reservationId);
    const capturedPaymentId =
      reservation.status === 'PENDING_PAYMENT'
        ? await stopCharges(deps.payments, reservation, requestId)
        : undefined;
    return cancelReservation(tx, {
      reservationId,
      reason: 'user',
      userId: user.id,
      now: deps.now(),
      capturedPaymentId,
      locked: reservation,
    });
  });
  if (result.outcome === 'not-found') throw notFound('reservation', reservationId);
  if (result.outcome === 'not-allowed') throw conflict('not-cancellable', result.detail);
  if (result.refund) deps.onRefundRequested?.();
  await deps.seatLocks.release(result.seatLocks);
  return result.reservation;
}

/**
 * Cancels the unpaid hold's payment so no confirm charges it; answers the id of a payment captured
 * already (to refund with the cancel).
 */
async function stopCharges(
  payments: PaymentInternalClient | undefined,
  reservation: ReservationRow,
  requestId: string | undefined,
): Promise<string | undefined> {
  if (!payments) return undefined;
  let cancelled: IntentCancellation;
  try {
    cancelled = await payments.cancelIntent(newIntentOf(reservation), requestId);
  } catch (error) {
    throw error instanceof InternalCallError ? error.toProblem() : error;
  }
  if (cancelled.outcome === 'in-progress')
    throw conflict(
      'payment-in-progress',
      'this reservation is being paid right now; its outcome decides it: look again in a moment',
    );
  return cancelled.outcome === 'captured' ? cancelled.paymentId : undefined;
}
