import type { Logger } from '@urr/common';
import type { NewPaymentIntent, PaymentIntent, PaymentInternalClient } from '../clients/payment-client.js';
import type { ReservationRow } from '../db/reservation-store.js';

export function newIntentOf(reservation: ReservationRow): NewPaymentIntent {
  return {
    reservationId: reservation.id,
    userId: reservation.userId,
    eventId: reservation.eventId,
    amount: reservation.amount,
    currency: reservation.currency,
    expiresAt: reservation.expiresAt,
  };
}

/**
 * The payment of a hold just written. The hold is committed first and stands on its own: when
 * payment-service cannot be reached the buyer still gets the reservation (with no intent id) and asks
 * `GET /api/v1/reservations/{id}/payment-intent`, which creates the same intent later.
 */
export async function intentAfterReserve(
  payments: PaymentInternalClient | undefined,
  reservation: ReservationRow,
  logger: Logger,
  requestId?: string,
): Promise<PaymentIntent | undefined> {
  if (!payments) return undefined;
  try {
    return await payments.createIntent(newIntentOf(reservation), requestId);
  } catch (error) {
    logger.warn(
      { err: error, reservationId: reservation.id },
      'no payment intent for the new hold; the buyer can ask for it again',
    );
    return undefined;
  }
}
