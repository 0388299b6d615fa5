import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  bootService,
  catalogEventDirectory,
  createKafka,
  createProducer,
  createRedis,
  ensureTopics,
  kafkaOptionsOf,
  quitRedis,
  topics,
} from '@urr/common';
import { VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { createApp } from './app.js';
import {
  deadLetterQueueNameOf,
  ensureTicketEventsQueue,
  ticketEventsQueueUrl,
} from './clients/ticket-events-queue.js';
import { ticketSeats } from './clients/ticket-seats.js';
import { configSchema } from './config.js';
import { createPassRevocationStore } from './db/pass-revocation-store.js';
import { tier1CountersReader } from './db/tier1-counters-reader.js';
import { Tier2Queue } from './db/tier2-queue-store.js';
import { countersTableWaitingRooms } from './db/waiting-room-store.js';
import { AdmissionRateMeter } from './domain/admission-rate.js';
import { createAdmissionOutboxRelay } from './jobs/admission-outbox-relay.js';
import { createDeadLetterDepthSampler } from './jobs/dead-letter-depth.js';
import { createQueueEventsRelay } from './jobs/queue-events-relay.js';
import { createQueueSweeper } from './jobs/queue-sweeper.js';
import { createSaleSampler } from './jobs/sale-sampler.js';
import { createPassRevoker } from './use-cases/revoke-passes.js';
import { createTier1Gate } from './use-cases/tier1-gate.js';

const service = bootService({ name: 'queue-service', configSchema });
const { config, logger } = service;
const redis = createRedis({ url: config.REDIS_URL, name: service.name, logger });
const awsClientOptions = {
  region: config.AWS_REGION,
  ...(config.AWS_ENDPOINT_URL ? { endpoint: config.AWS_ENDPOINT_URL } : {}),
  requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 },
};
const sqs = new SQSClient(awsClientOptions);
const dynamo = new DynamoDBClient(awsClientOptions);
// Looked up by the relay, so the service starts (and admits) while SQS is still away.
const queueUrl = async () =>
  config.SQS_CREATE_QUEUES
    ? (await ensureTicketEventsQueue(sqs, config.SQS_TICKET_EVENTS_QUEUE)).queueUrl
    : ticketEventsQueueUrl(sqs, config.SQS_TICKET_EVENTS_QUEUE);
const deadLetterQueueName = deadLetterQueueNameOf(config.SQS_TICKET_EVENTS_QUEUE);
const deadLetterQueueUrl = async () =>
  config.SQS_CREATE_QUEUES
    ? (await ensureTicketEventsQueue(sqs, config.SQS_TICKET_EVENTS_QUEUE)).deadLetterQueueUrl
    : ticketEventsQueueUrl(sqs, deadLetterQueueName);

const rooms = countersTableWaitingRooms({
  dynamo,
  countersTable: config.VWR_COUNTERS_TABLE,
  cacheMs: config.WAITING_ROOM_CACHE_MS,
});
const queue = new Tier2Queue({
  redis,
  activeTtlMs: config.QUEUE_ACTIVE_TTL_SECONDS * 1000,
  defaults: {
    maxUsers: config.QUEUE_DEFAULT_MAX_USERS,
    threshold: config.QUEUE_DEFAULT_THRESHOLD,
    status: config.QUEUE_DEFAULT_STATUS,
  },
  isManaged: rooms.isManaged,
});
const meter = new AdmissionRateMeter();
const sweeper = createQueueSweeper({
  queue,
  meter,
  logger,
  listedEvents: () => queue.activeEventIds(),
  intervalMs: config.QUEUE_SWEEP_INTERVAL_MS,
});
const events = catalogEventDirectory({
  baseUrl: config.CATALOG_URL,
  internalToken: config.INTERNAL_API_TOKEN,
});
const revocationStore = createPassRevocationStore({
  redis,
  dynamo,
  positionsTable: config.VWR_POSITIONS_TABLE,
});
const tier1 = createTier1Gate({
  keyring: VwrTokenKeyring.withRetired(
    config.VWR_TOKEN_KID,
    config.VWR_TOKEN_SECRET,
    config.VWR_TOKEN_RETIRED_KEYS,
  ),
  rooms,
  revokedBefore: revocationStore.revokedBefore,
  logger,
});
const revocations = createPassRevoker({
  store: revocationStore,
  queue,
  events: () => queue.activeEventIds(),
});
const app = createApp({
  config,
  logger,
  redis,
  queue,
  events,
  tier1,
  meter,
  revocations,
  onEventServed: sweeper.touch,
});
const relay = createAdmissionOutboxRelay({ redis, sqs, queueUrl, logger, registry: app.service.registry });
const kafka = createKafka({ ...kafkaOptionsOf(config), clientId: service.name, logger });
const producer = createProducer(kafka);
const queueEventsRelay = createQueueEventsRelay({
  redis,
  producer,
  prepare: async () => {
    await ensureTopics(kafka, [topics.queue], { replicationFactor: config.KAFKA_REPLICATION_FACTOR, logger });
    await producer.connect();
  },
  logger,
  registry: app.service.registry,
});
const saleSampler = createSaleSampler({
  redis,
  queue,
  logger,
  listedEvents: () => queue.activeEventIds(),
  tier1: tier1CountersReader({ dynamo, countersTable: config.VWR_COUNTERS_TABLE }),
  seats: ticketSeats({ ticketUrl: config.TICKET_URL, internalToken: config.INTERNAL_API_TOKEN }),
  intervalMs: config.SALE_SAMPLE_INTERVAL_MS,
});
const deadLetters = createDeadLetterDepthSampler({
  sqs,
  queueName: deadLetterQueueName,
  queueUrl: deadLetterQueueUrl,
  registry: app.service.registry,
  logger,
});

sweeper.start();
relay.start();
queueEventsRelay.start();
saleSampler.start();
deadLetters.start();
await service.serve({
  app,
  close: [
    sweeper.stop,
    relay.stop,
    saleSampler.stop,
    queueEventsRelay.stop,
    () => producer.disconnect(),
    deadLetters.stop,
    () => sqs.destroy(),
    () => dynamo.destroy(),
    () => quitRedis(redis),
  ],
});
