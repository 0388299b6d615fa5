import {
  bootService,
  createInternalClient,
  createKafka,
  ensureTopics,
  kafkaOptionsOf,
  openServiceDatabase,
  startInBackground,
  topics,
} from '@urr/common';
import { createApp } from './app.js';
import { createOrganiserDirectory } from './clients/organiser-directory.js';
import { configSchema } from './config.js';
import { createCatalogConsumer } from './consumers/catalog-consumer.js';
import * as schema from './db/schema.js';

const service = bootService({ name: 'catalog-service', configSchema });
const { config, logger } = service;
const db = await openServiceDatabase({
  config,
  schema,
  migrationsFolder: new URL('../db/migrations', import.meta.url),
  logger,
});
const kafka = createKafka({ ...kafkaOptionsOf(config), clientId: service.name, logger });
// Whoever starts first creates the topic with its spec (compacted); the consumer would wait for it too.
await ensureTopics(kafka, [topics.catalog], { replicationFactor: config.KAFKA_REPLICATION_FACTOR, logger });
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
const consumer = createCatalogConsumer({ kafka, db: db.primary, logger, registry: app.service.registry });
const stopConsumer = startInBackground('catalog consumer', consumer, { logger });
await service.serve({
  app,
  close: [stopConsumer, db.close],
});
