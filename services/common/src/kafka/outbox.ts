import { sql } from 'drizzle-orm';
import type { DbClient } from '../db/database.js';
import { keptStatement } from '../db/kept-statement.js';
import { injectTraceHeaders } from '../tracing/tracing.js';
import { createEnvelope, type EventEnvelope, type NewEvent } from './event-envelope.js';
import { outbox } from './outbox-schema.js';

export interface OutboxEvent<Payload extends Record<string, unknown>> extends NewEvent<Payload> {
  readonly topic: string;
  /** Kafka message key; events with one key are published in the order they were enqueued. */
  readonly key: string;
}

const insertOutboxRow = keptStatement((db) =>
  db.insert(outbox).values({
    topic: sql.placeholder('topic'),
    key: sql.placeholder('key'),
    envelope: sql.placeholder('envelope'),
    headers: sql.placeholder('headers'),
  }),
);

/**
 * Records an event to publish, inside the caller's transaction: it is published if and only if that
 * transaction commits. Returns the envelope (its `id` is what consumers deduplicate on).
 */
export async function enqueueOutbox<Payload extends Record<string, unknown>>(
  tx: DbClient,
  event: OutboxEvent<Payload>,
): Promise<EventEnvelope<Payload>> {
  const envelope = createEnvelope(event);
  await insertOutboxRow(tx, { topic: event.topic, key: event.key, envelope, headers: injectTraceHeaders() });
  return envelope;
}
