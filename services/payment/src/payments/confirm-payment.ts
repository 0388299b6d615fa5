import { withTransaction } from '@urr/common';
import { eq } from 'drizzle-orm';
import { payments } from '../db/schema.js';
import { summarizeCard } from '../domain/card.js';
import { capturedStatuses, chargeRefusal } from '../domain/payment-state.js';
import type { CardDetails } from '../psp/payment-provider.js';
import type { PaymentContext, PaymentRow } from './context.js';
import { chargeFailed, chargeRefused, notYourPayment, paymentNotFound } from './payment-problems.js';
import { settlePaymentCharge } from './settle-charge.js';

export interface ConfirmPaymentInput {
  readonly paymentId: string;
  readonly userId: string;
  readonly card: CardDetails;
}

/**
 * Charges the payment's card once: the move to `processing` happens under a row lock, so of two confirms
 * (whatever their idempotency keys) only one reaches the PSP. Answers the settled payment, or throws the
 * problem that describes why it was not paid.
 */
export async function confirmPayment(
  context: PaymentContext,
  input: ConfirmPaymentInput,
): Promise<PaymentRow> {
  const card = summarizeCard(input.card.number);
  const payment = await withTransaction(context.db, async (tx) => {
    const [current] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
    if (!current) throw paymentNotFound(input.paymentId);
    if (current.userId !== input.userId) throw notYourPayment();
    const now = new Date();
    const refusal = chargeRefusal(current, now);
    if (refusal) throw chargeRefused(refusal, current);
    const [processing] = await tx
      .update(payments)
      .set({
        status: 'processing',
        cardBrand: card.brand,
        cardLast4: card.last4,
        chargeStartedAt: now,
        updatedAt: now,
      })
      .where(eq(payments.id, current.id))
      .returning();
    return processing!;
  });

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
