import {
  bootService,
  createKafka,
  ensureTopics,
  kafkaOptionsOf,
  openServiceDatabase,
  startInBackground,
} from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import { createStatsConsumer, statsTopics } from './consumers/stats-consumer.js';
import * as schema from './db/schema.js';

const service = bootService({ name: 'stats-service', configSchema });
const { config, logger } = service;
const db = await openServiceDatabase({
  config,
  schema,
  migrationsFolder: new URL('../db/migrations', import.meta.url),
  logger,
});
const kafka = createKafka({ ...kafkaOptionsOf(config), clientId: service.name, logger });
await ensureTopics(kafka, statsTopics, { replicationFactor: config.KAFKA_REPLICATION_FACTOR, logger });
const app = createApp({ logger, db });
const consumer = createStatsConsumer({
  kafka,
  db: db.primary,
  logger,
  groupId: config.STATS_CONSUMER_GROUP,
  registry: app.service.registry,
});
const stopConsumer = startInBackground('stats consumer', consumer, { logger });

await service.serve({ app, close: [stopConsumer, db.close] });
