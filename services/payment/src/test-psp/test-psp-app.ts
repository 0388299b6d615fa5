import {
  createRoute,
  createRouter,
  createServiceApp,
  HttpProblem,
  jsonBody,
  jsonResponse,
  type Logger,
  problemResponses,
  type ServiceEnv,
  z,
} from '@urr/common';
import { bearerAuth } from 'hono/bearer-auth';
import {
  chargeList,
  createChargeBody,
  createRefundBody,
  type PspWebhookEvent,
  pspCharge,
  pspError,
  pspRefund,
} from '../clients/psp-api.js';
import { signWebhook, webhookSignatureHeader } from '../domain/webhook-signature.js';
import { behaviourOf } from './card-behaviours.js';
import { type ChargeRecord, Ledger } from './ledger.js';

export interface TestPspOptions {
  readonly logger: Logger;
  /** Merchants authenticate with `Authorization: Bearer <apiKey>`. */
  readonly apiKey: string;
  readonly webhookSecret: string;
  /** Where charge results are POSTed (signed); no webhooks when unset. */
  readonly webhookUrl?: string | undefined;
  /** Every answer takes between min and max ms, as a PSP's authorisation round trip does. */
  readonly latencyMs: { readonly min: number; readonly max: number };
  /** How long a timeout card's request stays unanswered (then 504), unless the client leaves first. */
  readonly hangMs: number;
  /** After this, a late-success card's charge is captured and reported. */
  readonly lateSuccessDelayMs: number;
}

export interface TestPsp {
  readonly app: ReturnType<typeof createServiceApp>;
  readonly ledger: Ledger;
  /** Cancels pending captures, webhook retries and hung requests. */
  readonly close: () => void;
}

const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(255).optional() });

const createCharge = createRoute({
  method: 'post',
  path: '/v1/charges',
  request: { headers: idempotencyHeader, body: jsonBody(createChargeBody) },
  responses: {
    201: jsonResponse(pspCharge, 'Charged'),
    202: jsonResponse(pspCharge, 'A retry of a charge still processing'),
    402: jsonResponse(pspError, 'Declined'),
    504: jsonResponse(pspError, 'No answer in time: the outcome is unknown'),
    ...problemResponses(400, 401),
  },
});

const listCharges = createRoute({
  method: 'get',
  path: '/v1/charges',
  request: { query: z.object({ reference: z.string().min(1) }) },
  responses: {
    200: jsonResponse(chargeList, 'Charges made for the reference'),
    ...problemResponses(400, 401),
  },
});

const getCharge = createRoute({
  method: 'get',
  path: '/v1/charges/{id}',
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: { 200: jsonResponse(pspCharge, 'The charge'), ...problemResponses(401, 404) },
});

const createRefund = createRoute({
  method: 'post',
  path: '/v1/refunds',
  request: { headers: idempotencyHeader, body: jsonBody(createRefundBody) },
  responses: {
    201: jsonResponse(pspRefund, 'Refunded'),
    402: jsonResponse(pspError, 'Refused'),
    ...problemResponses(400, 401, 404),
  },
});

const errorBody = (type: string, code: string, message: string, charge?: ChargeRecord) => ({
  error: { type, code, message },
  ...(charge ? { charge: { ...charge } } : {}),
});

/**
 * A test card PSP with real network behaviour: latency on every call, requests left hanging, charges that
 * succeed after the client gave up, signed webhooks with retries. Outcomes follow the card number
 * (`card-behaviours.ts`).
 */
