import { InternalCallError } from '@urr/common';
import type { RefundPort } from '../booking/cancel-reservation.js';
import { type PaymentInternalClient, refundKeyOf } from './payment-client.js';

/**
 * Refunds a paid reservation the buyer cancels, before it is cancelled. The key is the reservation's, so
 * a retried cancel (the first one failed after the refund) gets payment-service's stored answer.
 */
export function refundsThroughPaymentService(payments: PaymentInternalClient): RefundPort {
  return {
    refund: async (reservation) => {
      if (!reservation.paymentId)
        throw new Error(`reservation ${reservation.id} is ${reservation.status} but has no payment`);
      try {
        await payments.refund(reservation.paymentId, {
          idempotencyKey: refundKeyOf(reservation.id, 'cancelled'),
          reason: 'the buyer cancelled the reservation',
        });
      } catch (error) {
        throw error instanceof InternalCallError ? error.toProblem() : error;
      }
    },
  };
}
