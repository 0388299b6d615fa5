import {
  type ConsumerTransaction,
  createIdempotentConsumer,
  type DeliveredEvent,
  type IdempotentConsumer,
  type Kafka,
  type Logger,
  topics,
} from '@urr/common';
import { catalogEvents } from '@urr/common/events/domain-events';
import { eq, lt, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { artists, eventPerformances, events, eventVersions } from '../db/schema.js';
import { type EventSnapshot, eventRowOf, performanceRowsOf } from '../domain/event-snapshot.js';

export type ApplyOutcome = 'applied' | 'stale' | 'skipped';

/**
 * Moves the version gate to `version` unless the stored version is already as new; true when this
 * message is the newest the catalogue has seen of the event. The row lock it takes orders concurrent
 * messages of one event.
 */
async function claimVersion(
  tx: ConsumerTransaction,
  eventId: string,
  version: number,
  deleted: boolean,
): Promise<boolean> {
  const claimed = await tx
    .insert(eventVersions)
    .values({ eventId, version, deleted })
    .onConflictDoUpdate({
      target: eventVersions.eventId,
      set: { version, deleted, appliedAt: sql`now()` },
      setWhere: lt(eventVersions.version, version),
    })
    .returning({ eventId: eventVersions.eventId });
  return claimed.length > 0;
}

async function upsertEvent(tx: ConsumerTransaction, snapshot: EventSnapshot): Promise<void> {
  const row = { ...eventRowOf(snapshot), updatedAt: new Date() };
  const { eventId, ...changes } = row;
  await tx.insert(events).values(row).onConflictDoUpdate({ target: events.eventId, set: changes });
  await tx.delete(eventPerformances).where(eq(eventPerformances.eventId, eventId));
  const performances = performanceRowsOf(snapshot);
  if (performances.length > 0)
    await tx
      .insert(eventPerformances)
      .values(performances.map((performance) => ({ eventId, ...performance })));
  await tx
    .insert(artists)
    .values({ artistId: snapshot.artist.id, name: snapshot.artist.name })
    .onConflictDoUpdate({
      target: artists.artistId,
      set: { name: snapshot.artist.name, updatedAt: sql`now()` },
    });
}

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
    await tx.delete(events).where(eq(events.eventId, parsed.data.eventId));
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
    handle: async (tx, event) => {
      const outcome = await applyCatalogEvent(tx, event, logger);
      logger.debug({ messageId: event.envelope.id, type: event.envelope.type, outcome }, 'catalog event');
    },
  });
}
