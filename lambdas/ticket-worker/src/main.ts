import { SQSClient } from '@aws-sdk/client-sqs';
import { createDatabase, createLogger, createServiceApp, startServer } from '@urr/common';
import { ensureTicketEventsQueue, ticketEventsQueueUrl } from '@urr/queue';
import { ticketSchema } from '@urr/ticket-service';
import { loadPollerConfig } from './config.js';
import { createTicketWorkerHandler } from './handler.js';
import { createLocalPoller } from './local-poller.js';
import { waitForTicketSchema } from './ticket-schema-wait.js';

/**
 * The ticket-worker in the local stack: the Lambda handler fed by a poller of the SQS-compatible server,
 * with /health, /ready and /metrics on PORT so the run script can wait for it.
 */
const name = 'ticket-worker';
const config = loadPollerConfig();
const logger = createLogger({ service: name, level: config.LOG_LEVEL });
const db = createDatabase({
  primaryUrl: config.DATABASE_URL,
  poolMax: config.DATABASE_POOL_MAX,
  preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
  schema: ticketSchema,
  logger,
});
// ticket-service owns ticket_db's migrations; the worker only checks that they are there (docs/adr/0033).
const schemaLag = await waitForTicketSchema({
  db: db.primary,
  waitSeconds: config.TICKET_SCHEMA_WAIT_SECONDS,
  logger,
});
if (schemaLag) {
  process.stderr.write(`${schemaLag}\n`);
  await db.close();
  process.exit(1);
}
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
