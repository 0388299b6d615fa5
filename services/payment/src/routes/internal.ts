import {
  createRoute,
  createRouter,
  HttpProblem,
  jsonBody,
  jsonResponse,
  problemResponses,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { PaymentContext } from '../context.js';
import { findPayment, type PaymentRow } from '../db/payment-store.js';
import { paymentStatuses } from '../domain/payment-state.js';
import { cancelPaymentIntent } from '../use-cases/cancel-intent.js';
import type { IdempotencyKeys } from '../use-cases/idempotent-request.js';
import { createPaymentIntent } from '../use-cases/payment-intents.js';
import { paymentNotFound } from '../use-cases/payment-problems.js';
import { paymentView, toPaymentView } from './payment-view.js';
import { handleRefund, optionalIdempotencyKey, refundBody, refundResult } from './refund-route.js';

const newIntent = z
  .object({
    reservationId: z.uuid(),
    userId: z.string().min(1).max(128),
    eventId: z.string().min(1).max(128),
    amount: z
      .number()
      .int()
      .nonnegative()
      .max(1_000_000_000_000)
      .openapi({ description: 'minor units; 0 for a free seat, confirmed without a charge' }),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as KRW' }),
    expiresAt: z.iso.datetime({ offset: true }).openapi({ description: "when the reservation's hold ends" }),
  })
  .openapi('NewPaymentIntent');

const intentCreated = z
  .object({
    paymentIntentId: z.uuid(),
    status: z.enum(paymentStatuses),
    amount: z.number().int(),
    currency: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('PaymentIntent');

const createIntent = createRoute({
  method: 'post',
  path: '/payment-intents',
  summary: 'The payment of a reservation (idempotent per reservationId)',
  request: { body: jsonBody(newIntent) },
  responses: {
    201: jsonResponse(intentCreated, 'Created'),
    200: jsonResponse(intentCreated, 'The payment made earlier for this reservation'),
    ...problemResponses(400, 401, 409, 422),
  },
});

const cancelIntent = createRoute({
  method: 'post',
  path: '/payment-intents/cancel',
  summary:
    "Cancel an unpaid reservation's payment, so no confirm charges it (created cancelled when it has none)",
  request: { body: jsonBody(newIntent) },
  responses: {
    200: jsonResponse(intentCreated, 'Cancelled (or already over without a charge)'),
    ...problemResponses(400, 401, 409),
  },
});

const lookup = createRoute({
  method: 'get',
  path: '/payments',
  summary: "A reservation's payment",
  request: { query: z.object({ reservationId: z.uuid() }) },
  responses: { 200: jsonResponse(paymentView, 'The payment'), ...problemResponses(400, 401, 404) },
});

const getById = createRoute({
  method: 'get',
  path: '/payments/{id}',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(paymentView, 'The payment'), ...problemResponses(400, 401, 404) },
});

const refund = createRoute({
  method: 'post',
  path: '/payments/{id}/refunds',
  summary: 'Refund all or part of a payment (e.g. a late success on an expired hold)',
  request: {
    params: z.object({ id: z.uuid() }),
    headers: optionalIdempotencyKey,
    body: jsonBody(refundBody),
  },
  responses: {
    201: jsonResponse(refundResult, 'Refunded'),
    202: jsonResponse(refundResult, 'Sent to the payment provider; its answer is pending'),
    ...problemResponses(400, 401, 404, 409, 422),
    502: { description: 'The payment provider refused the refund' },
  },
});

const intentView = (payment: PaymentRow) => ({
  paymentIntentId: payment.id,
  status: payment.status,
  amount: payment.amount,
  currency: payment.currency,
  expiresAt: payment.expiresAt.toISOString(),
});

/** `/internal`: what ticket-service calls (PaymentInternalClient), behind `x-internal-token`. */
export function internalRoutes(context: PaymentContext, idempotency: IdempotencyKeys) {
  const router = createRouter<ServiceEnv>();

  router.openapi(createIntent, async (c) => {
    const body = c.req.valid('json');
    const { payment, created } = await createPaymentIntent(context, {
      ...body,
      expiresAt: new Date(body.expiresAt),
    });
    return c.json(intentView(payment), created ? 201 : 200);
  });

  router.openapi(cancelIntent, async (c) => {
    const body = c.req.valid('json');
    const payment = await cancelPaymentIntent(context, { ...body, expiresAt: new Date(body.expiresAt) });
    c.get('logger').info(
      { paymentId: payment.id, reservationId: payment.reservationId, status: payment.status },
      'payment intent cancelled',
    );
    return c.json(intentView(payment), 200);
  });

  router.openapi(lookup, async (c) => {
    const { reservationId } = c.req.valid('query');
    const found = await findPayment(context.db, { reservationId });
    if (!found)
      throw new HttpProblem(404, {
        type: 'urn:urr:problem:payment-not-found',
        title: 'Payment not found',
        detail: `reservation ${reservationId} has no payment`,
      });
    return c.json(
      toPaymentView(found.payment, found.refunds, context.settlementRules.maxChargeAttempts),
      200,
    );
  });

  router.openapi(getById, async (c) => {
    const { id } = c.req.valid('param');
    const found = await findPayment(context.db, { id });
    if (!found) throw paymentNotFound(id);
    return c.json(
      toPaymentView(found.payment, found.refunds, context.settlementRules.maxChargeAttempts),
      200,
    );
  });

  router.openapi(refund, async (c) =>
    handleRefund(context, idempotency, {
      paymentId: c.req.valid('param').id,
      body: c.req.valid('json'),
      requestedBy: 'internal',
      scope: 'internal',
      key: c.req.valid('header')['idempotency-key'],
      path: c.req.path,
      logger: c.get('logger'),
    }),
  );

  return router;
}
