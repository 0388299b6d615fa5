import {
  bootService,
  createKafka,
  createOutboxRelay,
  createProducer,
  ensureTopics,
  kafkaOptionsOf,
  openServiceDatabase,
  topics,
} from '@urr/common';
import { createApp, paymentRuntime } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';
import { startPeriodic } from './jobs/periodic.js';
import { createReconciler } from './payments/reconciler.js';
import { createHttpPaymentProvider } from './psp/http-payment-provider.js';

const service = bootService({ name: 'payment-service', configSchema });
const { config, logger } = service;
const db = await openServiceDatabase({
  config,
  schema,
  migrationsFolder: new URL('../db/migrations', import.meta.url),
  logger,
});
const provider = createHttpPaymentProvider({
  baseUrl: config.PSP_URL,
  apiKey: config.PSP_API_KEY,
  timeoutMs: config.PSP_TIMEOUT_MS,
});
const kafka = createKafka({ ...kafkaOptionsOf(config), clientId: service.name, logger });
await ensureTopics(kafka, [topics.payment], { replicationFactor: config.KAFKA_REPLICATION_FACTOR, logger });
const producer = createProducer(kafka);
await producer.connect();
const relay = createOutboxRelay({ db: db.primary, producer, logger });
relay.start();

const deps = { config, logger, db, provider };
const { context, idempotency } = paymentRuntime(deps);
const reconciler = createReconciler(context, { stuckAfterMs: config.PSP_TIMEOUT_MS + 5000 });
const jobs = [
  startPeriodic({
    name: 'reconcile',
    intervalMs: config.RECONCILE_INTERVAL_MS,
    run: reconciler.runOnce,
    logger,
  }),
  startPeriodic({
    name: 'idempotency-key-sweep',
    intervalMs: config.IDEMPOTENCY_SWEEP_INTERVAL_MS,
    run: async () => {
      const deleted = await idempotency.store.sweep();
      if (deleted > 0) logger.info({ deleted }, 'expired idempotency keys deleted');
    },
    logger,
  }),
];

await service.serve({
  app: createApp(deps),
  close: [
    () => Promise.all(jobs.map((job) => job.stop())),
    relay.stop,
    () => producer.disconnect(),
    db.close,
  ],
});
