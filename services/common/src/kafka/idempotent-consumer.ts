import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { Registry } from 'prom-client';
import { withTransaction } from '../db/database.js';
import { keptStatement } from '../db/kept-statement.js';
import type { Logger } from '../logging/logger.js';
import { SpanKind, withSpan } from '../tracing/tracing.js';
import { watchConsumerLag } from './consumer-lag.js';
import { type EnsureTopicsOptions, ensureTopics } from './ensure-topics.js';
import { type EventEnvelope, eventEnvelopeSchema } from './event-envelope.js';
import { createOffsetCommitter } from './offset-committer.js';
import { processedMessages } from './outbox-schema.js';

// biome-ignore lint/suspicious/noExplicitAny: any service schema
type AnyDatabase = NodePgDatabase<any>;
export type ConsumerTransaction = Parameters<Parameters<AnyDatabase['transaction']>[0]>[0];

export interface DeliveredEvent {
  readonly topic: string;
  readonly envelope: EventEnvelope;
}

/**
 * Work for after the transaction committed, such as releasing a Redis lock that the committed state no
 * longer needs. It runs once, is not retried (a redelivery finds the message applied), so it catches
 * its own errors.
 */
export type AfterCommit = () => Promise<void>;

/**
 * Applies an event's effects with `tx`; everything it writes commits together with the processed-id
 * record. It may return {@link AfterCommit} work.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: handlers that return nothing (`async () => {}`) must fit
export type EventHandler = (tx: ConsumerTransaction, event: DeliveredEvent) => Promise<void | AfterCommit>;

export type ApplyResult = 'applied' | 'duplicate';

const recordProcessedMessage = keptStatement((db) =>
  db
    .insert(processedMessages)
    .values({
      consumerGroup: sql.placeholder('consumerGroup'),
      messageId: sql.placeholder('messageId'),
      topic: sql.placeholder('topic'),
    })
    .onConflictDoNothing()
    .returning({ messageId: processedMessages.messageId }),
);

/**
 * Records the message id and runs the handler in ONE transaction: a redelivered message finds its id
 * and is skipped; a failing handler rolls the id back, so the redelivery applies it. The handler's
 * after-commit work runs once the transaction committed.
 */
export async function applyOnce(
  db: AnyDatabase,
  consumerGroup: string,
  event: DeliveredEvent,
  handle: EventHandler,
): Promise<ApplyResult> {
  const { result, afterCommit } = await withTransaction(db, async (tx) => {
    const recorded = await recordProcessedMessage(tx, {
      consumerGroup,
      messageId: event.envelope.id,
      topic: event.topic,
    });
    if (recorded.length === 0) return { result: 'duplicate' as const, afterCommit: undefined };
    return { result: 'applied' as const, afterCommit: (await handle(tx, event)) ?? undefined };
  });
  if (afterCommit) await afterCommit();
  return result;
}

export interface BatchApplyResult {
  readonly applied: number;
  readonly duplicates: number;
}

/**
 * {@link applyOnce} for several events in ONE transaction: their ids are recorded in one statement and the
 * handler runs, in order, for those not recorded before (an id twice in the batch applies once). Any
 * failure rolls the whole batch back, ids included, so its redelivery applies it. After-commit work runs
 * once the batch committed, in order. For a projection that only its consumer writes: locks a handler
 * takes are held until the batch ends (docs/adr/0053-a-projection-consumed-in-batches.md).
 */
export async function applyBatchOnce(
  db: AnyDatabase,
  consumerGroup: string,
  events: readonly DeliveredEvent[],
  handle: EventHandler,
): Promise<BatchApplyResult> {
  if (events.length === 0) return { applied: 0, duplicates: 0 };
  const { applied, afterCommits } = await withTransaction(db, async (tx) => {
    const recorded = await tx
      .insert(processedMessages)
      .values(events.map((event) => ({ consumerGroup, messageId: event.envelope.id, topic: event.topic })))
      .onConflictDoNothing()
      .returning({ messageId: processedMessages.messageId });
    const fresh = new Set(recorded.map((row) => row.messageId));
    const afterCommits: AfterCommit[] = [];
    for (const event of events) {
      if (!fresh.delete(event.envelope.id)) continue;
      const afterCommit = await handle(tx, event);
      if (afterCommit) afterCommits.push(afterCommit);
    }
    return { applied: recorded.length, afterCommits };
  });
  for (const afterCommit of afterCommits) await afterCommit();
  return { applied, duplicates: events.length - applied };
}

