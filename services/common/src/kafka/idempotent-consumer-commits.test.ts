import { randomUUID } from 'node:crypto';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { sql } from 'drizzle-orm';
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopic } from '../testing/kafka-test-topics.js';
import { captureLogs } from '../testing/log-capture.js';
import { prepareTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createIdempotentConsumer, type EventHandler } from './idempotent-consumer.js';
import { createKafka, createProducer } from './kafka-client.js';

// How the idempotent consumer commits its offsets (docs/adr/0063-offsets-committed-once-a-second.md).
const migrationsFolder = new URL('../../db/migrations', import.meta.url).pathname;
const { logger } = captureLogs('consumer-commits-test');
let db: TestDatabase<Record<string, never>>;
let kafka: Kafka;
let producer: Producer;

beforeAll(async () => {
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    migrationsFolder,
    isolated: true,
  });
  await db.primary.execute(sql`create table applied_events (message_id uuid primary key)`);
  kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'consumer-commits-test',
    logger,
  });
  producer = createProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await db?.drop();
});

const envelopeOf = () => ({
  id: randomUUID(),
  type: 'payment.completed',
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
  payload: { amount: 1 },
});

async function committedOffset(groupId: string, topic: string): Promise<string | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return committed?.partitions[0]?.offset;
  } finally {
    await admin.disconnect();
  }
}

const appliedCount = async () =>
  Number((await db.primary.execute(sql`select count(*)::int as count from applied_events`)).rows[0]?.count);

const recording =
  (seen: string[]): EventHandler =>
  async (tx, { envelope }) => {
    seen.push(envelope.id);
    await tx.execute(sql`insert into applied_events (message_id) values (${envelope.id})`);
  };

/** A consumer of `topic` for `groupId` that records the ids it applies in `seen`. */
const recordingConsumer = (groupId: string, topic: string, seen: string[], commitIntervalMs: number) =>
  createIdempotentConsumer({
    kafka,
    groupId,
    topics: [topic],
    db: db.primary,
    logger,
    commitIntervalMs,
    handle: recording(seen),
  });

const sendEvents = (topic: string, count: number) =>
  producer.send({
    topic,
    messages: Array.from({ length: count }, () => ({ key: 'k', value: JSON.stringify(envelopeOf()) })),
  });

const until = async (condition: () => Promise<boolean> | boolean, what: string) => {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('idempotent consumer offsets', () => {
  it('commits once per interval however many events trickle in, and stop commits the rest', async () => {
    await db.primary.execute(sql`truncate applied_events`);
    const topic = await createTestTopic(kafka, 1);
    const groupId = `commits-${randomUUID()}`;
    const seen: string[] = [];
    const consumer = recordingConsumer(groupId, topic, seen, 60_000);
    let commitRequests = 0;
    consumer.consumer.on(consumer.consumer.events.REQUEST, ({ payload }) => {
      if (payload.apiName === 'OffsetCommit') commitRequests++;
    });
    await consumer.start();
    // One event at a time, each fetched alone: kafkajs' own commits would make one request per event.
    for (let sent = 1; sent <= 12; sent++) {
      await sendEvents(topic, 1);
      await until(() => seen.length === sent, `event ${sent} applied`);
    }
    expect(commitRequests).toBe(0);
    expect(await committedOffset(groupId, topic)).toBe('-1');
    await consumer.stop();
    expect(commitRequests).toBe(1);
    expect(await committedOffset(groupId, topic)).toBe('12');
  });

  it('a consumer that dies before its commit: the next one is given the events again and applies none twice', async () => {
    await db.primary.execute(sql`truncate applied_events`);
    const topic = await createTestTopic(kafka, 1);
    const groupId = `commits-${randomUUID()}`;
    await sendEvents(topic, 20);
    const first: string[] = [];
    const dying = recordingConsumer(groupId, topic, first, 60_000);
    await dying.start();
    await until(() => first.length === 20, 'the first consumer applied all 20');
    // Leaves the group without the commit its stop would make, as a killed process does.
    await dying.consumer.disconnect();
    expect(await committedOffset(groupId, topic)).toBe('-1');

    const second: string[] = [];
    const next = recordingConsumer(groupId, topic, second, 100);
    await next.start();
    await until(
      async () => (await committedOffset(groupId, topic)) === '20',
      'the redelivered events committed',
    );
    await next.stop();
    expect(second).toEqual([]);
    expect(await appliedCount()).toBe(20);
  });

  it('a consumer started again after a stop goes on committing', async () => {
    await db.primary.execute(sql`truncate applied_events`);
    const topic = await createTestTopic(kafka, 1);
    const groupId = `commits-${randomUUID()}`;
    const seen: string[] = [];
    const consumer = recordingConsumer(groupId, topic, seen, 100);
    await sendEvents(topic, 3);
    await consumer.start();
    await until(() => seen.length === 3, 'the first three applied');
    await consumer.stop();
    await sendEvents(topic, 2);
    await consumer.start();
    await until(
      async () => (await committedOffset(groupId, topic)) === '5',
      'all five committed while running',
    );
    await consumer.stop();
    expect(seen).toHaveLength(5);
  });
});
