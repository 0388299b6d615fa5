import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createInternalClient,
  createKafka,
  createLogger,
  ensureTopics,
  initTracing,
  loadConfig,
  runMigrations,
  startServer,
  topics,
} from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';
import { createOrganiserDirectory } from './organisers/organiser-directory.js';
import { createCatalogConsumer } from './read-model/catalog-consumer.js';

const name = 'catalog-service';
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
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: name, logger });
// Subscribing to a topic that does not exist yet fails; ticket-service may not have published to it.
await ensureTopics(kafka, [topics.catalog]);
const consumer = createCatalogConsumer({ kafka, db: db.primary, logger });
await consumer.start();
const organisers = createOrganiserDirectory({
  client: createInternalClient({
    baseUrl: config.AUTH_URL,
    token: config.INTERNAL_API_TOKEN,
    timeoutMs: config.AUTH_TIMEOUT_MS,
    target: 'auth-service',
  }),
  logger,
  ttlMs: config.ORGANISER_CACHE_TTL_SECONDS * 1000,
});
const app = createApp({ config, logger, db, organisers });
await startServer({
  app,
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    await consumer.stop();
    await db.close();
    await tracing.shutdown();
  },
});
