import {
  bootService,
  createKafka,
  createProducer,
  ensureTopics,
  kafkaOptionsOf,
  openServiceDatabase,
  periodicJob,
  startOutboxRelay,
  topics,
} from '@urr/common';
import { createApp } from './app.js';
import { createHttpPaymentProvider } from './clients/http-payment-provider.js';
import { configSchema } from './config.js';
import { paymentContext } from './context.js';
import * as schema from './db/schema.js';
import { createReconciler } from './jobs/reconciler.js';

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

const context = paymentContext({ config, logger, db, provider });
const app = createApp(context);
const relay = startOutboxRelay({
  db: db.primary,
  databaseUrl: config.DATABASE_URL,
  producer,
  logger,
  registry: app.service.registry,
});
const reconciler = createReconciler(context, { stuckAfterMs: config.PSP_TIMEOUT_MS + 5000 });
const jobs = [
  periodicJob({
    name: 'reconcile',
    intervalMs: config.RECONCILE_INTERVAL_MS,
    run: reconciler.runOnce,
    logger,
  }),
  periodicJob({
    name: 'idempotency-key-sweep',
    intervalMs: config.IDEMPOTENCY_SWEEP_INTERVAL_MS,
    run: async () => {
      const deleted = await context.idempotency.store.sweep();
      if (deleted > 0) logger.info({ deleted }, 'expired idempotency keys deleted');
    },
    logger,
  }),
];
for (const job of jobs) job.start();

await service.serve({
  app,
  close: [
    () => Promise.all(jobs.map((job) => job.stop())),
    relay.stop,
    () => producer.disconnect(),
    db.close,
  ],
});
