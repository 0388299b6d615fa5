import type { Kafka } from 'kafkajs';

export interface EnsureTopicsOptions {
  /** Partitions of a topic this call creates. @default 3 */
  readonly numPartitions?: number;
}

/**
 * Creates the topics that do not exist yet (the outbox producer never auto-creates one). Safe to run from
 * every replica at start: a topic another process created meanwhile is left as it is.
 */
export async function ensureTopics(
  kafka: Kafka,
  names: readonly string[],
  options: EnsureTopicsOptions = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(names)].filter((name) => !existing.has(name));
    if (missing.length === 0) return;
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: options.numPartitions ?? 3 })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}
