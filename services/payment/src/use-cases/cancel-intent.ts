import { randomUUID } from 'node:crypto';
import { HttpProblem, withTransaction } from '@urr/common';
import type { PaymentContext } from '../context.js';
import { findPaymentRow, insertPaymentOnce, type PaymentRow, updatePayment } from '../db/payment-store.js';
import { intentCancellation } from '../domain/payment-state.js';
import type { NewPaymentIntent } from './payment-intents.js';

/**
 * ticket-service cancels a reservation that has not been paid: its payment is cancelled under the
 * payment's row lock, so no confirm charges it afterwards. A reservation without a payment yet gets one
 * that is cancelled from the start, so a late intent request answers it cancelled too. A charge under way
 * (409 `payment-in-progress`) or captured (409 `payment-already-paid`, with the payment id) refuses:
 * the reservation is then the charge's to settle or a refund's to end.
 */
export async function cancelPaymentIntent(
  context: PaymentContext,
  intent: NewPaymentIntent,
): Promise<PaymentRow> {
  return withTransaction(context.db, async (tx) => {
    const now = new Date();
    const created = await insertPaymentOnce(tx, {
      id: randomUUID(),
      ...intent,
      status: 'cancelled',
      updatedAt: now,
    });
    if (created) return created;
    const payment = await findPaymentRow(tx, { reservationId: intent.reservationId }, { lock: true });
    if (!payment)
      throw new Error(`payment of reservation ${intent.reservationId} conflicted but is not there`);
    const facts = { paymentId: payment.id, paymentStatus: payment.status };
    switch (intentCancellation(payment)) {
      case 'already-over':
        return payment;
      case 'cancel': {
        const cancelled = await updatePayment(tx, payment.id, { status: 'cancelled', updatedAt: now });
        return cancelled!;
      }
      case 'in-progress':
        throw new HttpProblem(409, {
          type: 'urn:urr:problem:payment-in-progress',
          title: 'Payment in progress',
          detail: 'a charge for this payment is being processed; its outcome decides the reservation',
          ...facts,
        });
      case 'captured':
        throw new HttpProblem(409, {
          type: 'urn:urr:problem:payment-already-paid',
          title: 'Already paid',
          detail: 'this payment has been captured: the reservation is paid',
          capturedAmount: payment.capturedAmount,
          ...facts,
        });
    }
  });
}
