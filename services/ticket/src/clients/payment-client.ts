import { createInternalClient, UpstreamProblemError, z } from '@urr/common';

/** payment-service's internal API as ticket-service uses it (services/payment/README.md). */

export const PaymentIntent = z
  .object({
    paymentIntentId: z
      .uuid()
      .openapi({ description: 'the payment to confirm at /api/v1/payments/{id}/confirm' }),
    status: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .openapi('PaymentIntent');
export type PaymentIntent = z.infer<typeof PaymentIntent>;

const payment = z.object({
  id: z.uuid(),
  reservationId: z.uuid(),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  capturedAmount: z.number().int(),
  refundedAmount: z.number().int(),
  refunds: z.array(z.object({ id: z.uuid(), amount: z.number().int(), status: z.string() })),
});
export type Payment = z.infer<typeof payment>;

const refundAnswer = z.object({
  refund: z.object({ id: z.uuid(), amount: z.number().int(), status: z.string() }),
});

export interface NewPaymentIntent {
  readonly reservationId: string;
  readonly userId: string;
  readonly eventId: string;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: Date;
}

export interface RefundRequest {
  /** Stable per payment ({@link refundKeyOf}), so a retry never refunds twice. */
  readonly idempotencyKey: string;
  readonly reason: string;
}

export type IntentCancellation =
  /** No confirm charges the reservation's payment from now on (there was none: it exists, cancelled). */
  | { readonly outcome: 'cancelled' }
  /** A charge is under way: its outcome, reported by event, decides the reservation. */
  | { readonly outcome: 'in-progress' }
  /** Captured already (its `payment.succeeded` is on the way): the money is this payment's. */
  | { readonly outcome: 'captured'; readonly paymentId: string };

export type RefundOutcome =
  | { readonly outcome: 'refunded'; readonly refundId: string }
  /** payment-service took it; the PSP's answer is pending and its reconciler finishes it. */
  | { readonly outcome: 'pending'; readonly refundId: string }
  /** Someone (an admin, an earlier request) already gave the whole payment back. */
  | { readonly outcome: 'already-refunded' };

export interface PaymentInternalClient {
  /** The reservation's payment, created once: asking again answers the same one. */
  createIntent(intent: NewPaymentIntent, requestId?: string): Promise<PaymentIntent>;
  findByReservation(reservationId: string): Promise<Payment | undefined>;
  find(paymentId: string): Promise<Payment | undefined>;
  /** Cancels the payment of an unpaid reservation, so that no confirm charges it after this. */
  cancelIntent(intent: NewPaymentIntent, requestId?: string): Promise<IntentCancellation>;
  /** Refunds what is left of the payment. */
  refund(paymentId: string, request: RefundRequest): Promise<RefundOutcome>;
}

const fullyRefunded = 'urn:urr:problem:refund-fully-refunded';
const chargeInProgress = 'urn:urr:problem:payment-in-progress';
const alreadyPaid = 'urn:urr:problem:payment-already-paid';

async function orUndefinedWhenMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof UpstreamProblemError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Calls payment-service with the internal token; failures are common's `InternalCallError`s
 * (`toProblem()` turns one into this service's 502/503/504 answer).
 */
export function createPaymentClient(options: {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs?: number;
}): PaymentInternalClient {
  const client = createInternalClient({ ...options, target: 'payment-service' });
  return {
    createIntent: (intent, requestId) =>
      client.post('/internal/payment-intents', {
        body: { ...intent, expiresAt: intent.expiresAt.toISOString() },
        schema: PaymentIntent,
        requestId,
      }),
    findByReservation: (reservationId) =>
      orUndefinedWhenMissing(client.get('/internal/payments', { query: { reservationId }, schema: payment })),
    find: (paymentId) =>
      orUndefinedWhenMissing(client.get(`/internal/payments/${paymentId}`, { schema: payment })),
    cancelIntent: async (intent, requestId) => {
      try {
        await client.post('/internal/payment-intents/cancel', {
          body: { ...intent, expiresAt: intent.expiresAt.toISOString() },
          schema: PaymentIntent,
          requestId,
        });
        return { outcome: 'cancelled' };
      } catch (error) {
        if (!(error instanceof UpstreamProblemError) || error.status !== 409) throw error;
        const paymentId = z.uuid().safeParse(error.problem.paymentId);
        if (error.problem.type === chargeInProgress) return { outcome: 'in-progress' };
        if (error.problem.type === alreadyPaid && paymentId.success)
          return { outcome: 'captured', paymentId: paymentId.data };
        throw error;
      }
    },
    refund: async (paymentId, request) => {
      try {
        const answer = await client.post(`/internal/payments/${paymentId}/refunds`, {
          body: { reason: request.reason },
          headers: { 'idempotency-key': request.idempotencyKey },
          schema: refundAnswer,
        });
        return {
          outcome: answer.refund.status === 'pending' ? 'pending' : 'refunded',
          refundId: answer.refund.id,
        };
      } catch (error) {
        if (
          error instanceof UpstreamProblemError &&
          error.status === 409 &&
          error.problem.type === fullyRefunded
        )
          return { outcome: 'already-refunded' };
        throw error;
      }
    },
  };
}

/**
 * The idempotency key of a payment's refund: one per captured payment, whoever owns the reservation when
 * it ends, so a retry never refunds twice and a later refund is never the replay of an earlier one.
 */
export const refundKeyOf = (paymentId: string) => `ticket-service:refund:${paymentId}`;
