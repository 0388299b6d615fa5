import { z } from '@urr/common';
import type { PaymentRow } from '../db/payment-store.js';
import type { RefundRow } from '../db/refund-store.js';
import { attemptsLeft, failureReasons, paymentStatuses, refundStatuses } from '../domain/payment-state.js';

export const refundView = z
  .object({
    id: z.uuid(),
    amount: z.number().int(),
    currency: z.string(),
    status: z.enum(refundStatuses),
    reason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .openapi('Refund');

export const paymentView = z
  .object({
    id: z.uuid(),
    reservationId: z.uuid(),
    userId: z.string(),
    eventId: z.string(),
    amount: z.number().int().openapi({ description: 'minor units (KRW: won)' }),
    currency: z.string(),
    status: z.enum(paymentStatuses),
    failureReason: z.enum(failureReasons).nullable(),
    declineCode: z.string().nullable().openapi({ description: "the latest declined attempt's code" }),
    chargeAttempts: z.number().int().openapi({ description: 'charges sent to the payment provider so far' }),
    attemptsLeft: z.number().int().openapi({
      description:
        'how many more cards may be tried while the seat hold lasts (0 once paid, failed or cancelled)',
    }),
    capturedAmount: z.number().int(),
    refundedAmount: z.number().int(),
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    expiresAt: z.iso.datetime(),
    succeededAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    refunds: z.array(refundView),
  })
  .openapi('Payment');
export type PaymentView = z.infer<typeof paymentView>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toRefundView(refund: RefundRow): z.infer<typeof refundView> {
  return {
    id: refund.id,
    amount: refund.amount,
    currency: refund.currency,
    status: refund.status,
    reason: refund.reason,
    createdAt: refund.createdAt.toISOString(),
    completedAt: iso(refund.completedAt),
  };
}

export function toPaymentView(
  payment: PaymentRow,
  refunds: readonly RefundRow[],
  maxChargeAttempts: number,
): PaymentView {
  return {
    id: payment.id,
    reservationId: payment.reservationId,
    userId: payment.userId,
    eventId: payment.eventId,
    amount: payment.amount,
    currency: payment.currency,
    status: payment.status,
    failureReason: payment.failureReason,
    declineCode: payment.declineCode,
    chargeAttempts: payment.chargeAttempts,
    attemptsLeft: attemptsLeft(payment, maxChargeAttempts),
    capturedAmount: payment.capturedAmount,
    refundedAmount: payment.refundedAmount,
    card:
      payment.cardBrand && payment.cardLast4 ? { brand: payment.cardBrand, last4: payment.cardLast4 } : null,
    expiresAt: payment.expiresAt.toISOString(),
    succeededAt: iso(payment.succeededAt),
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
    refunds: refunds.map(toRefundView),
  };
}
