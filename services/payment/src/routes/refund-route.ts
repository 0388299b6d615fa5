import { HttpProblem, type Logger, nonBlankText, z } from '@urr/common';
import type { PaymentContext } from '../context.js';
import type { StoredResponse } from '../db/idempotency-store.js';
import { findPayment } from '../db/payment-store.js';
import { type IdempotencyKeys, runIdempotent } from '../use-cases/idempotent-request.js';
import { type RefundResult, refundPayment } from '../use-cases/refund-payment.js';
import { jsonStored, keyedResponse } from './keyed-response.js';
import { paymentView, refundView, toPaymentView, toRefundView } from './payment-view.js';

export const refundBody = z.object({
  amount: z
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'minor units; the whole rest when absent' }),
  reason: nonBlankText(500).optional(),
});

export const refundResult = z.object({ refund: refundView, payment: paymentView }).openapi('RefundResult');

export const optionalIdempotencyKey = z.object({ 'idempotency-key': z.string().min(1).max(255).optional() });

async function refundAnswer(context: PaymentContext, result: RefundResult): Promise<StoredResponse> {
  if (result.refund.status === 'failed')
    throw new HttpProblem(502, {
      type: 'urn:urr:problem:refund-failed',
      title: 'Refund failed',
      detail: `the payment provider refused the refund: ${result.refund.failure ?? 'no reason given'}`,
      refundId: result.refund.id,
    });
  const found = await findPayment(context.db, { id: result.payment.id });
  const body = {
    refund: toRefundView(result.refund),
    payment: toPaymentView(result.payment, found?.refunds ?? [], context.settlementRules.maxChargeAttempts),
  };
  // Pending: the PSP's answer is not known yet; the reconciler finishes it.
  return jsonStored(result.refund.status === 'pending' ? 202 : 201, body);
}

/** A refund request, run once per idempotency key when the caller sends one. */
export async function handleRefund(
  context: PaymentContext,
  idempotency: IdempotencyKeys,
  request: {
    readonly paymentId: string;
    readonly body: z.infer<typeof refundBody>;
    readonly requestedBy: string;
    readonly scope: string;
    readonly key: string | undefined;
    readonly path: string;
    readonly logger: Logger;
  },
): Promise<Response> {
  const execute = async () =>
    refundAnswer(
      context,
      await refundPayment(context, {
        paymentId: request.paymentId,
        amount: request.body.amount,
        reason: request.body.reason,
        requestedBy: request.requestedBy,
      }),
    );
  if (!request.key) {
    const response = await execute();
    return new Response(JSON.stringify(response.body), {
      status: response.status,
      headers: { 'content-type': response.contentType },
    });
  }
  return keyedResponse(
    await runIdempotent(
      idempotency.store,
      {
        scope: request.scope,
        key: request.key,
        fingerprint: idempotency.fingerprint({ method: 'POST', path: request.path, facts: request.body }),
        instance: request.path,
        logger: request.logger,
      },
      execute,
    ),
  );
}
