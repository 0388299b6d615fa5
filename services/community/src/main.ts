import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createInternalClient,
  createLogger,
  initTracing,
  loadConfig,
  runMigrations,
  startServer,
} from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';
import { createTicketReservations } from './reservations/ticket-reservations.js';

const name = 'community-service';
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
const reservations = createTicketReservations({
  client: createInternalClient({
    baseUrl: config.TICKET_URL,
    token: config.INTERNAL_API_TOKEN,
    timeoutMs: config.TICKET_TIMEOUT_MS,
    target: 'ticket-service',
  }),
  logger,
});
const app = createApp({ config, logger, db, reservations });
await startServer({
  app,
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    await db.close();
    await tracing.shutdown();
  },
});
