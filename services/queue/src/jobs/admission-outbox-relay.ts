import { randomUUID } from 'node:crypto';
import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type Logger, z } from '@urr/common';
import { type AdmissionMessage, admissionMessageSchema } from '@urr/common/events/admission-message';
import type { Redis, Result } from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import { defaultAdmissionOutboxKey } from '../db/tier2-queue-store.js';
import { acquireLease, quarantineHead, releaseLease, removeSent } from './redis-list-relay-scripts.js';

/**
 * The Tier-2 scripts append each admission message to a Redis list in the same atomic step as the
 * change it describes; this relay moves them to SQS in list order. A message leaves the list only after
 * SQS accepted it, so an SQS outage delays messages and never loses them (and never fails a user's
 * admission). A message sent but not yet removed when the relay dies is sent again; its deduplication
 * id (the message id) makes SQS drop the copy.
 *
 * One relay at a time holds the lease, so the list is sent in order and only the holder removes from
 * its head. The list is one key for all events: Redis here is a primary with a replica, not a cluster.
 */

/** What the scripts write (cjson, so no ISO dates there and a missing position when it has none). */
const outboxEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  eventId: z.string(),
  userId: z.string(),
  at: z.number().int(),
  position: z.number().int().optional(),
});

export function admissionMessageOf(entry: string): AdmissionMessage {
  const parsed = outboxEntrySchema.parse(JSON.parse(entry));
  return admissionMessageSchema.parse({
    id: parsed.id,
    type: parsed.type,
    eventId: parsed.eventId,
    userId: parsed.userId,
    occurredAt: new Date(parsed.at).toISOString(),
    position: parsed.position ?? null,
  });
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    urrOutboxAcquire(lease: string, holder: string, ttlMs: number): Result<number, Context>;
    urrOutboxRelease(lease: string, holder: string): Result<number, Context>;
    urrOutboxRemoveSent(
      list: string,
      lease: string,
      holder: string,
      count: number,
      first: string,
    ): Result<number, Context>;
    urrOutboxQuarantine(
      list: string,
      lease: string,
      quarantine: string,
      holder: string,
      head: string,
    ): Result<number, Context>;
  }
}

export interface AdmissionOutboxRelayOptions {
  readonly redis: Redis;
  readonly sqs: SQSClient;
  /** Looks the queue up (or sets it up); retried with the sends until it succeeds, then kept. */
  readonly queueUrl: () => Promise<string>;
  readonly logger: Logger;
  /** @default {@link defaultAdmissionOutboxKey} */
  readonly outboxKey?: string;
  /** Pause between drains while the list is empty. @default 250 */
  readonly idleIntervalMs?: number;
  /** Longest pause after a failed send (doubling from the idle interval). @default 5000 */
  readonly maxBackoffMs?: number;
  /** @default 15000 */
  readonly leaseTtlMs?: number;
  /** Registers `queue_admission_outbox_depth` and `queue_admission_messages_sent_total`. */
  readonly registry?: Registry;
}

export interface AdmissionOutboxRelay {
  readonly start: () => void;
  /** Finishes the drain in progress and gives up the lease. */
  readonly stop: () => Promise<void>;
  /** Sends what the list holds (when this relay holds the lease); resolves to the number sent. */
  readonly drainOnce: () => Promise<number>;
  readonly depth: () => Promise<number>;
}

const sqsBatchLimit = 10;
const batchesPerDrain = 100;