export function createTestPsp(options: TestPspOptions): TestPsp {
  const { logger } = options;
  const ledger = new Ledger();
  const closing = new AbortController();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timers.add(timer);
  };
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      const signals = AbortSignal.any([closing.signal, ...(signal ? [signal] : [])]);
      if (signals.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signals.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  const latency = () =>
    sleep(options.latencyMs.min + Math.random() * (options.latencyMs.max - options.latencyMs.min));

  const deliver = async (charge: ChargeRecord) => {
    const url = options.webhookUrl;
    if (!url || charge.status === 'processing') return;
    const event: PspWebhookEvent = {
      id: ledger.newEventId(),
      type: charge.status === 'succeeded' ? 'charge.succeeded' : 'charge.failed',
      createdAt: new Date().toISOString(),
      data: { ...charge },
    };
    const body = JSON.stringify(event);
    for (const backoffMs of [0, 250, 1000, 3000]) {
      await sleep(backoffMs);
      if (closing.signal.aborted) return;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [webhookSignatureHeader]: signWebhook(options.webhookSecret, body),
          },
          body,
          signal: AbortSignal.any([closing.signal, AbortSignal.timeout(2000)]),
        });
        if (response.ok) return;
        logger.warn({ status: response.status, eventId: event.id }, 'webhook refused; will retry');
      } catch (error) {
        logger.warn({ err: error, eventId: event.id }, 'webhook delivery failed; will retry');
      }
    }
    logger.error({ eventId: event.id, chargeId: charge.id }, 'webhook given up after retries');
  };
  const settle = (
    charge: ChargeRecord,
    status: 'succeeded' | 'failed',
    failureCode: string | null = null,
  ) => {
    charge.status = status;
    charge.failureCode = failureCode;
    void deliver(charge);
  };

  const app = createServiceApp({
    name: 'test-psp',
    logger,
    openapi: { title: 'URR test payment provider', version: '1.0.0' },
  });
  const router = createRouter<ServiceEnv>();
  router.use('/v1/*', bearerAuth({ token: options.apiKey }));

  router.openapi(createCharge, async (c) => {
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const earlier = ledger.replayCharge(key);
    if (earlier) {
      await latency();
      if (earlier.status === 'succeeded') return c.json({ ...earlier }, 201);
      if (earlier.status === 'failed')
        return c.json(
          errorBody('card_error', earlier.failureCode ?? 'card_declined', 'declined', earlier),
          402,
        );
      return c.json({ ...earlier }, 202);
    }
    const charge = ledger.openCharge(
      {
        reference: body.reference,
        amount: body.amount,
        currency: body.currency,
        cardNumber: body.card.number,
        metadata: body.metadata ?? {},
      },
      key,
    );
    const behaviour = behaviourOf(body.card, new Date());
    switch (behaviour.kind) {
      case 'succeed':
        await latency();
        settle(charge, 'succeeded');
        return c.json({ ...charge }, 201);
      case 'decline':
        await latency();
        settle(charge, 'failed', behaviour.code);
        return c.json(errorBody('card_error', behaviour.code, 'the card was declined', charge), 402);
      case 'timeout':
        later(options.hangMs, () => settle(charge, 'failed', 'processing_error'));
        break;
      case 'late-success':
        later(options.lateSuccessDelayMs, () => settle(charge, 'succeeded'));
        break;
    }
    await sleep(options.hangMs, c.req.raw.signal);
    return c.json(errorBody('api_error', 'timeout', 'the card network did not answer in time'), 504);
  });

  router.openapi(listCharges, (c) =>
    c.json({ data: ledger.chargesOf(c.req.valid('query').reference).map((charge) => ({ ...charge })) }, 200),
  );

  router.openapi(getCharge, (c) => {
    const charge = ledger.charge(c.req.valid('param').id);
    if (!charge) throw new HttpProblem(404, { title: 'Not Found', detail: 'no such charge' });
    return c.json({ ...charge }, 200);
  });

  router.openapi(createRefund, async (c) => {
    const body = c.req.valid('json');
    await latency();
    const result = ledger.refund(body.charge, body.amount, c.req.valid('header')['idempotency-key']);
    if ('error' in result) {
      if (result.error === 'no-such-charge')
        throw new HttpProblem(404, { title: 'Not Found', detail: 'no such charge' });
      return c.json(errorBody('invalid_request_error', result.error, `refund refused: ${result.error}`), 402);
    }
    return c.json({ ...result }, 201);
  });

  app.route('/', router);
  return {
    app,
    ledger,
    close: () => {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
