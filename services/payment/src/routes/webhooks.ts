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
import type { MiddlewareHandler } from 'hono';
import { attemptOfCharge, outcomeOfCharge } from '../clients/payment-provider.js';
import { pspWebhookEvent } from '../clients/psp-api.js';
import type { PaymentContext } from '../context.js';
import { verifyWebhook, webhookSignatureHeader } from '../domain/webhook-signature.js';
import { settlePaymentCharge } from '../use-cases/settle-charge.js';

/** Checks the signature over the raw body before anything parses it. */
function pspSignature(secret: string): MiddlewareHandler {
  return async (c, next) => {
    const check = verifyWebhook(secret, await c.req.text(), c.req.header(webhookSignatureHeader));
    if (check !== 'valid')
      throw new HttpProblem(400, {
        type: 'urn:urr:problem:webhook-signature',
        title: 'Bad webhook signature',
        detail: `the ${webhookSignatureHeader} header is ${check}`,
      });
    await next();
  };
}

const received = z.object({ received: z.literal(true) });

/** `/webhooks`: the PSP reports charge outcomes here (not routed by the gateway). */
export function webhookRoutes(context: PaymentContext, options: { readonly secret: string }) {
  const router = createRouter<ServiceEnv>();
  const pspWebhook = createRoute({
    method: 'post',
    path: '/psp',
    summary: "The PSP's signed charge events",
    middleware: [pspSignature(options.secret)] as const,
    request: { body: jsonBody(pspWebhookEvent) },
    responses: { 200: jsonResponse(received, 'Applied (or not ours)'), ...problemResponses(400) },
  });

  router.openapi(pspWebhook, async (c) => {
    const event = c.req.valid('json');
    const outcome = outcomeOfCharge(event.data);
    const paymentId = z.uuid().safeParse(event.data.reference);
    if (outcome && paymentId.success) {
      const attempt = attemptOfCharge(event.data);
      const settled = await settlePaymentCharge(context, paymentId.data, { attempt, outcome });
      c.get('logger').info(
        {
          pspEvent: event.id,
          type: event.type,
          paymentId: paymentId.data,
          attempt,
          known: settled !== undefined,
        },
        'psp webhook',
      );
    }
    return c.json({ received: true as const }, 200);
  });
  return router;
}