export function createAdmissionOutboxRelay(options: AdmissionOutboxRelayOptions): AdmissionOutboxRelay {
  const { redis, sqs, logger } = options;
  const listKey = options.outboxKey ?? defaultAdmissionOutboxKey;
  const leaseKey = `${listKey}:lease`;
  const quarantineKey = `${listKey}:unreadable`;
  const idleIntervalMs = options.idleIntervalMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const leaseTtlMs = options.leaseTtlMs ?? 15_000;
  const holder = randomUUID();
  let queueUrl: string | undefined;

  redis.defineCommand('urrOutboxAcquire', { numberOfKeys: 1, lua: acquireLease });
  redis.defineCommand('urrOutboxRelease', { numberOfKeys: 1, lua: releaseLease });
  redis.defineCommand('urrOutboxRemoveSent', { numberOfKeys: 2, lua: removeSent });
  redis.defineCommand('urrOutboxQuarantine', { numberOfKeys: 3, lua: quarantineHead });

  const depth = () => redis.llen(listKey);
  const sent = options.registry
    ? new Counter({
        name: 'queue_admission_messages_sent_total',
        help: 'Admission messages SQS accepted',
        registers: [options.registry],
      })
    : undefined;
  if (options.registry)
    new Gauge({
      name: 'queue_admission_outbox_depth',
      help: 'Admission messages waiting in Redis for SQS',
      registers: [options.registry],
      async collect() {
        this.set(await depth());
      },
    });

  /** Sends one batch from the head; resolves to how many left the list, or undefined when it is empty. */
  async function sendBatch(): Promise<number | undefined> {
    const entries = await redis.lrange(listKey, 0, sqsBatchLimit - 1);
    const first = entries[0];
    if (first === undefined) return undefined;
    const messages: AdmissionMessage[] = [];
    for (const entry of entries) {
      try {
        messages.push(admissionMessageOf(entry));
      } catch (error) {
        if (messages.length > 0) break;
        logger.error({ err: error, entry }, `unreadable admission outbox entry moved to ${quarantineKey}`);
        await redis.urrOutboxQuarantine(listKey, leaseKey, quarantineKey, holder, entry);
        return 0;
      }
    }
    queueUrl ??= await options.queueUrl();
    const output: SendMessageBatchCommandOutput = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((message, index) => ({
          Id: `m${index}`,
          MessageBody: JSON.stringify(message),
          MessageGroupId: message.eventId,
          MessageDeduplicationId: message.id,
        })),
      }),
    );
    const accepted = new Set((output.Successful ?? []).map((entry) => entry.Id));
    let acceptedInOrder = 0;
    while (acceptedInOrder < messages.length && accepted.has(`m${acceptedInOrder}`)) acceptedInOrder += 1;
    if (acceptedInOrder > 0) {
      const removed = await redis.urrOutboxRemoveSent(listKey, leaseKey, holder, acceptedInOrder, first);
      if (removed < 0) throw new Error('lost the admission outbox lease while sending');
      sent?.inc(acceptedInOrder);
    }
    if (acceptedInOrder < messages.length)
      throw new Error(`SQS refused admission messages: ${JSON.stringify(output.Failed ?? [])}`);
    return acceptedInOrder;
  }

  async function drainOnce(): Promise<number> {
    if ((await redis.urrOutboxAcquire(leaseKey, holder, leaseTtlMs)) !== 1) return 0;
    let total = 0;
    for (let batch = 0; batch < batchesPerDrain; batch += 1) {
      if (batch > 0 && (await redis.urrOutboxAcquire(leaseKey, holder, leaseTtlMs)) !== 1) break;
      const count = await sendBatch();
      if (count === undefined) break;
      total += count;
    }
    return total;
  }

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let delayMs = idleIntervalMs;

  const loop = () => {
    current = (async () => {
      try {
        const count = await drainOnce();
        delayMs = count > 0 ? 0 : idleIntervalMs;
      } catch (error) {
        delayMs = Math.min(Math.max(delayMs * 2, idleIntervalMs), maxBackoffMs);
        logger.warn(
          { err: error, retryInMs: delayMs },
          'admission messages not sent to SQS yet; kept in Redis',
        );
      }
      if (running) timer = setTimeout(loop, delayMs);
    })();
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
      await redis.urrOutboxRelease(leaseKey, holder).catch(() => undefined);
    },
    drainOnce,
    depth,
  };
}
