import {
  type AuthUser,
  createRoute,
  createRouter,
  isAdmin,
  jsonBody,
  jsonResponse,
  problemContentType,
  problemResponses,
  problemSchema,
  requireAdmin,
  requireUser,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { PaymentContext } from '../context.js';
import { findPayment } from '../db/payment-store.js';
import { passesLuhn, summarizeCard } from '../domain/card.js';
import { paymentStatuses } from '../domain/payment-state.js';
import { confirmPayment } from '../use-cases/confirm-payment.js';
import {
  type IdempotencyKeys,
  idempotencyKeyHeader,
  runIdempotent,
} from '../use-cases/idempotent-request.js';
import { notYourPayment, paymentNotFound } from '../use-cases/payment-problems.js';
import { jsonStored, keyedResponse } from './keyed-response.js';
import { paymentView, toPaymentView } from './payment-view.js';
import { handleRefund, optionalIdempotencyKey, refundBody, refundResult } from './refund-route.js';

const paymentParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const cardBody = z
  .object({
    cardNumber: z
      .string()
      .transform((value) => value.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{12,19}$/, { error: 'must be 12 to 19 digits' }))
      .refine(passesLuhn, { error: 'is not a valid card number' })
      .openapi({ example: '4242424242424242' }),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvc: z.string().regex(/^\d{3,4}$/, { error: 'must be 3 or 4 digits' }),
  })
  .openapi('CardPayment');

const cardDeclinedProblem = problemSchema
  .extend({
    declineCode: z.string().openapi({ example: 'insufficient_funds' }),
    attemptsLeft: z.number().int().openapi({
      description:
        'how many more cards may be tried while the seat hold lasts; 0: the payment failed and the reservation is released',
    }),
    paymentId: z.uuid(),
    paymentStatus: z.enum(paymentStatuses),
  })
  .openapi('CardDeclinedProblem');

const getPayment = createRoute({
  method: 'get',
  path: '/{id}',
  middleware: [requireUser()] as const,
  request: { params: paymentParams },
  responses: { 200: jsonResponse(paymentView, 'The payment'), ...problemResponses(401, 403, 404) },
});

const confirm = createRoute({
  method: 'post',
  path: '/{id}/confirm',
  summary: 'Pay with a card, once per Idempotency-Key; after a decline, another card within the hold',
  middleware: [requireUser()] as const,
  request: {
    params: paymentParams,
    headers: z.object({ [idempotencyKeyHeader]: z.string().min(1).max(255) }),
    body: jsonBody(cardBody),
  },
  responses: {
    200: jsonResponse(paymentView, 'Paid'),
    402: {
      description: 'The card was declined (another card may be tried while `attemptsLeft` > 0)',
      content: { [problemContentType]: { schema: cardDeclinedProblem } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 422),
    502: { description: 'The payment provider failed the charge' },
    504: { description: 'The payment provider did not answer in time: the payment failed' },
  },
});

const adminRefund = createRoute({
  method: 'post',
  path: '/{id}/refunds',
  summary: 'Refund all or part of a payment (admin)',
  middleware: [requireAdmin()] as const,
  request: { params: paymentParams, headers: optionalIdempotencyKey, body: jsonBody(refundBody) },
  responses: {
    201: jsonResponse(refundResult, 'Refunded'),
    202: jsonResponse(refundResult, 'Sent to the payment provider; its answer is pending'),
    ...problemResponses(400, 401, 403, 404, 409, 422),
    502: { description: 'The payment provider refused the refund' },
  },
});

/** `/api/v1/payments`: the fan's view and payment of their payment, and admin refunds. */
export function paymentRoutes(context: PaymentContext, idempotency: IdempotencyKeys) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();

  router.openapi(getPayment, async (c) => {
    const { id } = c.req.valid('param');
    const found = await findPayment(context.db, { id });
    if (!found) throw paymentNotFound(id);
    if (found.payment.userId !== c.get('user').id && !isAdmin(c.get('user'))) throw notYourPayment();
    return c.json(
      toPaymentView(found.payment, found.refunds, context.settlementRules.maxChargeAttempts),
      200,
    );
  });

  router.openapi(confirm, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    // The card as far as it may be stored: never its number or CVC, not even hashed.
    const { brand, last4 } = summarizeCard(body.cardNumber);
    const result = await runIdempotent(
      idempotency.store,
      {
        scope: `user:${user.id}`,
        key: c.req.valid('header')[idempotencyKeyHeader],
        fingerprint: idempotency.fingerprint({
          method: 'POST',
          path: c.req.path,
          facts: { brand, last4, expMonth: body.expMonth, expYear: body.expYear },
        }),
        instance: c.req.path,
        logger: c.get('logger'),
      },
      async () => {
        const payment = await confirmPayment(context, {
          paymentId: id,
          userId: user.id,
          card: { number: body.cardNumber, expMonth: body.expMonth, expYear: body.expYear, cvc: body.cvc },
        });
        return jsonStored(200, toPaymentView(payment, [], context.settlementRules.maxChargeAttempts));
      },
    );
    return keyedResponse(result);
  });

  router.openapi(adminRefund, async (c) =>
    handleRefund(context, idempotency, {
      paymentId: c.req.valid('param').id,
      body: c.req.valid('json'),
      requestedBy: c.get('user').id,
      scope: `user:${c.get('user').id}`,
      key: c.req.valid('header')['idempotency-key'],
      path: c.req.path,
      logger: c.get('logger'),
    }),
  );

  return router;
}