export interface IdempotentConsumerOptions {
  readonly kafka: Kafka;
  /** Kafka consumer group, and the key under which applied message ids are recorded. */
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly db: AnyDatabase;
  readonly handle: EventHandler;
  readonly logger: Logger;
  /** Where a new group starts. @default true (events published before the first start are applied) */
  readonly fromBeginning?: boolean;
  /** How `start` makes topics that do not exist yet (see {@link ensureTopics}). */
  readonly topicOptions?: Omit<EnsureTopicsOptions, 'logger'>;
  /** Reports the group's `kafka_consumer_group_lag` here (see {@link watchConsumerLag}). */
  readonly registry?: Registry;
  /**
   * Applies up to this many of a fetched batch's events per transaction ({@link applyBatchOnce}) instead
   * of one transaction per event. Only for a consumer whose handler's writes no one else makes.
   * @default 1 (one event per transaction)
   */
  readonly eventsPerTransaction?: number;
  /**
   * The longest an applied event waits for its offset to be committed (see {@link createOffsetCommitter}).
   * @default 1000
   */
  readonly commitIntervalMs?: number;
}

export interface IdempotentConsumer {
  readonly consumer: Consumer;
  /**
   * Creates its topics if they do not exist yet (or waits until the broker serves them), then connects,
   * subscribes and starts consuming; resolves once running. Whatever started first, the producer or
   * this consumer, it does not fail on a topic that is not there yet.
   */
  readonly start: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) carrier[name] = first.toString();
  }
  return carrier;
}

/**
 * Consumes `topics` and applies each event once per consumer group, continuing the producer's trace.
 * A message that is not an event envelope is logged and skipped (it can never succeed); a handler error
 * is retried by kafkajs (the offset is not committed).
 */
export function createIdempotentConsumer(options: IdempotentConsumerOptions): IdempotentConsumer {
  const { kafka, groupId, db, handle, logger } = options;
  // Topics come from ensureTopics with their spec, never from a broker's auto-create defaults.
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const committer = () =>
    createOffsetCommitter({
      commit: (partitions) => consumer.commitOffsets(partitions),
      intervalMs: options.commitIntervalMs ?? 1000,
      logger,
    });
  // Made anew by each start: a stopped committer schedules nothing.
  let offsets = committer();
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => offsets.keepOnly(payload.memberAssignment));
  if (options.registry)
    watchConsumerLag({ kafka, groupId, topics: options.topics, registry: options.registry, logger });
  return {
    consumer,
    start: async () => {
      offsets = committer();
      await ensureTopics(kafka, options.topics, { ...options.topicOptions, logger });
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      const envelopeOf = (topic: string, partition: number, message: KafkaMessage) => {
        const parsed = eventEnvelopeSchema.safeParse(
          (() => {
            try {
              return JSON.parse(message.value?.toString() ?? '');
            } catch {
              return undefined;
            }
          })(),
        );
        if (parsed.success) return parsed.data;
        logger.error(
          { topic, partition, offset: message.offset },
          'skipping a message that is not an event envelope',
        );
        return undefined;
      };
      const eventsPerTransaction = options.eventsPerTransaction ?? 1;
      if (eventsPerTransaction > 1) {
        await consumer.run({
          autoCommit: false,
          // Offsets are resolved as each transaction commits: a batch left early (a rebalance, a stop)
          // must not count its unapplied rest as done.
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
            const { topic, partition } = batch;
            for (let start = 0; start < batch.messages.length; start += eventsPerTransaction) {
              if (!isRunning() || isStale()) return;
              const chunk = batch.messages.slice(start, start + eventsPerTransaction);
              const events: DeliveredEvent[] = [];
              for (const message of chunk) {
                const envelope = envelopeOf(topic, partition, message);
                if (envelope) events.push({ topic, envelope });
              }
              await withSpan(
                `${topic} process`,
                {
                  kind: SpanKind.CONSUMER,
                  attributes: {
                    'messaging.destination.name': topic,
                    'messaging.batch.message_count': String(events.length),
                  },
                },
                async () => {
                  const result = await applyBatchOnce(db, groupId, events, handle);
                  logger.debug({ topic, partition, ...result }, 'events consumed');
                },
              );
              const last = chunk[chunk.length - 1]!.offset;
              resolveOffset(last);
              offsets.applied(topic, partition, last);
              await heartbeat();
            }
          },
        });
        return;
      }
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const envelope = envelopeOf(topic, partition, message);
          if (!envelope) {
            offsets.applied(topic, partition, message.offset);
            return;
          }
          await withSpan(
            `${topic} process`,
            {
              kind: SpanKind.CONSUMER,
              carrier: headersOf(message.headers),
              attributes: { 'messaging.destination.name': topic },
            },
            async () => {
              const result = await applyOnce(db, groupId, { topic, envelope }, handle);
              logger.debug({ topic, messageId: envelope.id, type: envelope.type, result }, 'event consumed');
            },
          );
          offsets.applied(topic, partition, message.offset);
        },
      });
    },
    stop: async () => {
      await offsets.stop();
      await consumer.disconnect();
    },
  };
}
