import { withTransaction } from '@urr/common';
import type { PaymentContext } from '../context.js';
import { recordAttemptOutcome } from '../db/payment-attempt-store.js';
import { findPaymentRow, type PaymentRow, updatePayment } from '../db/payment-store.js';
import { type AttemptOutcome, settleCharge } from '../domain/payment-state.js';
import { enqueuePaymentFailed, enqueuePaymentSucceeded } from './payment-events.js';

export interface SettleOptions {
  /**
   * The outcome is likely known already (a webhook after the charge's answer, a poll of a failure): the
   * committed row is read first, without a lock, and when it shows this attempt or a later one and the
   * outcome changes nothing there, that row is the answer and no transaction is opened. A payment's
   * attempt number only grows, and a charge is sent only after its attempt committed, so a row on which
   * the outcome changes nothing never becomes one on which it would (docs/adr/0066).
   */
  readonly likelyKnown?: boolean;
}

/**
 * Records what the PSP said about one of a payment's charges (its answer, a webhook or a poll) and
 * publishes the resulting event in the same transaction. Settling a known outcome again, or the outcome of
 * an attempt that is no longer the latest, changes nothing, so the answer and the webhook of one charge
 * publish one event between them.
 */
export async function settlePaymentCharge(
  context: PaymentContext,
  paymentId: string,
  charge: AttemptOutcome,
  options: SettleOptions = {},
): Promise<PaymentRow | undefined> {
  if (options.likelyKnown) {
    const seen = await findPaymentRow(context.db, { id: paymentId });
    if (!seen) return undefined;
    const changesNothing =
      seen.chargeAttempts >= charge.attempt &&
      !settleCharge(seen, charge, new Date(), context.settlementRules);
    if (changesNothing) return seen;
  }
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
