import { randomUUID } from 'node:crypto';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { eq, sql } from 'drizzle-orm';
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../db/database.js';
import { createTestTopic, readTestTopic } from '../testing/kafka-test-topics.js';
import { captureLogs } from '../testing/log-capture.js';
import { prepareTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { EventEnvelope } from './event-envelope.js';
import { applyBatchOnce, applyOnce, createIdempotentConsumer } from './idempotent-consumer.js';
import { createKafka, createProducer } from './kafka-client.js';
import { enqueueOutbox } from './outbox.js';
import { createOutboxRelay } from './outbox-relay.js';
import { outbox } from './outbox-schema.js';

const migrationsFolder = new URL('../../db/migrations', import.meta.url).pathname;
const { logger } = captureLogs('kafka-test');
let db: TestDatabase<Record<string, never>>;
let kafka: Kafka;
let producer: Producer;

const createTopic = (partitions = 1) => createTestTopic(kafka, partitions);
const readTopic = (topic: string, count: number) => readTestTopic(kafka, topic, count);

beforeAll(async () => {
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    migrationsFolder,
    isolated: true,
  });
  await db.primary.execute(
    sql`create table applied_payments (message_id uuid primary key, amount int not null)`,
  );
  kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'common-test', logger });
  producer = createProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await db?.drop();
});

describe('transactional outbox', () => {
  it('keeps an event only when the transaction that wrote it commits', async () => {
    const key = randomUUID();
    await expect(
      withTransaction(db.primary, async (tx) => {
        await enqueueOutbox(tx, { topic: 't', key, type: 'reservation.created', payload: { seat: 'A1' } });
        throw new Error('seat insert failed');
      }),
    ).rejects.toThrow('seat insert failed');
    expect(await db.primary.select().from(outbox).where(eq(outbox.key, key))).toEqual([]);
  });

  it('the relay publishes unpublished rows in order, with the envelope, and marks them published', async () => {
    const topic = await createTopic();
    const key = randomUUID();
    const envelopes = await withTransaction(db.primary, async (tx) => {
      const written: EventEnvelope[] = [];
      for (let step = 0; step < 5; step++)
        written.push(await enqueueOutbox(tx, { topic, key, type: 'reservation.step', payload: { step } }));
      return written;
    });
    const relay = createOutboxRelay({ db: db.primary, producer, logger });
    let published = 0;
    for (let round = 0; round < 5 && published < 5; round++) published += await relay.runOnce();
    expect(published).toBeGreaterThanOrEqual(5);

    const messages = await readTopic(topic, 5);
    expect(messages.map((message) => message.envelope)).toEqual(envelopes);
    expect(messages[0]?.key).toBe(key);
    expect(messages[0]?.headers).toMatchObject({
      'message-id': envelopes[0]?.id,
      'event-type': 'reservation.step',
    });
    expect(envelopes[0]).toMatchObject({ schemaVersion: 1, type: 'reservation.step', payload: { step: 0 } });

    const rows = await db.primary.select().from(outbox).where(eq(outbox.key, key));
    expect(rows.every((row) => row.publishedAt instanceof Date)).toBe(true);
  });

  it('two relays running at once publish every event exactly once and keep each key in order', async () => {
    const topic = await createTopic(3);
    const keys = Array.from({ length: 4 }, () => randomUUID());
    const total = 120;
    for (let index = 0; index < total; index += 10)
      await withTransaction(db.primary, async (tx) => {
        for (let offset = 0; offset < 10; offset++) {
          const sequence = index + offset;
          await enqueueOutbox(tx, {
            topic,
            key: keys[sequence % keys.length]!,
            type: 'seq',
            payload: { sequence },
          });
        }
      });
    const relays = [1, 2].map(() => createOutboxRelay({ db: db.primary, producer, logger, batchSize: 7 }));
    const drain = async (relay: (typeof relays)[number]) => {
      for (let idle = 0; idle < 3; ) idle = (await relay.runOnce()) === 0 ? idle + 1 : 0;
    };
    await Promise.all(relays.map(drain));

    const messages = await readTopic(topic, total);
    const sequences = messages.map((message) => message.envelope.payload.sequence as number);
    expect(new Set(sequences).size).toBe(total);
    expect(sequences).toHaveLength(total);
    for (const key of keys) {
      const ofKey = messages
        .filter((message) => message.key === key)
        .map((m) => m.envelope.payload.sequence as number);
      expect(ofKey).toEqual([...ofKey].sort((a, b) => a - b));
    }
  });

  it('a send that fails leaves its batch unpublished, and the next run publishes it once', async () => {
    const topic = await createTopic();
    const key = randomUUID();
    await withTransaction(db.primary, async (tx) => {
      for (let step = 0; step < 3; step++)
        await enqueueOutbox(tx, { topic, key, type: 'reservation.step', payload: { step } });
    });
    const brokerDown = {
      sendBatch: async () => {
        throw new Error('broker unreachable');
      },
    } as unknown as Producer;
    await expect(
      createOutboxRelay({ db: db.primary, producer: brokerDown, logger }).runOnce(),
    ).rejects.toThrow('broker unreachable');
    const unpublished = await db.primary.select().from(outbox).where(eq(outbox.key, key));
    expect(unpublished.map((row) => row.publishedAt)).toEqual([null, null, null]);

    const relay = createOutboxRelay({ db: db.primary, producer, logger });
    while ((await relay.runOnce()) > 0);
    const messages = await readTopic(topic, 3);
    expect(messages.map((message) => message.envelope.payload.step)).toEqual([0, 1, 2]);
  });

  it("holds back a key whose earlier row another relay holds, and publishes the other keys' rows", async () => {
    const topic = await createTopic();
    const [held, free] = [randomUUID(), randomUUID()];
    for (const step of [0, 1])
      for (const key of [held, free])
        await withTransaction(db.primary, (tx) =>
          enqueueOutbox(tx, { topic, key, type: 'reservation.step', payload: { step } }),
        );
    const first = await db.primary
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.key, held))
      .orderBy(outbox.id)
      .limit(1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // Another relay's batch: the held key's first row, locked until it lets go.
    const otherRelay = withTransaction(db.primary, async (tx) => {
      await tx.execute(sql`select id from outbox where id = ${first[0]!.id} for update`);
      locked();
      await released;
    });
    await isLocked;
    const relay = createOutboxRelay({ db: db.primary, producer, logger });
    while ((await relay.runOnce()) > 0);
    const rows = await db.primary
      .select()
      .from(outbox)
      .where(sql`${outbox.key} in (${held}, ${free})`)
      .orderBy(outbox.id);
    const published = (key: string) =>
      rows.filter((row) => row.key === key).map((row) => row.publishedAt !== null);
    expect(published(free)).toEqual([true, true]);
    expect(published(held)).toEqual([false, false]);

    release();
    await otherRelay;
    while ((await relay.runOnce()) > 0);
    const messages = await readTopic(topic, 4);
    const stepsOf = (key: string) =>
      messages.filter((message) => message.key === key).map((message) => message.envelope.payload.step);
    expect(stepsOf(free)).toEqual([0, 1]);
    expect(stepsOf(held)).toEqual([0, 1]);
  });

  it('a started relay publishes events as their transactions commit, and stops cleanly', async () => {
    const topic = await createTopic();
    const relay = createOutboxRelay({ db: db.primary, producer, logger, pollIntervalMs: 50 });
    relay.start();
    const envelope = await withTransaction(db.primary, (tx) =>
      enqueueOutbox(tx, {
        topic,
        key: randomUUID(),
        type: 'transfer.requested',
        payload: { ticketId: 't-1' },
      }),
    );
    const [message] = await readTopic(topic, 1);
    await relay.stop();
    expect(message?.envelope).toEqual(envelope);
  });
});

