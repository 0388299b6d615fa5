import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createKafka,
  createLogger,
  ensureTopics,
  initTracing,
  loadConfig,
  runMigrations,
  startServer,
} from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';
import { createStatsConsumer, statsTopics } from './projection/stats-consumer.js';

const name = 'stats-service';
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
await ensureTopics(kafka, statsTopics);
const consumer = createStatsConsumer({ kafka, db: db.primary, logger, groupId: config.STATS_CONSUMER_GROUP });
await consumer.start();

await startServer({
  app: createApp({ logger, db }),
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    await consumer.stop();
    await db.close();
    await tracing.shutdown();
  },
});
