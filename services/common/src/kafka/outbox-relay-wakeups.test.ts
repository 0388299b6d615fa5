import { randomUUID } from 'node:crypto';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { sql } from 'drizzle-orm';
import type { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../db/database.js';
import { createTestTopic, readTestTopic } from '../testing/kafka-test-topics.js';
import { captureLogs } from '../testing/log-capture.js';
import { prepareTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createKafka, createProducer } from './kafka-client.js';
import { enqueueOutbox } from './outbox.js';
import { outboxWrittenChannel, startOutboxRelay } from './outbox-relay.js';

// Notifications reach every listener of the database: these tests use one that no service writes to, so
// that nothing but their own commits wakes the relay.
const databaseName = 'outbox_wakeups_test';
const databaseUrl = localStackEndpoints().postgresUrl(databaseName);
const migrationsFolder = new URL('../../db/migrations', import.meta.url).pathname;
/** Longer than any test here waits: a relay that publishes in time was woken by a commit, not by its poll. */
const neverPolls = 10 * 60_000;
const { logger } = captureLogs('outbox-wakeups-test');
let db: TestDatabase<Record<string, never>>;
let kafka: Kafka;
let producer: Producer;

const createTopic = () => createTestTopic(kafka);
const readTopic = (topic: string, count: number) => readTestTopic(kafka, topic, count);

async function createDatabaseOnce(): Promise<void> {
  const admin = new Client({ connectionString: localStackEndpoints().postgresUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`create database ${databaseName}`);
  } catch (error) {
    // 42P04: it exists; 23505: another run created it at the same moment.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  await createDatabaseOnce();
  db = await prepareTestDatabase({ url: databaseUrl, migrationsFolder, isolated: true });
  kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'common-test', logger });
  producer = createProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await db?.drop();
});

const writeEvent = (topic: string, sequence: number) =>
  withTransaction(db.primary, (tx) =>
    enqueueOutbox(tx, { topic, key: randomUUID(), type: 'seq', payload: { sequence } }),
  );

const listenerPids = async (): Promise<Set<number>> => {
  const { rows } = await db.primary.execute<{ pid: number }>(
    sql`select pid from pg_stat_activity where query = ${`LISTEN ${outboxWrittenChannel}`}`,
  );
  return new Set(rows.map((row) => row.pid));
};

/** The pid of a listening connection not in `known` (the relay LISTENs in the background); others may listen too. */
async function newListener(known: ReadonlySet<number>): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const fresh = [...(await listenerPids())].find((pid) => !known.has(pid));
    if (fresh !== undefined) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the relay never listened');
}

const startRelay = async (options: { minGapMs?: number } = {}) => {
  const known = await listenerPids();
  const relay = startOutboxRelay({
    db: db.primary,
    databaseUrl,
    producer,
    logger,
    fallbackPollMs: neverPolls,
    ...options,
  });
  return { relay, pid: await newListener(known) };
};

describe('outbox relay woken by commits', () => {
  it('publishes an event committed while it sleeps, long before its fallback poll', async () => {
    const topic = await createTopic();
    // The first event goes out with the relay's first run; once it is in Kafka the relay has drained and sleeps.
    const first = await writeEvent(topic, 1);
    const { relay } = await startRelay();
    await readTopic(topic, 1);
    const second = await writeEvent(topic, 2);
    const messages = await readTopic(topic, 2);
    await relay.stop();
    expect(messages.map((message) => message.envelope)).toEqual([first, second]);
  });

  it('misses no commit that lands while a run is publishing: 60 writers racing the relay', async () => {
    const topic = await createTopic();
    const { relay } = await startRelay({ minGapMs: 0 });
    await Promise.all(
      Array.from({ length: 60 }, async (_, sequence) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1500));
        await writeEvent(topic, sequence);
      }),
    );
    const messages = await readTopic(topic, 60);
    await relay.stop();
    expect(new Set(messages.map((message) => message.envelope.payload.sequence)).size).toBe(60);
  });

  it('runs again for a commit that landed after its read, while it was still publishing', async () => {
    const topic = await createTopic();
    let reachedSend: () => void = () => {};
    const sending = new Promise<void>((resolve) => {
      reachedSend = resolve;
    });
    let letSendGo: () => void = () => {};
    const sendMayGo = new Promise<void>((resolve) => {
      letSendGo = resolve;
    });
    const heldFirstSend: Producer = {
      ...producer,
      sendBatch: async (batch) => {
        reachedSend();
        await sendMayGo;
        return producer.sendBatch(batch);
      },
    };
    const first = await writeEvent(topic, 1);
    const known = await listenerPids();
    const relay = startOutboxRelay({
      db: db.primary,
      databaseUrl,
      producer: heldFirstSend,
      logger,
      fallbackPollMs: neverPolls,
    });
    await newListener(known);
    await sending;
    const second = await writeEvent(topic, 2);
    letSendGo();
    const messages = await readTopic(topic, 2);
    await relay.stop();
    expect(messages.map((message) => message.envelope)).toEqual([first, second]);
  });

  it('still publishes after its listening connection was killed', async () => {
    const topic = await createTopic();
    const { relay, pid } = await startRelay();
    const known = await listenerPids();
    await db.primary.execute(sql`select pg_terminate_backend(${pid})`);
    const before = await writeEvent(topic, 1);
    await newListener(known);
    const after = await writeEvent(topic, 2);
    const messages = await readTopic(topic, 2);
    await relay.stop();
    expect(messages.map((message) => message.envelope)).toEqual([before, after]);
  });

  it('stops while it sleeps until the next commit, and closes its listening connection', async () => {
    const { relay, pid } = await startRelay();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await relay.stop();
    for (let tries = 0; tries < 40 && (await listenerPids()).has(pid); tries++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await listenerPids()).has(pid)).toBe(false);
  });
});
