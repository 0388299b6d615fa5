import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createLogger, createRedis, quitRedis } from '@urr/common';
import { type AdmissionMessage, parseAdmissionMessage } from '@urr/common/events/admission-message';
import { allTier2KeysOf, tier2Keys } from '@urr/common/queue/tier2-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTicketEventsQueue } from '../clients/ticket-events-queue.js';
import { Tier2Queue } from '../db/tier2-queue-store.js';
import { admissionMessageOf, createAdmissionOutboxRelay } from './admission-outbox-relay.js';

const logger = createLogger({ service: 'queue-test', level: 'silent' });
const redis = createRedis({ url: process.env.REDIS_URL ?? '', name: 'queue-outbox-test' });
const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
/** Nothing listens on port 1: an SQS that is down. */
const downSqs = new SQSClient({
  endpoint: 'http://127.0.0.1:1',
  region: process.env.AWS_REGION,
  maxAttempts: 1,
});
const queueUrls: string[] = [];
const keys: string[] = [];

async function freshQueue(): Promise<string> {
  const { queueUrl, deadLetterQueueUrl } = await ensureTicketEventsQueue(
    sqs,
    `outbox-test-${randomUUID()}.fifo`,
  );
  queueUrls.push(queueUrl, deadLetterQueueUrl);
  return queueUrl;
}

function freshOutboxKey(): string {
  const key = `queue-test:${randomUUID()}:outbox`;
  keys.push(key, `${key}:lease`, `${key}:unreadable`, `${key}:queue-events`, `${key}:line-sequence`);
  return key;
}

function entry(eventId: string, index: number): string {
  return JSON.stringify({
    id: `${eventId}:${index}`,
    type: 'queue.admitted',
    eventId,
    userId: `user-${index}`,
    at: Date.now(),
    position: index,
  });
}

/** Every message in the queue (deleting them), waiting a second past the last for stragglers. */
async function receiveAll(queueUrl: string): Promise<AdmissionMessage[]> {
  const messages: AdmissionMessage[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) return messages;
    messages.push(...Messages.map((message) => parseAdmissionMessage(message.Body ?? '')));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: `${index}`,
          ReceiptHandle: message.ReceiptHandle ?? '',
        })),
      }),
    );
  }
}

describe('admission outbox relay (real Redis and SQS)', () => {
  beforeAll(async () => {
    await redis.ping();
  });
  afterAll(async () => {
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all(queueUrls.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
    sqs.destroy();
    downSqs.destroy();
    await quitRedis(redis);
  });

  it('keeps an admission made while SQS is down and delivers it once SQS is back', async () => {
    const queueUrl = await freshQueue();
    const outboxKey = freshOutboxKey();
    const eventId = randomUUID();
    keys.push(...allTier2KeysOf(eventId));
    const queue = new Tier2Queue({
      redis,
      activeTtlMs: 600_000,
      outboxKey,
      defaults: { maxUsers: 10, threshold: 10, status: 'open' },
    });

    const relayToNowhere = createAdmissionOutboxRelay({
      redis,
      sqs: downSqs,
      queueUrl: async () => queueUrl,
      logger,
      outboxKey,
    });
    const admitted = await queue.enter(eventId, 'user-1', { mayTakePlace: true });
    expect(admitted.state).toBe('admitted');
    await expect(relayToNowhere.drainOnce()).rejects.toThrow();
    expect(await relayToNowhere.depth()).toBe(1);
    await relayToNowhere.stop();

    const relay = createAdmissionOutboxRelay({
      redis,
      sqs,
      queueUrl: async () => queueUrl,
      logger,
      outboxKey,
    });
    expect(await relay.drainOnce()).toBe(1);
    expect(await relay.depth()).toBe(0);
    await relay.stop();
    const messages = await receiveAll(queueUrl);
    expect(messages).toEqual([
      {
        id: expect.any(String),
        type: 'queue.admitted',
        eventId,
        userId: 'user-1',
        occurredAt: new Date(Number(await redis.hget(tier2Keys.activeSeen(eventId), 'user-1'))).toISOString(),
        position: 1,
      },
    ]);
  });

  it('delivers a message once even when a relay died after sending it and it is sent again', async () => {
    const queueUrl = await freshQueue();
    const outboxKey = freshOutboxKey();
    const eventId = randomUUID();
    const relay = createAdmissionOutboxRelay({
      redis,
      sqs,
      queueUrl: async () => queueUrl,
      logger,
      outboxKey,
    });
    await redis.rpush(outboxKey, entry(eventId, 1), entry(eventId, 2));
    expect(await relay.drainOnce()).toBe(2);
    // As if the relay had sent these and died before removing them from the list:
    await redis.rpush(outboxKey, entry(eventId, 1), entry(eventId, 2), entry(eventId, 3));
    expect(await relay.drainOnce()).toBe(3);
    await relay.stop();
    const messages = await receiveAll(queueUrl);
    expect(messages.map((message) => message.id)).toEqual([`${eventId}:1`, `${eventId}:2`, `${eventId}:3`]);
  });

  it('sends in list order, once, while two relays compete for the list', async () => {
    const queueUrl = await freshQueue();
    const outboxKey = freshOutboxKey();
    const eventId = randomUUID();
    const relays = [1, 2].map(() =>
      createAdmissionOutboxRelay({
        redis,
        sqs,
        queueUrl: async () => queueUrl,
        logger,
        outboxKey,
        idleIntervalMs: 20,
      }),
    );
    await redis.rpush(outboxKey, ...Array.from({ length: 35 }, (_, index) => entry(eventId, index + 1)));
    for (const relay of relays) relay.start();
    const deadline = Date.now() + 20_000;
    while ((await redis.llen(outboxKey)) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all(relays.map((relay) => relay.stop()));
    const messages = await receiveAll(queueUrl);
    expect(messages.map((message) => message.position)).toEqual(
      Array.from({ length: 35 }, (_, index) => index + 1),
    );
  });

  it('moves an unreadable entry aside and sends the rest', async () => {
    const queueUrl = await freshQueue();
    const outboxKey = freshOutboxKey();
    const eventId = randomUUID();
    const relay = createAdmissionOutboxRelay({
      redis,
      sqs,
      queueUrl: async () => queueUrl,
      logger,
      outboxKey,
    });
    await redis.rpush(outboxKey, entry(eventId, 1), '{"not":"a message"}', entry(eventId, 2));
    await relay.drainOnce();
    await relay.drainOnce();
    await relay.stop();
    expect(await redis.lrange(`${outboxKey}:unreadable`, 0, -1)).toEqual(['{"not":"a message"}']);
    expect((await receiveAll(queueUrl)).map((message) => message.position)).toEqual([1, 2]);
  });

  it('turns a script entry into the SQS message contract', () => {
    expect(
      admissionMessageOf(
        '{"id":"c:1","type":"queue.expired","eventId":"e-1","userId":"u","at":1767225600000}',
      ),
    ).toEqual({
      id: 'c:1',
      type: 'queue.expired',
      eventId: 'e-1',
      userId: 'u',
      occurredAt: '2026-01-01T00:00:00.000Z',
      position: null,
    });
  });
});
