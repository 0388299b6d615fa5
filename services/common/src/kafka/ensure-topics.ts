import kafkajs, { type Admin, type Kafka } from 'kafkajs';

// kafkajs is CommonJS: Node's ESM loader finds only some of its names as named exports.
const { ConfigResourceTypes, KafkaJSError } = kafkajs;

import type { Logger } from '../logging/logger.js';
import { topics } from './event-envelope.js';

/** How one topic is made: URR creates its topics itself, never through a broker's auto-create defaults. */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  /** `compact` keeps the newest message per key for ever (a topic that is a table, not a log). */
  readonly cleanupPolicy: 'delete' | 'compact';
}

/** Partitions of a topic URR does not list (a test's own topic, a renamed one from config). */
export const defaultPartitions = 3;

/** URR's topics. `catalog-events` is compacted: a new catalog replica rebuilds from each event's newest snapshot. */
export const topicSpecs: readonly TopicSpec[] = [
  { topic: topics.payment, partitions: 3, cleanupPolicy: 'delete' },
  { topic: topics.reservation, partitions: 3, cleanupPolicy: 'delete' },
  { topic: topics.transfer, partitions: 3, cleanupPolicy: 'delete' },
  { topic: topics.membership, partitions: 3, cleanupPolicy: 'delete' },
  { topic: topics.catalog, partitions: 3, cleanupPolicy: 'compact' },
  { topic: topics.waitingList, partitions: 3, cleanupPolicy: 'delete' },
  { topic: topics.queue, partitions: 3, cleanupPolicy: 'delete' },
];

/** The spec of a topic by name: URR's own, else {@link defaultPartitions} partitions, cleanup by time. */
export function topicSpecOf(topic: string): TopicSpec {
  return (
    topicSpecs.find((spec) => spec.topic === topic) ?? {
      topic,
      partitions: defaultPartitions,
      cleanupPolicy: 'delete',
    }
  );
}

export interface EnsureTopicsOptions {
  /**
   * Replicas of each topic this call creates (a service's KAFKA_REPLICATION_FACTOR). @default the
   * broker's `default.replication.factor`
   */
  readonly replicationFactor?: number | undefined;
  /** How long to wait for the broker to know every topic and give each partition a leader. @default 60_000 */
  readonly timeoutMs?: number;
  readonly logger?: Logger | undefined;
}

export class TopicsNotReadyError extends Error {
  override readonly name = 'TopicsNotReadyError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the topics that do not exist yet, sets `cleanup.policy` where it differs from the spec, and
 * returns once the broker serves every partition of every topic from a leader. Safe from every replica of
 * every service at once, whatever the order they start in: a topic another process created meanwhile is
 * taken as it is, and the broker's "not yet" answers (an unknown topic just after its creation, a leader
 * not elected yet, a broker still starting) are waited out, up to `timeoutMs`.
 */
export async function ensureTopics(
  kafka: Kafka,
  wanted: readonly (string | TopicSpec)[],
  options: EnsureTopicsOptions = {},
): Promise<void> {
  const specs = [
    ...new Map(
      wanted
        .map((entry) => (typeof entry === 'string' ? topicSpecOf(entry) : entry))
        .map((s) => [s.topic, s]),
    ).values(),
  ];
  if (specs.length === 0) return;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const admin = kafka.admin();
  let delayMs = 100;
  try {
    for (;;) {
      try {
        await admin.connect();
        await createMissing(admin, specs, options.replicationFactor);
        await alignCleanupPolicies(admin, specs, options.logger);
        const notReady = await topicsWithoutLeaders(admin, specs);
        if (notReady.length === 0) return;
        throw new TopicsNotReadyError(`no leader yet for every partition of ${notReady.join(', ')}`);
      } catch (error) {
        if (!isNotYet(error) || Date.now() + delayMs > deadline) throw error;
        options.logger?.info(
          { topics: specs.map((spec) => spec.topic), reason: (error as Error).message },
          'Kafka topics not ready yet; trying again',
        );
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, 2000);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Retriable Kafka errors and our own "not ready": what a starting broker or a new topic answers for a
 * while. kafkajs wraps them when its own retries ran out (`cause`) or when several requests failed
 * (`errors`).
 */
function isNotYet(error: unknown): boolean {
  if (error instanceof TopicsNotReadyError) return true;
  if (!(error instanceof KafkaJSError)) return false;
  const { cause, errors } = error as InstanceType<typeof KafkaJSError> & {
    cause?: unknown;
    errors?: unknown[];
  };
  if (error.retriable || (cause !== undefined && cause !== error && isNotYet(cause))) return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every(isNotYet);
}

async function createMissing(admin: Admin, specs: readonly TopicSpec[], replicationFactor?: number) {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length === 0) return;
  // A topic another process creates meanwhile answers TOPIC_ALREADY_EXISTS, which kafkajs treats as done.
  await admin.createTopics({
    waitForLeaders: false,
    topics: missing.map((spec) => ({
      topic: spec.topic,
      numPartitions: spec.partitions,
      replicationFactor: replicationFactor ?? -1,
      configEntries: [{ name: 'cleanup.policy', value: spec.cleanupPolicy }],
    })),
  });
}

/** A topic made before its spec said `compact` (by an older release, or auto-created) is brought in line. */
async function alignCleanupPolicies(admin: Admin, specs: readonly TopicSpec[], logger?: Logger) {
  const compacted = specs.filter((spec) => spec.cleanupPolicy === 'compact');
  if (compacted.length === 0) return;
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: compacted.map((spec) => ({
      type: ConfigResourceTypes.TOPIC,
      name: spec.topic,
      configNames: ['cleanup.policy'],
    })),
  });
  for (const resource of described.resources) {
    const policy = resource.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue;
    if (policy === 'compact') continue;
    logger?.warn({ topic: resource.resourceName, policy }, 'setting cleanup.policy=compact on the topic');
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: resource.resourceName,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
  }
}

async function topicsWithoutLeaders(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) });
  return specs
    .map((spec) => spec.topic)
    .filter((topic) => {
      const partitions = metadata.find((candidate) => candidate.name === topic)?.partitions ?? [];
      return partitions.length === 0 || partitions.some((partition) => partition.leader < 0);
    });
}
