import {
  type ConsumerTransaction,
  createIdempotentConsumer,
  type DeliveredEvent,
  type IdempotentConsumer,
  type IdempotentConsumerOptions,
  type Kafka,
  type Logger,
  topics,
} from '@urr/common';
import { catalogEvents } from '@urr/common/events/domain-events';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { claimVersion, deleteEvent, upsertEvent } from '../db/event-projection-store.js';

export type ApplyOutcome = 'applied' | 'stale' | 'skipped';

/**
 * Applies one catalog-events message to the read model inside the consumer's transaction. A snapshot or
 * deletion older than what is stored is dropped. A message of an unknown type or with a payload that
 * breaks the contract can never apply, so it is logged and skipped rather than blocking the partition.
 */
export async function applyCatalogEvent(
  tx: ConsumerTransaction,
  { envelope }: Pick<DeliveredEvent, 'envelope'>,
  logger: Logger,
): Promise<ApplyOutcome> {
  const context = { messageId: envelope.id, type: envelope.type };
  if (envelope.type === 'event.upserted') {
    const parsed = catalogEvents['event.upserted'].safeParse(envelope.payload);
    if (!parsed.success) {
      logger.error(
        { ...context, issues: parsed.error.issues },
        'skipping a catalog event that breaks its contract',
      );
      return 'skipped';
    }
    const snapshot = parsed.data;
    if (!(await claimVersion(tx, snapshot.eventId, snapshot.version, false))) return 'stale';
    await upsertEvent(tx, snapshot);
    return 'applied';
  }
  if (envelope.type === 'event.deleted') {
    const parsed = catalogEvents['event.deleted'].safeParse(envelope.payload);
    if (!parsed.success) {
      logger.error(
        { ...context, issues: parsed.error.issues },
        'skipping a catalog event that breaks its contract',
      );
      return 'skipped';
    }
    if (!(await claimVersion(tx, parsed.data.eventId, parsed.data.version, true))) return 'stale';
    await deleteEvent(tx, parsed.data.eventId);
    return 'applied';
  }
  logger.warn(context, 'skipping a catalog event of an unknown type');
  return 'skipped';
}

export interface CatalogConsumerOptions {
  readonly kafka: Kafka;
  // biome-ignore lint/suspicious/noExplicitAny: the service schema
  readonly db: NodePgDatabase<any>;
  readonly logger: Logger;
  /** @default 'catalog-events' */
  readonly topic?: string;
  /** @default 'catalog-service' */
  readonly groupId?: string;
  /** The service's registry, for the group's consumer lag. */
  readonly registry?: IdempotentConsumerOptions['registry'];
}

/** Follows ticket-service's event changes (docs/adr/0004): every message applied once, newest version wins. */
export function createCatalogConsumer(options: CatalogConsumerOptions): IdempotentConsumer {
  const { logger } = options;
  return createIdempotentConsumer({
    kafka: options.kafka,
    groupId: options.groupId ?? 'catalog-service',
    topics: [options.topic ?? topics.catalog],
    db: options.db,
    logger,
    ...(options.registry ? { registry: options.registry } : {}),
    handle: async (tx, event) => {
      const outcome = await applyCatalogEvent(tx, event, logger);
      logger.debug({ messageId: event.envelope.id, type: event.envelope.type, outcome }, 'catalog event');
    },
  });
}
