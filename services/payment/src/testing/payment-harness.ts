import { randomBytes, randomUUID } from 'node:crypto';
import {
  createKafka,
  createOutboxRelay,
  createProducer,
  type EventEnvelope,
  ensureTopics,
  loadConfig,
  type RunningServer,
  startServer,
  userHeadersOf,
} from '@urr/common';
import { captureLogs } from '@urr/common/testing/log-capture';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createApp } from '../app.js';
import { createHttpPaymentProvider } from '../clients/http-payment-provider.js';
import type { PaymentProvider, ProviderCharge } from '../clients/payment-provider.js';
import { configSchema } from '../config.js';
import { type PaymentContext, paymentContext } from '../context.js';
import * as schema from '../db/schema.js';
import { createTestPsp, type TestPsp } from '../test-psp/test-psp-app.js';

export interface PaymentHarness {
  readonly app: ReturnType<typeof createApp>;
  readonly db: TestDatabase<typeof schema>;
  readonly psp: TestPsp;
  readonly context: PaymentContext;
  readonly internalToken: string;
  readonly webhookSecret: string;
  readonly paymentUrl: string;
  /** This run's payment-events topic (a consumer under test subscribes to it). */
  readonly topic: string;
  /** Everything published to this run's payment-events topic so far. */
  readonly published: () => EventEnvelope[];
  readonly waitFor: <T>(probe: () => T | undefined | false, what: string, timeoutMs?: number) => Promise<T>;
  /** The PSP's charges for a payment (what "the provider saw"). */
  readonly chargesOf: (paymentId: string) => ProviderCharge[];
  readonly createPayment: (
    overrides?: Record<string, unknown>,
  ) => Promise<{ paymentId: string; userId: string }>;
  readonly close: () => Promise<void>;
}

export const pspTimings = { timeoutMs: 400, hangMs: 1500, lateSuccessDelayMs: 700 };

const fan = (id: string) => userHeadersOf({ id, email: `${id.slice(0, 8)}@fans.test`, role: 'user' });
export const asUser = (id: string, extra: Record<string, string> = {}) => ({ ...fan(id), ...extra });
export const asAdmin = (extra: Record<string, string> = {}) => ({
  ...userHeadersOf({ id: randomUUID(), email: 'admin@urr.test', role: 'admin' }),
  ...extra,
});

/**
 * payment-service on the real Postgres (its own schema) and Kafka (its own topic), served over HTTP so the
 * test PSP — a real HTTP server too — can call its webhook.
 */
export async function startPaymentHarness(
  options: {
    /** How long a charge may take before it fails as a timeout; tests of the timeout cards keep the short default. */
    pspTimeoutMs?: number;
    /** `MAX_CHARGE_ATTEMPTS`; the service's default (3) when absent. */
    maxChargeAttempts?: number;
  } = {},
): Promise<PaymentHarness> {
  const pspTimeoutMs = options.pspTimeoutMs ?? pspTimings.timeoutMs;
  const { logger } = captureLogs('payment-test');
  const internalToken = randomBytes(32).toString('hex');
  const webhookSecret = randomBytes(32).toString('hex');
  const apiKey = randomBytes(32).toString('hex');
  const topic = `payment-events-test-${randomUUID()}`;
  const db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('payment_db'),
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    schema,
    isolated: true,
  });
  const config = loadConfig(configSchema, {
    DATABASE_URL: localStackEndpoints().postgresUrl('payment_db'),
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    INTERNAL_API_TOKEN: internalToken,
    PSP_API_KEY: apiKey,
    PSP_WEBHOOK_SECRET: webhookSecret,
    IDEMPOTENCY_FINGERPRINT_SECRET: randomBytes(32).toString('hex'),
    PSP_TIMEOUT_MS: String(pspTimeoutMs),
    RECONCILE_WINDOW_MS: '60000',
    ...(options.maxChargeAttempts === undefined
      ? {}
      : { MAX_CHARGE_ATTEMPTS: String(options.maxChargeAttempts) }),
  });

  // The PSP needs payment-service's URL for webhooks and payment-service the PSP's: start payment-service
  // first with a provider that forwards to the PSP client made once the PSP listens.
  let pspClient: PaymentProvider | undefined;
  const provider: PaymentProvider = {
    charge: (request) => pspClient!.charge(request),
    findCharge: (reference, attempt) => pspClient!.findCharge(reference, attempt),
    refund: (request) => pspClient!.refund(request),
  };
  const context = paymentContext({ config, logger, db, provider, paymentEventsTopic: topic });
  const app = createApp(context);
  const paymentServer: RunningServer = await startServer({ app, port: 0, logger, handleSignals: false });
  const psp = createTestPsp({
    logger,
    apiKey,
    webhookSecret,
    webhookUrl: `${paymentServer.url}/webhooks/psp`,
    latencyMs: { min: 5, max: 30 },
    hangMs: pspTimings.hangMs,
    lateSuccessDelayMs: pspTimings.lateSuccessDelayMs,
  });
  const pspServer = await startServer({
    app: psp.app,
    port: 0,
    logger,
    handleSignals: false,
    shutdownTimeoutMs: 500,
  });
  pspClient = createHttpPaymentProvider({ baseUrl: pspServer.url, apiKey, timeoutMs: pspTimeoutMs });

  const kafka: Kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'payment-test', logger });
  await ensureTopics(kafka, [{ topic, partitions: 1, cleanupPolicy: 'delete' }]);
  const producer: Producer = createProducer(kafka);
  await producer.connect();
  const relay = createOutboxRelay({ db: db.primary, producer, logger, pollIntervalMs: 50 });
  relay.start();
  const received: EventEnvelope[] = [];
  const reader: Consumer = kafka.consumer({ groupId: `payment-test-reader-${randomUUID()}` });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      received.push(JSON.parse(message.value?.toString() ?? 'null'));
    },
  });

  const waitFor = async <T>(probe: () => T | undefined | false, what: string, timeoutMs = 15_000) => {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  return {
    app,
    db,
    psp,
    context,
    internalToken,
    webhookSecret,
    paymentUrl: paymentServer.url,
    topic,
    published: () => [...received],
    waitFor,
    chargesOf: (paymentId) => psp.ledger.chargesOf(paymentId),
    createPayment: async (overrides = {}) => {
      const userId = randomUUID();
      const response = await app.request('/internal/payment-intents', {
        method: 'POST',
        headers: { 'x-internal-token': internalToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          reservationId: randomUUID(),
          userId,
          eventId: `event-${randomUUID()}`,
          amount: 10_000,
          currency: 'KRW',
          expiresAt: new Date(Date.now() + 7 * 60_000).toISOString(),
          ...overrides,
        }),
      });
      if (response.status !== 201)
        throw new Error(`intent not created: ${response.status} ${await response.text()}`);
      const { paymentIntentId } = (await response.json()) as { paymentIntentId: string };
      return { paymentId: paymentIntentId, userId: (overrides.userId as string | undefined) ?? userId };
    },
    close: async () => {
      await reader.disconnect();
      await relay.stop();
      await producer.disconnect();
      psp.close();
      await pspServer.shutdown();
      await paymentServer.shutdown();
      await db.drop();
    },
  };
}
