import { randomUUID } from 'node:crypto';
import { HttpProblem, withTransaction } from '@urr/common';
import type { RefundOutcome } from '../clients/payment-provider.js';
import type { PaymentContext } from '../context.js';
import { findPaymentRow, type PaymentRow, updatePayment } from '../db/payment-store.js';
import {
  committedRefundTotal,
  findRefund,
  insertRefund,
  type RefundRow,
  updateRefund,
} from '../db/refund-store.js';
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
    const payment = await findPaymentRow(tx, { id: input.paymentId }, { lock: true });
    if (!payment) throw paymentNotFound(input.paymentId);
    const plan = planRefund(payment, await committedRefundTotal(tx, payment.id), input.amount);
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
    const pending = await insertRefund(tx, {
      id: randomUUID(),
      paymentId: payment.id,
      amount: plan.amount,
      currency: payment.currency,
      status: 'pending',
      reason: input.reason ?? null,
      requestedBy: input.requestedBy,
    });
    return { refund: pending, chargeId: payment.pspChargeId! };
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
    const pending = await findRefund(tx, refundId);
    if (!pending) throw new Error(`refund ${refundId} is not there`);
    const payment = await findPaymentRow(tx, { id: pending.paymentId }, { lock: true });
    const refund = await findRefund(tx, refundId, { lock: true });
    if (!payment || !refund) throw new Error(`refund ${refundId} lost its payment`);
    if (refund.status !== 'pending' || outcome.kind === 'unknown') return { refund, payment };
    const now = new Date();
    if (outcome.kind === 'failed') {
      const failed = await updateRefund(tx, refundId, {
        status: 'failed',
        failure: outcome.detail,
        completedAt: now,
      });
      return { refund: failed!, payment };
    }
    const succeeded = await updateRefund(tx, refundId, {
      status: 'succeeded',
      pspRefundId: outcome.pspRefundId,
      completedAt: now,
    });
    const refundedAmount = payment.refundedAmount + refund.amount;
    const updated = await updatePayment(tx, payment.id, {
      refundedAmount,
      status: statusAfterRefunds(payment.capturedAmount, refundedAmount),
      updatedAt: now,
    });
    await enqueuePaymentRefunded(tx, context.topic, updated!, succeeded!);
    context.logger.info({ paymentId: payment.id, refundId, amount: refund.amount }, 'payment refunded');
    return { refund: succeeded!, payment: updated! };
  });
}
