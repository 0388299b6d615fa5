import { withTransaction } from '@urr/common';
import type { CardDetails } from '../clients/payment-provider.js';
import type { PaymentContext } from '../context.js';
import { insertPaymentAttempt } from '../db/payment-attempt-store.js';
import { findPaymentRow, type PaymentRow, updatePayment } from '../db/payment-store.js';
import { summarizeCard } from '../domain/card.js';
import { attemptsLeft, capturedStatuses, chargeRefusal, isFree } from '../domain/payment-state.js';
import { enqueuePaymentSucceeded } from './payment-events.js';
import {
  cardDeclined,
  chargeRefused,
  notYourPayment,
  paymentNotFound,
  providerFailed,
} from './payment-problems.js';
import { settlePaymentCharge } from './settle-charge.js';

export interface ConfirmPaymentInput {
  readonly paymentId: string;
  readonly userId: string;
  readonly card: CardDetails;
}

/**
 * Charges the card as the payment's next attempt: the move to `processing` happens under a row lock, so of
 * two confirms (whatever their idempotency keys or cards) only one reaches the PSP, and the other is
 * refused `payment-in-progress` (or `payment-already-paid` once it succeeded). A cancelled payment (its
 * reservation was cancelled) or one past its hold is refused there, before any charge. A declined card
 * leaves the payment payable by another card while attempts are left (docs/adr/0045). A free payment
 * (amount 0) succeeds in that same transaction without reaching the PSP. Answers the settled payment, or
 * throws the problem that describes why it was not paid.
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
    const attempt = current.chargeAttempts + 1;
    const processing = await updatePayment(tx, current.id, {
      status: 'processing',
      chargeAttempts: attempt,
      declineCode: null,
      chargeStartedAt: now,
      ...cardFacts,
    });
    await insertPaymentAttempt(tx, {
      paymentId: current.id,
      attempt,
      cardBrand: card.brand,
      cardLast4: card.last4,
      startedAt: now,
    });
    return processing!;
  });
  if (isFree(payment)) return payment;

  const attempt = payment.chargeAttempts;
  const outcome = await context.provider.charge({
    reference: payment.id,
    attempt,
    amount: payment.amount,
    currency: payment.currency,
    card: input.card,
    description: `URR reservation ${payment.reservationId}`,
  });
  const settled = await settlePaymentCharge(context, payment.id, { attempt, outcome });
  if (!settled) throw paymentNotFound(payment.id);
  if (capturedStatuses.includes(settled.status)) return settled;
  if (outcome.kind === 'declined')
    // Counted from this attempt: its webhook may have settled it first and a newer attempt begun since.
    throw cardDeclined(
      settled,
      outcome.declineCode,
      attemptsLeft(settled, context.settlementRules.maxChargeAttempts, attempt),
    );
  throw providerFailed(settled, outcome.kind === 'timeout' ? 'timeout' : 'error');
}
