import {
  createIdempotentConsumer,
  type IdempotentConsumer,
  type IdempotentConsumerOptions,
  type Kafka,
  type Logger,
  topics,
} from '@urr/common';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from '../db/schema.js';
import { createEventApplier } from './apply-event.js';

/** The four topics stats-service counts, and `queue-events` for the sale report. */
export const statsTopics = [
  topics.payment,
  topics.reservation,
  topics.transfer,
  topics.membership,
  topics.queue,
] as const;

export interface StatsConsumerOptions {
  readonly kafka: Kafka;
  readonly db: NodePgDatabase<typeof schema>;
  readonly logger: Logger;
  readonly groupId: string;
  /** @default {@link statsTopics}; tests pass their own. */
  readonly topics?: readonly string[];
  /** The service's registry, for the group's consumer lag. */
  readonly registry?: IdempotentConsumerOptions['registry'];
}

/** Applies every event of its topics once: figures and the processed message id commit together. */
export function createStatsConsumer(options: StatsConsumerOptions): IdempotentConsumer {
  return createIdempotentConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: options.topics ?? statsTopics,
    db: options.db,
    logger: options.logger,
    ...(options.registry ? { registry: options.registry } : {}),
    handle: createEventApplier(options.logger),
    // Only this consumer writes the figures, so a fetched batch applies in few transactions
    // (docs/adr/0053-a-projection-consumed-in-batches.md).
    eventsPerTransaction: 100,
  });
}
