import { randomUUID } from 'node:crypto';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { sql } from 'drizzle-orm';
import type { Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, withTransaction } from '../db/database.js';
import { captureLogs } from '../testing/log-capture.js';
import { prepareTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createKafka, createProducer } from './kafka-client.js';
import { enqueueOutbox } from './outbox.js';
import { registerOutboxMetrics } from './outbox-metrics.js';
import { createOutboxRelay } from './outbox-relay.js';

const migrationsFolder = new URL('../../db/migrations', import.meta.url).pathname;
const { logger, lines } = captureLogs('outbox-metrics-test');
let db: TestDatabase<Record<string, never>>;
let kafka: Kafka;
let producer: Producer;
let topic: string;

beforeAll(async () => {
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    migrationsFolder,
    isolated: true,
  });
  kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'outbox-metrics-test',
    logger,
  });
  topic = `outbox-metrics-test-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  producer = createProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  await db?.drop();
});

/** The outbox gauges as the registry exposes them to a scrape. */
async function scrape(registry: Registry) {
  const text = await registry.metrics();
  const value = (name: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };
  return { pending: value('outbox_pending_events'), age: value('outbox_oldest_pending_age_seconds') };
}

describe("the relay's outbox gauges, read from the real PostgreSQL", () => {
  it('report the unpublished events and the oldest one’s age, and fall to zero once the relay published them', async () => {
    const registry = new Registry();
    const relay = createOutboxRelay({ db: db.primary, producer, logger, registry });
    expect(await scrape(registry)).toEqual({ pending: 0, age: 0 });

    for (const key of ['a', 'b', 'c'])
      await withTransaction(db.primary, (tx) =>
        enqueueOutbox(tx, { topic, key, type: 'seat.reserved', payload: { key } }),
      );
    // The first event waited two minutes already: the age is the oldest one's, not the newest's.
    await db.primary.execute(
      sql`update outbox set created_at = now() - interval '120 seconds' where id = (select min(id) from outbox)`,
    );
    const waiting = await scrape(registry);
    expect(waiting.pending).toBe(3);
    expect(waiting.age).toBeGreaterThanOrEqual(120);
    expect(waiting.age).toBeLessThan(3600);

    expect(await relay.runOnce()).toBe(3);
    expect(await scrape(registry)).toEqual({ pending: 0, age: 0 });
  });

  it('keeps serving the rest of the metrics when the outbox cannot be read', async () => {
    const registry = new Registry();
    const broken = createDatabase({
      primaryUrl: localStackEndpoints().postgresUrl(`no_such_db_${randomUUID().replaceAll('-', '')}`),
      poolMax: 1,
    });
    try {
      registerOutboxMetrics({ db: broken.primary, registry, logger });
      expect(await scrape(registry)).toEqual({ pending: 0, age: 0 });
      expect(lines().some((line) => line.msg === 'outbox backlog not read for the metrics')).toBe(true);
    } finally {
      await broken.close();
    }
  });
});
