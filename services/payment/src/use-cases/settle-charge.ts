import { withTransaction } from '@urr/common';
import type { PaymentContext } from '../context.js';
import { recordAttemptOutcome } from '../db/payment-attempt-store.js';
import { findPaymentRow, type PaymentRow, updatePayment } from '../db/payment-store.js';
import { type AttemptOutcome, settleCharge } from '../domain/payment-state.js';
import { enqueuePaymentFailed, enqueuePaymentSucceeded } from './payment-events.js';

/**
 * Records what the PSP said about one of a payment's charges (its answer, a webhook or a poll) and
 * publishes the resulting event in the same transaction. Settling a known outcome again, or the outcome of
 * an attempt that is no longer the latest, changes nothing, so the answer and the webhook of one charge
 * publish one event between them.
 */
export function settlePaymentCharge(
  context: PaymentContext,
  paymentId: string,
  charge: AttemptOutcome,
): Promise<PaymentRow | undefined> {
  return withTransaction(context.db, async (tx) => {
    const payment = await findPaymentRow(tx, { id: paymentId }, { lock: true });
    if (!payment) return undefined;
    const now = new Date();
    const settlement = settleCharge(payment, charge, now, context.settlementRules);
    if (!settlement) return payment;
    const updated = await updatePayment(tx, paymentId, { ...settlement.patch, updatedAt: now });
    if (!updated) throw new Error(`payment ${paymentId} vanished while locked`);
    await recordAttemptOutcome(tx, { paymentId, attempt: charge.attempt, outcome: charge.outcome, at: now });
    if (settlement.event?.type === 'payment.succeeded')
      await enqueuePaymentSucceeded(tx, context.topic, updated);
    if (settlement.event?.type === 'payment.failed')
      await enqueuePaymentFailed(tx, context.topic, updated, settlement.event.reason);
    context.logger.info(
      {
        paymentId,
        reservationId: updated.reservationId,
        attempt: charge.attempt,
        outcome: charge.outcome.kind,
        status: updated.status,
        ...(settlement.event ? { event: settlement.event } : {}),
      },
      'payment settled',
    );
    return updated;
  });
}