/** Waits (up to 60 s) until the group's committed offset on the topic's one partition is `offset`. */
async function committedPast(groupId: string, topic: string, offset: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    if (committed?.partitions[0]?.offset === offset) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await admin.disconnect();
}

describe('idempotent consumer', () => {
  const applyPayment = async (
    tx: Parameters<Parameters<typeof applyOnce>[3]>[0],
    { envelope }: { envelope: EventEnvelope },
  ) => {
    await tx.execute(
      sql`insert into applied_payments (message_id, amount) values (${envelope.id}, ${envelope.payload.amount as number})`,
    );
  };
  const appliedCount = async (messageId: string) =>
    (
      await db.primary.execute(
        sql`select count(*)::int as count from applied_payments where message_id = ${messageId}`,
      )
    ).rows[0];

  it('applies a message delivered twice through Kafka once', async () => {
    const topic = await createTopic();
    const groupId = `payments-${randomUUID()}`;
    const envelope = await withTransaction(db.primary, (tx) =>
      enqueueOutbox(tx, { topic, key: 'order-1', type: 'payment.completed', payload: { amount: 5000 } }),
    );
    // The relay publishes it; a crash before marking it published would publish it again: simulate that.
    const relay = createOutboxRelay({ db: db.primary, producer, logger });
    while ((await relay.runOnce()) > 0);
    await producer.send({ topic, messages: [{ key: 'order-1', value: JSON.stringify(envelope) }] });
    await producer.send({ topic, messages: [{ key: 'order-1', value: 'not an envelope' }] });

    const outcomes: string[] = [];
    const consumerLogs = captureLogs('payments-consumer');
    const consumer = createIdempotentConsumer({
      kafka,
      groupId,
      topics: [topic],
      db: db.primary,
      logger: consumerLogs.logger,
      handle: async (tx, event) => {
        outcomes.push(event.envelope.id);
        await applyPayment(tx, event);
      },
    });
    await consumer.start();
    // Wait until the group has committed past all three messages (the original, the duplicate, the junk).
    await committedPast(groupId, topic, '3');
    await consumer.stop();
    expect(await appliedCount(envelope.id)).toEqual({ count: 1 });
    expect(outcomes).toEqual([envelope.id]);
    expect(
      consumerLogs.lines().some((line) => line.msg === 'skipping a message that is not an event envelope'),
    ).toBe(true);
  });

  it('a failed handler rolls back the processed mark, so the redelivery applies the message', async () => {
    const groupId = `payments-${randomUUID()}`;
    const envelope = {
      id: randomUUID(),
      type: 'payment.completed',
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      payload: { amount: 7 },
    };
    const event = { topic: 'payment-events', envelope };
    await expect(
      applyOnce(db.primary, groupId, event, async (tx, delivered) => {
        await applyPayment(tx, delivered);
        throw new Error('stats store down');
      }),
    ).rejects.toThrow('stats store down');
    expect(await appliedCount(envelope.id)).toEqual({ count: 0 });
    expect(await applyOnce(db.primary, groupId, event, applyPayment)).toBe('applied');
    expect(await applyOnce(db.primary, groupId, event, applyPayment)).toBe('duplicate');
    expect(await applyOnce(db.primary, `other-${groupId}`, event, async () => {})).toBe('applied');
    expect(await appliedCount(envelope.id)).toEqual({ count: 1 });
  });

  const paymentEvent = (amount: number) => ({
    topic: 'payment-events',
    envelope: {
      id: randomUUID(),
      type: 'payment.completed',
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      payload: { amount },
    },
  });

  it('applies a batch in one transaction: each id once, even twice in the batch or applied before; a failure anywhere rolls it all back', async () => {
    const groupId = `payments-${randomUUID()}`;
    const [first, second, third] = [paymentEvent(1), paymentEvent(2), paymentEvent(3)];
    expect(await applyOnce(db.primary, groupId, first, applyPayment)).toBe('applied');

    const failing = applyBatchOnce(db.primary, groupId, [second, third], async (tx, delivered) => {
      await applyPayment(tx, delivered);
      if (delivered.envelope.id === third.envelope.id) throw new Error('stats store down');
    });
    await expect(failing).rejects.toThrow('stats store down');
    expect(await appliedCount(second.envelope.id)).toEqual({ count: 0 });

    const order: string[] = [];
    const result = await applyBatchOnce(
      db.primary,
      groupId,
      [first, second, second, third],
      async (tx, delivered) => {
        order.push(delivered.envelope.id);
        await applyPayment(tx, delivered);
        return async () => {
          order.push(`after ${delivered.envelope.id}`);
        };
      },
    );
    expect(result).toEqual({ applied: 2, duplicates: 2 });
    expect(order).toEqual([
      second.envelope.id,
      third.envelope.id,
      `after ${second.envelope.id}`,
      `after ${third.envelope.id}`,
    ]);
    for (const event of [first, second, third])
      expect(await appliedCount(event.envelope.id)).toEqual({ count: 1 });
  });

  it('a consumer in batches applies each event once, skips junk, and a failed batch is fetched again whole', async () => {
    const topic = await createTopic();
    const groupId = `payments-${randomUUID()}`;
    const events = Array.from({ length: 25 }, (_, index) => paymentEvent(index + 1));
    await producer.send({
      topic,
      messages: [
        ...events.map((event) => ({ key: 'order', value: JSON.stringify(event.envelope) })),
        { key: 'order', value: 'not an envelope' },
        // A republished event (a relay that crashed before marking it published).
        { key: 'order', value: JSON.stringify(events[3]!.envelope) },
      ],
    });
    let failuresLeft = 1;
    const seen: string[] = [];
    const consumer = createIdempotentConsumer({
      kafka,
      groupId,
      topics: [topic],
      db: db.primary,
      logger,
      eventsPerTransaction: 10,
      handle: async (tx, event) => {
        await applyPayment(tx, event);
        seen.push(event.envelope.id);
        if (event.envelope.id === events[14]!.envelope.id && failuresLeft-- > 0)
          throw new Error('database hiccup');
      },
    });
    await consumer.start();
    await committedPast(groupId, topic, '27');
    await consumer.stop();
    for (const event of events) expect(await appliedCount(event.envelope.id)).toEqual({ count: 1 });
    // The failed transaction (events 10 to 19) ran its handler up to the failure, then all ten again.
    expect(seen.length).toBe(25 + 5);
  });

  it("runs the handler's after-commit work once the writes are visible, and not for a duplicate", async () => {
    const groupId = `payments-${randomUUID()}`;
    const envelope = {
      id: randomUUID(),
      type: 'payment.completed',
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      payload: { amount: 9 },
    };
    const seenAfterCommit: unknown[] = [];
    const handle = async (tx: Parameters<typeof applyPayment>[0], delivered: { envelope: EventEnvelope }) => {
      await applyPayment(tx, delivered);
      return async () => {
        seenAfterCommit.push(await appliedCount(envelope.id));
      };
    };
    const event = { topic: 'payment-events', envelope };
    expect(await applyOnce(db.primary, groupId, event, handle)).toBe('applied');
    expect(await applyOnce(db.primary, groupId, event, handle)).toBe('duplicate');
    expect(seenAfterCommit).toEqual([{ count: 1 }]);
  });
});
