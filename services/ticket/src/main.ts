import {
  bootService,
  createKafka,
  createProducer,
  createRedis,
  ensureTopics,
  kafkaOptionsOf,
  openServiceDatabase,
  quitRedis,
  startInBackground,
  startOutboxRelay,
  topics,
} from '@urr/common';
import { listenForNotifications } from '@urr/common/db/pg-notifications';
import { createApp } from './app.js';
import { createPaymentClient } from './clients/payment-client.js';
import { configSchema } from './config.js';
import { createPaymentEventsConsumer } from './consumers/payment-events-consumer.js';
import { ticketContext } from './context.js';
import { ticketMigrationsFolder } from './db/migrations-folder.js';
import * as schema from './db/schema.js';
import { waitingListStatesIn } from './db/waiting-list-state-store.js';
import { createHoldExpiryJob } from './jobs/hold-expiry.js';
import { createRefundJob } from './jobs/refund-job.js';
import { createWaitingListJob } from './jobs/waiting-list-job.js';

const service = bootService({ name: 'ticket-service', configSchema });
const { config, logger } = service;
const db = await openServiceDatabase({ config, schema, migrationsFolder: ticketMigrationsFolder, logger });
const redis = createRedis({ url: config.REDIS_URL, name: service.name, logger });
const kafka = createKafka({ ...kafkaOptionsOf(config), clientId: service.name, logger });
// The topics this service publishes to and consumes; the relay's producer does not create topics itself.
await ensureTopics(
  kafka,
  [
    topics.reservation,
    topics.transfer,
    topics.membership,
    topics.catalog,
    topics.waitingList,
    config.PAYMENT_EVENTS_TOPIC,
  ],
  { replicationFactor: config.KAFKA_REPLICATION_FACTOR, logger },
);
const producer = createProducer(kafka);
await producer.connect();

const payments = createPaymentClient({
  baseUrl: config.PAYMENT_URL,
  token: config.INTERNAL_API_TOKEN,
  timeoutMs: config.PAYMENT_TIMEOUT_MS,
});
const refundJob = createRefundJob({
  deps: { db, now: () => new Date() },
  payments,
  logger,
  intervalMs: config.REFUND_INTERVAL_MS,
});
refundJob.start();
// One listening connection per replica wakes the requests waiting on a reservation (docs/adr/0054).
const settlements = listenForNotifications({
  url: config.DATABASE_URL,
  channel: 'reservation_left_pending',
  logger,
});
const deps = { config, logger, db, redis, payments, onRefundRequested: refundJob.wake, settlements };
const ctx = ticketContext(deps);
const holdExpiry = createHoldExpiryJob({ deps: ctx, logger, intervalMs: config.HOLD_EXPIRY_INTERVAL_MS });
holdExpiry.start();
const waitingListJob = createWaitingListJob({
  deps: {
    ...ctx,
    offerSeconds: config.WAITING_LIST_OFFER_SECONDS,
    listStates: waitingListStatesIn(redis),
  },
  logger,
  intervalMs: config.WAITING_LIST_INTERVAL_MS,
});
waitingListJob.start();
const app = createApp(deps, ctx);
const paymentEvents = createPaymentEventsConsumer({
  kafka,
  topic: config.PAYMENT_EVENTS_TOPIC,
  groupId: config.PAYMENT_EVENTS_CONSUMER_GROUP,
  deps: ctx,
  logger,
  onRefundRequested: refundJob.wake,
  registry: app.service.registry,
});
const stopPaymentEvents = startInBackground('payment-events consumer', paymentEvents, { logger });
const relay = startOutboxRelay({
  db: db.primary,
  databaseUrl: config.DATABASE_URL,
  producer,
  logger,
  registry: app.service.registry,
});

await service.serve({
  app,
  close: [
    stopPaymentEvents,
    refundJob.stop,
    holdExpiry.stop,
    waitingListJob.stop,
    relay.stop,
    settlements.close,
    () => producer.disconnect(),
    () => quitRedis(redis),
    db.close,
  ],
});
