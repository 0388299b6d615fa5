import { createHash, randomUUID } from 'node:crypto';
import { type EventEnvelope, type Logger, type Producer, periodicJob, topics, z } from '@urr/common';
import { type QueueEventType, queueEvents } from '@urr/common/events/queue-events';
import type { Redis, Result } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';
import { defaultQueueEventsOutboxKeys } from '../db/tier2-queue-store.js';
import { acquireLease, quarantineHead, releaseLease, removeSent } from './redis-list-relay-scripts.js';

/**
 * The Tier-2 scripts append each line change to a Redis list in the same atomic step as the change, and
 * the sale sampler appends its samples there too; this relay publishes the list to Kafka's `queue-events`
 * in list order, keyed by event id (docs/adr/0041). An entry leaves the list only after Kafka acknowledged
 * it, so a Kafka outage delays the report's facts and never loses them; an entry published but not yet
 * removed when the relay dies is published again with the same envelope id, which the consumer's record
 * of applied ids drops. One relay at a time holds the lease, so the list goes out in order.
 */

const entrySchema = z.looseObject({ id: z.string().min(1), type: z.string(), at: z.number().int() });
const lineTypes: readonly QueueEventType[] = [
  'queue.arrived',
  'queue.admitted',
  'queue.left',
  'queue.expired',
];

/** A stable envelope id for an entry id (`{callId}:k{n}`): a re-sent entry is the same event. */
export function envelopeIdOf(entryId: string): string {
  const hex = createHash('sha1').update(`urr-queue-events:${entryId}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The envelope of one outbox entry; throws on an entry that breaks the `queue-events` contract. */
export function queueEventOf(entry: string): EventEnvelope {
  const { id, type, at, ...fields } = entrySchema.parse(JSON.parse(entry));
  if (!(type in queueEvents) || type === 'topic') throw new Error(`unknown queue event type ${type}`);
  const schema = queueEvents[type as QueueEventType];
  const payload = schema.parse(
    lineTypes.includes(type as QueueEventType) ? { arrival: null, ...fields } : fields,
  ) as Record<string, unknown>;
  return { id: envelopeIdOf(id), type, occurredAt: new Date(at).toISOString(), schemaVersion: 1, payload };
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    urrQueueEventsAcquire(lease: string, holder: string, ttlMs: number): Result<number, Context>;
    urrQueueEventsRelease(lease: string, holder: string): Result<number, Context>;
    urrQueueEventsRemoveSent(
      list: string,
      lease: string,
      holder: string,
      count: number,
      first: string,
    ): Result<number, Context>;
    urrQueueEventsQuarantine(
      list: string,
      lease: string,
      quarantine: string,
      holder: string,
      head: string,
    ): Result<number, Context>;
  }
}

export interface QueueEventsRelayOptions {
  readonly redis: Redis;
  readonly producer: Producer;
  /**
   * Connects the producer and sets the topic up; retried with the drains until it succeeds, so the
   * service starts (and admits) while Kafka is away. @default nothing (the caller connected it)
   */
  readonly prepare?: () => Promise<void>;
  readonly logger: Logger;
  /** @default `queue-events` */
  readonly topic?: string;
  /** @default {@link defaultQueueEventsOutboxKeys}.outbox */
  readonly outboxKey?: string;
  /** Pause between drains: its facts feed the sale report, which no fan waits for. @default 1000 */
  readonly intervalMs?: number;
  /** @default 15000 */
  readonly leaseTtlMs?: number;
  /** Registers `queue_events_outbox_depth`. */
  readonly registry?: Registry;
}

export interface QueueEventsRelay {
  readonly start: () => void;
  /** Finishes the drain in progress and gives up the lease. */
  readonly stop: () => Promise<void>;
  /** Publishes what the list holds (when this relay holds the lease); resolves to the number published. */
  readonly drainOnce: () => Promise<number>;
}

const batchSize = 500;
const batchesPerDrain = 20;

export function createQueueEventsRelay(options: QueueEventsRelayOptions): QueueEventsRelay {
  const { redis, producer, logger } = options;
  const topic = options.topic ?? topics.queue;
  const listKey = options.outboxKey ?? defaultQueueEventsOutboxKeys.outbox;
  const leaseKey = `${listKey}:lease`;
  const quarantineKey = `${listKey}:unreadable`;
  const leaseTtlMs = options.leaseTtlMs ?? 15_000;
  const holder = randomUUID();
  let prepared = options.prepare === undefined;

  redis.defineCommand('urrQueueEventsAcquire', { numberOfKeys: 1, lua: acquireLease });
  redis.defineCommand('urrQueueEventsRelease', { numberOfKeys: 1, lua: releaseLease });
  redis.defineCommand('urrQueueEventsRemoveSent', { numberOfKeys: 2, lua: removeSent });
  redis.defineCommand('urrQueueEventsQuarantine', { numberOfKeys: 3, lua: quarantineHead });

  if (options.registry)
    new Gauge({
      name: 'queue_events_outbox_depth',
      help: 'queue-events entries waiting in Redis for Kafka',
      registers: [options.registry],
      async collect() {
        this.set(await redis.llen(listKey));
      },
    });

  /** Publishes one batch from the head; resolves to how many left the list, or undefined when it is empty. */
  async function sendBatch(): Promise<number | undefined> {
    const entries = await redis.lrange(listKey, 0, batchSize - 1);
    const first = entries[0];
    if (first === undefined) return undefined;
    const envelopes: EventEnvelope[] = [];
    for (const entry of entries) {
      try {
        envelopes.push(queueEventOf(entry));
      } catch (error) {
        if (envelopes.length > 0) break;
        logger.error({ err: error, entry }, `unreadable queue-events outbox entry moved to ${quarantineKey}`);
        await redis.urrQueueEventsQuarantine(listKey, leaseKey, quarantineKey, holder, entry);
        return 0;
      }
    }
    if (!prepared) {
      await options.prepare?.();
      prepared = true;
    }
    await producer.send({
      topic,
      acks: -1,
      messages: envelopes.map((envelope) => ({
        key: String(envelope.payload.eventId),
        value: JSON.stringify(envelope),
      })),
    });
    const removed = await redis.urrQueueEventsRemoveSent(listKey, leaseKey, holder, envelopes.length, first);
    if (removed < 0) throw new Error('lost the queue-events outbox lease while publishing');
    return envelopes.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < batchesPerDrain; batch += 1) {
      if ((await redis.urrQueueEventsAcquire(leaseKey, holder, leaseTtlMs)) !== 1) break;
      const count = await sendBatch();
      if (count === undefined) break;
      total += count;
    }
    return total;
  }

  /** One drain at a time per relay: a call while one runs shares its result. */
  let draining: Promise<number> | undefined;
  const drainOnce = () => {
    draining ??= drain().finally(() => {
      draining = undefined;
    });
    return draining;
  };

  const job = periodicJob({
    name: 'queue-events relay',
    intervalMs: options.intervalMs ?? 1000,
    run: drainOnce,
    logger,
    failureMessage: 'queue-events not published to Kafka yet; kept in Redis',
  });

  return {
    start: job.start,
    async stop() {
      await job.stop();
      await redis.urrQueueEventsRelease(leaseKey, holder).catch(() => undefined);
    },
    drainOnce,
  };
}
