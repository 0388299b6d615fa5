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
        const from = Number(offset) < 0 ? Number(end.low) : Number(offset);
        lags.push({
          group: watch.groupId,
          topic,
          partition: String(partition),
          lag: Math.max(0, high - from),
        });
      }
    }
    return lags;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reports `kafka_consumer_group_lag` (messages behind, per group, topic and partition) on the registry,
 * read from the brokers at each scrape: the group's committed offsets, so every replica of a service
 * reports the same figure and a group with no running member still shows its backlog. Watching a group
 * again (a consumer made anew) replaces its topics. When the brokers cannot be asked, the last figures
 * stay and the failure is logged: the rest of the service's metrics are still served.
 */
export function watchConsumerLag(options: ConsumerLagOptions): void {
  const { registry, logger } = options;
  const readTimeoutMs = options.readTimeoutMs ?? 3000;
  const existing = watchedGroups.get(registry);
  const groups = existing ?? new Map<string, ConsumerLagWatch>();
  groups.set(options.groupId, { kafka: options.kafka, groupId: options.groupId, topics: options.topics });
  if (existing) return;
  watchedGroups.set(registry, groups);
  new Gauge({
    name: 'kafka_consumer_group_lag',
    help: "Messages in a partition the consumer group has not committed yet (high watermark minus the group's offset).",
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [registry],
    async collect() {
      const reading = Promise.all([...groups.values()].map(lagOf));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer from the brokers within ${readTimeoutMs} ms`)),
          readTimeoutMs,
        );
      });
      try {
        const lags = (await Promise.race([reading, timeout])).flat();
        this.reset();
        for (const { lag, ...labels } of lags) this.set(labels, lag);
      } catch (error) {
        // A read that outlived the deadline still ends (and disconnects) on its own.
        reading.catch(() => undefined);
        logger.warn({ err: error }, 'Kafka consumer lag not read for the metrics');
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
