import type { Kafka } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logging/logger.js';

export interface ConsumerLagWatch {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface ConsumerLagOptions extends ConsumerLagWatch {
  readonly registry: Registry;
  readonly logger: Logger;
  /**
   * Longest a scrape waits for the brokers (kafkajs retries a refused connection for seconds); the first
   * watch of a registry sets it. @default 3000
   */
  readonly readTimeoutMs?: number;
}

interface PartitionLag {
  readonly group: string;
  readonly topic: string;
  readonly partition: string;
  /** The group's committed offset; where it starts (the log's start) when it has committed nothing. */
  readonly position: number;
  readonly lag: number;
}

/** The consumer groups each registry reports, keyed by group: one gauge per registry, however many consumers. */
const watchedGroups = new WeakMap<Registry, Map<string, ConsumerLagWatch>>();

/**
 * The lag of one group: per partition, the high watermark minus the group's committed offset (everything
 * the log still holds when the group has committed nothing yet, as a new group reads from the beginning).
 */
async function lagOf(watch: ConsumerLagWatch): Promise<PartitionLag[]> {
  // One attempt: a scrape must not wait out kafkajs' reconnect backoff.
  const admin = watch.kafka.admin({ retry: { retries: 0 } });
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId: watch.groupId, topics: [...watch.topics] });
    const lags: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = new Map(
        (await admin.fetchTopicOffsets(topic)).map((end) => [end.partition, end] as const),
      );
      for (const { partition, offset } of partitions) {
        const end = ends.get(partition);
        if (!end) continue;
        const high = Number(end.high);
        const position = Number(offset) < 0 ? Number(end.low) : Number(offset);
        lags.push({
          group: watch.groupId,
          topic,
          partition: String(partition),
          position,
          lag: Math.max(0, high - position),
        });
      }
    }
    return lags;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reports `kafka_consumer_group_lag` (messages behind, per group, topic and partition) and
 * `kafka_consumer_group_offset` (the committed offset: it stands still while a group makes no progress) on
 * the registry, read from the brokers at each scrape (one read serves both): the group's committed offsets,
 * so every replica of a service reports the same figures and a group with no running member still shows
 * its backlog. Watching a group again (a consumer made anew) replaces its topics. When the brokers cannot be
 * asked, the last figures stay and the failure is logged: the rest of the service's metrics are still served.
 */
export function watchConsumerLag(options: ConsumerLagOptions): void {
  const { registry, logger } = options;
  const readTimeoutMs = options.readTimeoutMs ?? 3000;
  const existing = watchedGroups.get(registry);
  const groups = existing ?? new Map<string, ConsumerLagWatch>();
  groups.set(options.groupId, { kafka: options.kafka, groupId: options.groupId, topics: options.topics });
  if (existing) return;
  watchedGroups.set(registry, groups);

  let reading: Promise<PartitionLag[] | undefined> | undefined;
  const read = () => {
    reading ??= withDeadline(Promise.all([...groups.values()].map(lagOf)), readTimeoutMs)
      .then(
        (lags) => lags.flat(),
        (error: unknown) => {
          logger.warn({ err: error }, 'Kafka consumer lag not read for the metrics');
          return undefined;
        },
      )
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const labelNames = ['group', 'topic', 'partition'] as const;
  new Gauge({
    name: 'kafka_consumer_group_lag',
    help: "Messages in a partition the consumer group has not committed yet (high watermark minus the group's offset).",
    labelNames,
    registers: [registry],
    async collect() {
      const lags = await read();
      if (!lags) return;
      this.reset();
      for (const { group, topic, partition, lag } of lags) this.set({ group, topic, partition }, lag);
    },
  });
  new Gauge({
    name: 'kafka_consumer_group_offset',
    help: "The consumer group's committed offset in a partition (the log's start before its first commit).",
    labelNames,
    registers: [registry],
    async collect() {
      const lags = await read();
      if (!lags) return;
      this.reset();
      for (const { group, topic, partition, position } of lags)
        this.set({ group, topic, partition }, position);
    },
  });
}

/** `work`, or a rejection after `ms`; work that outlives the deadline still ends (and disconnects) on its own. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the brokers within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
