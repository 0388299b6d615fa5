import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createKafka,
  createLogger,
  createOutboxRelay,
  createProducer,
  createRedis,
  ensureTopics,
  initTracing,
  loadConfig,
  quitRedis,
  runMigrations,
  startServer,
  topics,
} from '@urr/common';
import { createApp, ticketContext } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';
import { createHoldExpiryJob } from './jobs/hold-expiry.js';

const name = 'ticket-service';
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
const redis = createRedis({ url: config.REDIS_URL, name, logger });
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: name, logger });
// The topics this service publishes to; the relay's producer does not create topics itself.
await ensureTopics(kafka, [topics.reservation, topics.transfer, topics.membership, topics.catalog]);
const producer = createProducer(kafka);
await producer.connect();
const relay = createOutboxRelay({ db: db.primary, producer, logger });
relay.start();

const deps = { config, logger, db, redis };
const ctx = ticketContext(deps);
const holdExpiry = createHoldExpiryJob({ deps: ctx, logger, intervalMs: config.HOLD_EXPIRY_INTERVAL_MS });
holdExpiry.start();

await startServer({
  app: createApp(deps, ctx),
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    await holdExpiry.stop();
    await relay.stop();
    await producer.disconnect();
    await quitRedis(redis);
    await db.close();
    await tracing.shutdown();
  },
});
