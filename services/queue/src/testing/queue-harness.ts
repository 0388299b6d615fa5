import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  createLogger,
  createRedis,
  type EventDirectory,
  type Logger,
  quitRedis,
  startServer,
  userHeadersOf,
} from '@urr/common';
import { passRevocationKey } from '@urr/common/auth/pass-revocation';
import { type AdmissionMessage, parseAdmissionMessage } from '@urr/common/events/admission-message';
import { allTier2KeysOf, type Tier2Status, tier2Keys } from '@urr/common/queue/tier2-keys';
import { signVwrToken, VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { countersAttributes, countersSettingsUpdate } from '@urr/common/vwr/counters-item';
import { passRevocationAttributes } from '@urr/common/vwr/pass-revocation-item';
import { createApp } from '../app.js';
import { ensureTicketEventsQueue } from '../clients/ticket-events-queue.js';
import { createPassRevocationStore } from '../db/pass-revocation-store.js';
import { Tier2Queue } from '../db/tier2-queue-store.js';
import { countersTableWaitingRooms } from '../db/waiting-room-store.js';
import { AdmissionRateMeter } from '../domain/admission-rate.js';
import { admissionMessageOf, createAdmissionOutboxRelay } from '../jobs/admission-outbox-relay.js';
import { createQueueSweeper } from '../jobs/queue-sweeper.js';
import { createPassRevoker } from '../use-cases/revoke-passes.js';
import { createTier1Gate } from '../use-cases/tier1-gate.js';

/** Every event exists: the catalog check is covered by services/common's event-directory.test.ts. */
export const everyEventExists: EventDirectory = { exists: async () => true };

export interface HarnessOptions {
  readonly activeTtlSeconds?: number;
  readonly sweepIntervalMs?: number;
  readonly defaults?: { maxUsers?: number; threshold?: number; status?: Tier2Status };
  readonly events?: EventDirectory;
  /** Relay the outbox to SQS (off: messages stay in the Redis list for the test to read). @default true */
  readonly relay?: boolean;
  /** How long a waiting room's `active` flag is reused. @default 2000 */
  readonly waitingRoomCacheMs?: number;
  /** The service's logger (a capturing one for tests of its log lines). @default warnings only */
  readonly logger?: Logger;
}

/**
 * queue-service as main.ts wires it, listening on a free loopback port, on the real Redis, SQS and
 * DynamoDB (moto) of the local stack, with its own SQS queue, outbox key and waiting-room counters table so
 * test files never share them.
 */
export async function startQueueHarness(options: HarnessOptions = {}) {
  const runId = randomUUID();
  const logger = options.logger ?? createLogger({ service: 'queue-test', level: 'warn' });
  const redis = createRedis({ url: process.env.REDIS_URL ?? '', name: 'queue-test', logger });
  const probe = createRedis({ url: process.env.REDIS_URL ?? '', name: 'queue-test-probe', logger });
  const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
  const { queueUrl, deadLetterQueueUrl } = await ensureTicketEventsQueue(sqs, `queue-test-${runId}.fifo`);
  const dynamo = new DynamoDBClient({
    endpoint: process.env.AWS_ENDPOINT_URL,
    region: process.env.AWS_REGION,
  });
  const countersTable = `queue-test-counters-${runId}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: countersTable,
      AttributeDefinitions: [{ AttributeName: countersAttributes.eventId, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: countersAttributes.eventId, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // The pass revocation's Tier-1 copy goes to the positions table (key slotId, as vwr-shared creates it).
  const positionsTable = `queue-test-positions-${runId}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: positionsTable,
      AttributeDefinitions: [{ AttributeName: passRevocationAttributes.key, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: passRevocationAttributes.key, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const vwrKeyring = VwrTokenKeyring.of('test', { test: randomUUID() + randomUUID() });
  const outboxKey = `queue-test:${runId}:outbox`;
  const activeTtlSeconds = options.activeTtlSeconds ?? 600;
  const config = {
    ENTRY_TOKEN_SECRET: randomUUID() + randomUUID(),
    ENTRY_COOKIE_SECURE: false,
    QUEUE_ACTIVE_TTL_SECONDS: activeTtlSeconds,
    INTERNAL_API_TOKEN: randomUUID() + randomUUID(),
  };
  const rooms = countersTableWaitingRooms({
    dynamo,
    countersTable,
    cacheMs: options.waitingRoomCacheMs ?? 2000,
  });
  const queue = new Tier2Queue({
    redis,
    activeTtlMs: activeTtlSeconds * 1000,
    outboxKey,
    defaults: { maxUsers: 1000, threshold: 0, status: 'open', ...options.defaults },
    isManaged: rooms.isManaged,
  });
  const meter = new AdmissionRateMeter();
  const eventIds = new Set<string>();
  const sweeper = createQueueSweeper({
    queue,
    meter,
    logger,
    // Only this harness's events: the shared Redis holds other test files' sales too.
    listedEvents: async () => [...eventIds],
    intervalMs: options.sweepIntervalMs ?? 60_000,
  });
  const revocationStore = createPassRevocationStore({ redis, dynamo, positionsTable });
  const tier1 = createTier1Gate({
    keyring: vwrKeyring,
    rooms,
    revokedBefore: revocationStore.revokedBefore,
    logger,
  });
  const revokedUsers = new Set<string>();
  const revocations = createPassRevoker({
    store: {
      ...revocationStore,
      record: async (userId, revokedBefore) => {
        revokedUsers.add(userId);
        await revocationStore.record(userId, revokedBefore);
      },
    },
    queue,
    events: async () => [...eventIds],
  });
  const app = createApp({
    config,
    logger,
    redis,
    queue,
    meter,
    tier1,
    revocations,
    events: options.events ?? everyEventExists,
    onEventServed: sweeper.touch,
  });
  const relay = createAdmissionOutboxRelay({
    redis,
    sqs,
    queueUrl: async () => queueUrl,
    logger,
    outboxKey,
    idleIntervalMs: 50,
  });
  const server = await startServer({ app, port: 0, logger, handleSignals: false });
  sweeper.start();
  if (options.relay ?? true) relay.start();
  const received: AdmissionMessage[] = [];

  return {
    url: server.url,
    config,
    redis: probe,
    sqs,
    queueUrl,
    outboxKey,
    sweeper,
    relay,
    dynamo,
    positionsTable,

    /** A fresh event id, its keys removed at close. */
    async newEvent(settings: { maxUsers?: number; threshold?: number; status?: Tier2Status } = {}) {
      const eventId = randomUUID();
      eventIds.add(eventId);
      await this.configure(eventId, settings);
      return eventId;
    },

    /** Writes the keys the operator writes. */
    async configure(
      eventId: string,
      settings: { maxUsers?: number; threshold?: number; status?: Tier2Status },
    ) {
      const tx = probe.multi();
      if (settings.maxUsers !== undefined) tx.set(tier2Keys.maxUsers(eventId), String(settings.maxUsers));
      if (settings.threshold !== undefined) tx.set(tier2Keys.threshold(eventId), String(settings.threshold));
      if (settings.status !== undefined) tx.set(tier2Keys.status(eventId), settings.status);
      await tx.exec();
    },

    /** Sets the event's Tier-1 waiting room active or not (and its opening), as the operator does in its counters item. */
    async setWaitingRoom(eventId: string, active: boolean, opensAt?: Date) {
      await dynamo.send(
        new UpdateItemCommand({
          TableName: countersTable,
          Key: { [countersAttributes.eventId]: { S: eventId } },
          ...countersSettingsUpdate({ active, ...(opensAt ? { opensAt } : {}) }),
        }),
      );
    },

    /** The Tier-1 pass vwr-api hands `userId` for `eventId` (issued now unless `issuedAt` says otherwise). */
    tier1Pass(eventId: string, userId: string, issuedAt?: Date) {
      return signVwrToken({ eventId, subject: randomUUID(), userId }, vwrKeyring, issuedAt);
    },

    /** A request as the gateway forwards it for `userId` (an admin's when `role` says so). */
    call(
      method: 'GET' | 'POST',
      path: string,
      userId: string,
      headers: Record<string, string> = {},
      role: 'user' | 'admin' = 'user',
    ) {
      return fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...userHeadersOf({ id: userId, email: `${userId}@example.test`, role }),
          ...headers,
        },
      });
    },

    /**
     * Whether the gateway would honour an entry pass naming `slot` (docs/adr/0009): the holder is among
     * the event's active users and the arrival number they hold is the pass's slot.
     */
    async entrySlotIsLive(eventId: string, userId: string, slot: string) {
      const [active, seen] = await Promise.all([
        probe.zscore(tier2Keys.active(eventId), userId),
        probe.hget(tier2Keys.seen(eventId), userId),
      ]);
      return active !== null && seen === slot;
    },

    /**
     * The event's messages in the order SQS delivers them, once at least `expected` arrived and a
     * further second brought no more (so a duplicate would show). Other events' messages stay buffered.
     */
    async messagesOf(eventId: string, expected: number, timeoutMs = 20_000): Promise<AdmissionMessage[]> {
      const ofEvent = () => received.filter((message) => message.eventId === eventId);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const enough = ofEvent().length >= expected;
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: enough ? 1 : 0,
          }),
        );
        if (Messages.length === 0) {
          if (enough) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        received.push(...Messages.map((message) => parseAdmissionMessage(message.Body ?? '')));
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle ?? '',
            })),
          }),
        );
      }
      return ofEvent();
    },

    /** The messages still in the Redis outbox (all of them when the relay is off). */
    async outboxMessages(): Promise<AdmissionMessage[]> {
      return (await probe.lrange(outboxKey, 0, -1)).map(admissionMessageOf);
    },

    async close() {
      await sweeper.stop();
      await relay.stop();
      await server.shutdown();
      const keys = [...eventIds].flatMap((eventId) => allTier2KeysOf(eventId));
      const revocationKeys = [...revokedUsers].map(passRevocationKey);
      await probe.del(
        outboxKey,
        `${outboxKey}:lease`,
        `${outboxKey}:queue-events`,
        `${outboxKey}:line-sequence`,
        ...keys,
        ...revocationKeys,
      );
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: deadLetterQueueUrl }));
      sqs.destroy();
      await dynamo.send(new DeleteTableCommand({ TableName: countersTable }));
      await dynamo.send(new DeleteTableCommand({ TableName: positionsTable }));
      dynamo.destroy();
      await quitRedis(redis);
      await quitRedis(probe);
    },
  };
}

export type QueueHarness = Awaited<ReturnType<typeof startQueueHarness>>;
