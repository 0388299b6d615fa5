import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createKafka,
  createLogger,
  createOutboxRelay,
  createProducer,
  ensureTopics,
  initTracing,
  loadConfig,
  runMigrations,
  startServer,
  topics,
} from '@urr/common';
import { createApp, paymentRuntime } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';
import { startPeriodic } from './jobs/periodic.js';
import { createReconciler } from './payments/reconciler.js';
import { createHttpPaymentProvider } from './psp/http-payment-provider.js';

const name = 'payment-service';
const config = loadConfig(configSchema);
const tracing = initTracing({ serviceName: name, zipkinUrl: config.ZIPKIN_URL });
const logger = createLogger({ service: name, level: config.LOG_LEVEL });
await runMigrations({
  url: config.DATABASE_URL,
  migrationsFolder: fileURLToPath(new URL('../db/migrations', import.meta.url)),
});
const db = createDatabase({
  primaryUrl: config.DATABASE_URL,
  replicaUrl: config.DATABASE_REPLICA_URL,
  poolMax: config.DATABASE_POOL_MAX,
  schema,
  logger,
});
const provider = createHttpPaymentProvider({
  baseUrl: config.PSP_URL,
  apiKey: config.PSP_API_KEY,
  timeoutMs: config.PSP_TIMEOUT_MS,
});
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: name, logger });
await ensureTopics(kafka, [topics.payment]);
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
      const deleted = await idempotency.sweep();
      if (deleted > 0) logger.info({ deleted }, 'expired idempotency keys deleted');
    },
    logger,
  }),
];

await startServer({
  app: createApp(deps),
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    await Promise.all(jobs.map((job) => job.stop()));
    await relay.stop();
    await producer.disconnect();
    await db.close();
    await tracing.shutdown();
  },
});
