import { randomUUID } from 'node:crypto';
import { HttpProblem, withTransaction } from '@urr/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RefundOutcome } from '../clients/payment-provider.js';
import type { PaymentContext, PaymentRow, RefundRow } from '../context.js';
import { payments, refunds } from '../db/schema.js';
import { planRefund, statusAfterRefunds } from '../domain/payment-state.js';
import { enqueuePaymentRefunded } from './payment-events.js';
import { paymentNotFound } from './payment-problems.js';

export interface RefundInput {
  readonly paymentId: string;
  /** Minor units; the whole refundable rest when absent. */
  readonly amount?: number | undefined;
  readonly reason?: string | undefined;
  /** `internal` or the admin's user id. */
  readonly requestedBy: string;
}

export interface RefundResult {
  readonly refund: RefundRow;
  readonly payment: PaymentRow;
}

/**
 * Refunds all or part of a captured payment. The amount is reserved (a pending refund) under the payment's
 * row lock before the PSP is called, so concurrent refunds never add up to more than was captured.
 */
export async function refundPayment(context: PaymentContext, input: RefundInput): Promise<RefundResult> {
  const { refund, chargeId } = await withTransaction(context.db, async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
    if (!payment) throw paymentNotFound(input.paymentId);
    const [committed] = await tx
      .select({ total: sql<string>`coalesce(sum(${refunds.amount}), 0)` })
      .from(refunds)
      .where(and(eq(refunds.paymentId, payment.id), inArray(refunds.status, ['pending', 'succeeded'])));
    const plan = planRefund(payment, Number(committed?.total ?? 0), input.amount);
    if ('reason' in plan) {
      if (plan.reason === 'exceeds-refundable')
        throw new HttpProblem(422, {
          type: 'urn:urr:problem:refund-exceeds-payment',
          title: 'Refund too large',
          detail: `at most ${plan.refundable} ${payment.currency} can still be refunded`,
          refundable: plan.refundable,
        });
      throw new HttpProblem(409, {
        type: `urn:urr:problem:refund-${plan.reason}`,
        title: plan.reason === 'not-captured' ? 'Nothing captured' : 'Already refunded',
        detail:
          plan.reason === 'not-captured'
            ? `payment ${payment.id} is ${payment.status}: only a paid payment can be refunded`
            : `payment ${payment.id} has been refunded in full`,
        paymentStatus: payment.status,
      });
    }
    const [pending] = await tx
      .insert(refunds)
      .values({
        id: randomUUID(),
        paymentId: payment.id,
        amount: plan.amount,
        currency: payment.currency,
        status: 'pending',
        reason: input.reason ?? null,
        requestedBy: input.requestedBy,
      })
      .returning();
    return { refund: pending!, chargeId: payment.pspChargeId! };
  });
  const outcome = await context.provider.refund({ refundId: refund.id, chargeId, amount: refund.amount });
  return settleRefund(context, refund.id, outcome);
}

/** Records the PSP's answer to a refund; an `unknown` one leaves it pending for the reconciler. */
export function settleRefund(
  context: PaymentContext,
  refundId: string,
  outcome: RefundOutcome,
): Promise<RefundResult> {
  return withTransaction(context.db, async (tx) => {
    const [pending] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
    if (!pending) throw new Error(`refund ${refundId} is not there`);
    const [payment] = await tx
      .select()
      .from(payments)
      .where(eq(payments.id, pending.paymentId))
      .for('update');
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
    if (!payment || !refund) throw new Error(`refund ${refundId} lost its payment`);
    if (refund.status !== 'pending' || outcome.kind === 'unknown') return { refund, payment };
    const now = new Date();
    if (outcome.kind === 'failed') {
      const [failed] = await tx
        .update(refunds)
        .set({ status: 'failed', failure: outcome.detail, completedAt: now })
        .where(eq(refunds.id, refundId))
        .returning();
      return { refund: failed!, payment };
    }
    const [succeeded] = await tx
      .update(refunds)
      .set({ status: 'succeeded', pspRefundId: outcome.pspRefundId, completedAt: now })
      .where(eq(refunds.id, refundId))
      .returning();
    const refundedAmount = payment.refundedAmount + refund.amount;
    const [updated] = await tx
      .update(payments)
      .set({
        refundedAmount,
        status: statusAfterRefunds(payment.capturedAmount, refundedAmount),
        updatedAt: now,
      })
      .where(eq(payments.id, payment.id))
      .returning();
    await enqueuePaymentRefunded(tx, context.topic, updated!, succeeded!);
    context.logger.info({ paymentId: payment.id, refundId, amount: refund.amount }, 'payment refunded');
    return { refund: succeeded!, payment: updated! };
  });
}
