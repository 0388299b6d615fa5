import { SQSClient } from '@aws-sdk/client-sqs';
import { createDatabase, createLogger, createServiceApp, runMigrations, startServer } from '@urr/common';
import { ensureTicketEventsQueue, ticketEventsQueueUrl } from '@urr/queue/sqs/ticket-events-queue';
import { ticketMigrationsFolder } from '@urr/ticket-service/db/migrations-folder';
import * as ticketSchema from '@urr/ticket-service/db/schema';
import { loadPollerConfig } from './config.js';
import { createTicketWorkerHandler } from './handler.js';
import { createLocalPoller } from './local-poller.js';

/**
 * The ticket-worker in the local stack: the Lambda handler fed by a poller of the SQS-compatible server,
 * with /health, /ready and /metrics on PORT so the run script can wait for it.
 */
const name = 'ticket-worker';
const config = loadPollerConfig();
const logger = createLogger({ service: name, level: config.LOG_LEVEL });
// ticket-service owns these migrations; applying them here too (under their advisory lock) means the
// worker never meets a missing table, whichever of the two starts first.
await runMigrations({ url: config.DATABASE_URL, migrationsFolder: ticketMigrationsFolder });
const db = createDatabase({
  primaryUrl: config.DATABASE_URL,
  poolMax: config.DATABASE_POOL_MAX,
  schema: ticketSchema,
  logger,
});
const sqs = new SQSClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL });
const queueUrl = config.SQS_CREATE_QUEUES
  ? (await ensureTicketEventsQueue(sqs, config.SQS_TICKET_EVENTS_QUEUE)).queueUrl
  : await ticketEventsQueueUrl(sqs, config.SQS_TICKET_EVENTS_QUEUE);
const poller = createLocalPoller({
  sqs,
  queueUrl,
  region: config.AWS_REGION,
  handler: createTicketWorkerHandler({ db, logger }),
  logger,
  waitTimeSeconds: config.SQS_WAIT_TIME_SECONDS,
  visibilityTimeoutSeconds: config.SQS_VISIBILITY_TIMEOUT_SECONDS,
  batchSize: config.SQS_BATCH_SIZE,
});
poller.start();
logger.info({ queueUrl }, 'polling ticket-events');

const app = createServiceApp({
  name,
  logger,
  readiness: [{ name: 'postgres', check: db.ping }],
  openapi: { title: 'URR ticket-worker (local)', version: '1.0.0' },
});
await startServer({
  app,
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    await poller.stop();
    sqs.destroy();
    await db.close();
  },
});
