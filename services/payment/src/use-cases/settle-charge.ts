import { withTransaction } from '@urr/common';
import type { PaymentContext } from '../context.js';
import { findPaymentRow, type PaymentRow, updatePayment } from '../db/payment-store.js';
import { type ChargeOutcome, settleCharge } from '../domain/payment-state.js';
import { enqueuePaymentFailed, enqueuePaymentSucceeded } from './payment-events.js';

/**
 * Records what the PSP said about a payment's charge (its answer, a webhook or a poll) and publishes the
 * resulting event in the same transaction. Settling a known outcome again changes nothing, so the answer
 * and the webhook of one charge publish one event between them.
 */
export function settlePaymentCharge(
  context: PaymentContext,
  paymentId: string,
  outcome: ChargeOutcome,
): Promise<PaymentRow | undefined> {
  return withTransaction(context.db, async (tx) => {
    const payment = await findPaymentRow(tx, { id: paymentId }, { lock: true });
    if (!payment) return undefined;
    const now = new Date();
    const settlement = settleCharge(payment, outcome, now, context.reconcileWindowMs);
    if (!settlement) return payment;
    const updated = await updatePayment(tx, paymentId, { ...settlement.patch, updatedAt: now });
    if (!updated) throw new Error(`payment ${paymentId} vanished while locked`);
    if (settlement.event?.type === 'payment.succeeded')
      await enqueuePaymentSucceeded(tx, context.topic, updated);
    if (settlement.event?.type === 'payment.failed')
      await enqueuePaymentFailed(tx, context.topic, updated, settlement.event.reason);
    if (settlement.event)
      context.logger.info(
        { paymentId, reservationId: updated.reservationId, event: settlement.event, outcome: outcome.kind },
        'payment settled',
      );
    return updated;
  });
}
