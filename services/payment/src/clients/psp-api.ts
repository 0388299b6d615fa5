import { z } from '@urr/common';

/**
 * The wire format of the PSP's HTTP API, shared by the client (`http-payment-provider.ts`) and the test
 * PSP (`test-psp/`), in the style of a card PSP: bearer API key, `Idempotency-Key` on creates, amounts in
 * minor units, signed webhooks.
 */
export const pspCharge = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(['processing', 'succeeded', 'failed']),
    amount: z.number().int(),
    currency: z.string(),
    failureCode: z.string().nullable(),
    refundedAmount: z.number().int(),
    requestCount: z.number().int(),
    metadata: z.record(z.string(), z.string()).default({}),
    card: z.object({ brand: z.string(), last4: z.string() }),
    createdAt: z.string(),
  })
  .openapi('PspCharge');

export const createChargeBody = z.object({
  reference: z.string().min(1).max(200),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  description: z.string().max(500).optional(),
  /** Echoed back with the charge (in lookups and webhooks). */
  metadata: z.record(z.string().max(40), z.string().max(500)).optional(),
  card: z.object({
    number: z.string().regex(/^\d{12,19}$/),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvc: z.string().regex(/^\d{3,4}$/),
  }),
});

export const pspError = z
  .object({
    error: z.object({ type: z.string(), code: z.string(), message: z.string() }),
    charge: pspCharge.optional(),
  })
  .openapi('PspError');

export const chargeList = z.object({ data: z.array(pspCharge) });

export const createRefundBody = z.object({
  charge: z.string().min(1),
  amount: z.number().int().positive(),
});

export const pspRefund = z
  .object({
    id: z.string(),
    charge: z.string(),
    amount: z.number().int(),
    status: z.enum(['succeeded']),
    createdAt: z.string(),
  })
  .openapi('PspRefund');

export const pspWebhookEvent = z.object({
  id: z.string(),
  type: z.enum(['charge.succeeded', 'charge.failed']),
  createdAt: z.string(),
  data: pspCharge,
});
export type PspWebhookEvent = z.infer<typeof pspWebhookEvent>;
