import { withTransaction } from '@urr/common';
import type { CardDetails } from '../clients/payment-provider.js';
import type { PaymentContext } from '../context.js';
import { findPaymentRow, type PaymentRow, updatePayment } from '../db/payment-store.js';
import { summarizeCard } from '../domain/card.js';
import { capturedStatuses, chargeRefusal, isFree } from '../domain/payment-state.js';
import { enqueuePaymentSucceeded } from './payment-events.js';
import { chargeFailed, chargeRefused, notYourPayment, paymentNotFound } from './payment-problems.js';
import { settlePaymentCharge } from './settle-charge.js';

export interface ConfirmPaymentInput {
  readonly paymentId: string;
  readonly userId: string;
  readonly card: CardDetails;
}

/**
 * Charges the payment's card once: the move to `processing` happens under a row lock, so of two confirms
 * (whatever their idempotency keys) only one reaches the PSP. A cancelled payment (its reservation was
 * cancelled) is refused there, before any charge. A free payment (amount 0) succeeds in that same
 * transaction without reaching the PSP. Answers the settled payment, or throws the problem that describes
 * why it was not paid.
 */
export async function confirmPayment(
  context: PaymentContext,
  input: ConfirmPaymentInput,
): Promise<PaymentRow> {
  const card = summarizeCard(input.card.number);
  const payment = await withTransaction(context.db, async (tx) => {
    const current = await findPaymentRow(tx, { id: input.paymentId }, { lock: true });
    if (!current) throw paymentNotFound(input.paymentId);
    if (current.userId !== input.userId) throw notYourPayment();
    const now = new Date();
    const refusal = chargeRefusal(current, now);
    if (refusal) throw chargeRefused(refusal, current);
    const cardFacts = { cardBrand: card.brand, cardLast4: card.last4, updatedAt: now };
    if (isFree(current)) {
      const paid = await updatePayment(tx, current.id, {
        status: 'succeeded',
        capturedAmount: 0,
        succeededAt: now,
        ...cardFacts,
      });
      await enqueuePaymentSucceeded(tx, context.topic, paid!);
      return paid!;
    }
    const processing = await updatePayment(tx, current.id, {
      status: 'processing',
      chargeStartedAt: now,
      ...cardFacts,
    });
    return processing!;
  });
  if (isFree(payment)) return payment;

  const outcome = await context.provider.charge({
    reference: payment.id,
    amount: payment.amount,
    currency: payment.currency,
    card: input.card,
    description: `URR reservation ${payment.reservationId}`,
  });
  const settled = await settlePaymentCharge(context, payment.id, outcome);
  if (!settled) throw paymentNotFound(payment.id);
  if (capturedStatuses.includes(settled.status)) return settled;
  throw chargeFailed(settled);
}
