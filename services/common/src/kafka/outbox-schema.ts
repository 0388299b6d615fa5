import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EventEnvelope } from './event-envelope.js';

/**
 * Tables every service that publishes or consumes Kafka events includes in its own drizzle schema
 * (`export { outbox, processedMessages } from '@urr/common/kafka/outbox-schema';`), so drizzle-kit puts
 * them in the service's migrations and they live in the service's own database.
 */

/** Events waiting to be published, written in the same transaction as the state change they report. */
export const outbox = pgTable(
  'outbox',
  {
    /** Publishing order. */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    /** Kafka message key: events with one key keep their order (e.g. a reservation id). */
    key: text('key').notNull(),
    envelope: jsonb('envelope').$type<EventEnvelope>().notNull(),
    /** Kafka headers, e.g. `traceparent` of the transaction that wrote the event. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (table) => [index('outbox_unpublished_idx').on(table.id).where(sql`${table.publishedAt} is null`)],
);

/** Message ids a consumer group has applied; a redelivered message finds its id here and is skipped. */
export const processedMessages = pgTable(
  'processed_messages',
  {
    consumerGroup: text('consumer_group').notNull(),
    messageId: uuid('message_id').notNull(),
    topic: text('topic').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.consumerGroup, table.messageId] })],
);
