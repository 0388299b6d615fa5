import { type DbClient, enqueueOutbox } from '@urr/common';
import { paymentEvents } from '@urr/common/events/domain-events';
import type { PaymentRow } from '../db/payment-store.js';
import type { RefundRow } from '../db/refund-store.js';
import type { FailureReason } from '../domain/payment-state.js';

/**
 * `payment-events` rows, written in the transaction of the change they report. Keyed by reservation id,
 * so ticket-service sees one reservation's payment events in order.
 */
export async function enqueuePaymentSucceeded(tx: DbClient, topic: string, payment: PaymentRow) {
  const payload = paymentEvents['payment.succeeded'].parse({
    paymentId: payment.id,
    reservationId: payment.reservationId,
    userId: payment.userId,
    eventId: payment.eventId,
    amount: payment.capturedAmount,
    currency: payment.currency,
  });
  await enqueueOutbox(tx, { topic, key: payment.reservationId, type: 'payment.succeeded', payload });
}

export async function enqueuePaymentFailed(
  tx: DbClient,
  topic: string,
  payment: PaymentRow,
  reason: FailureReason,
) {
  const payload = paymentEvents['payment.failed'].parse({
    paymentId: payment.id,
    reservationId: payment.reservationId,
    userId: payment.userId,
    eventId: payment.eventId,
    reason,
  });
  await enqueueOutbox(tx, { topic, key: payment.reservationId, type: 'payment.failed', payload });
}

/** `full` when the payment has now been refunded entirely (this refund and the earlier ones). */
export async function enqueuePaymentRefunded(
  tx: DbClient,
  topic: string,
  payment: PaymentRow,
  refund: RefundRow,
) {
  const payload = paymentEvents['payment.refunded'].parse({
    paymentId: payment.id,
    refundId: refund.id,
    reservationId: payment.reservationId,
    eventId: payment.eventId,
    amount: refund.amount,
    currency: refund.currency,
    full: payment.refundedAmount >= payment.capturedAmount,
  });
  await enqueueOutbox(tx, { topic, key: payment.reservationId, type: 'payment.refunded', payload });
}
