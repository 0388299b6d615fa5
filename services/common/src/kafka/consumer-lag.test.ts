import { randomUUID } from 'node:crypto';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import type { Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually as retryUntil } from '../testing/eventually.js';
import { captureLogs } from '../testing/log-capture.js';
import { prepareTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { watchConsumerLag } from './consumer-lag.js';
import { createEnvelope } from './event-envelope.js';
import { createIdempotentConsumer } from './idempotent-consumer.js';
import { createKafka } from './kafka-client.js';

const migrationsFolder = new URL('../../db/migrations', import.meta.url).pathname;
const { logger, lines } = captureLogs('consumer-lag-test');
let db: TestDatabase<Record<string, never>>;
let kafka: Kafka;
let producer: Producer;
const createdTopics: string[] = [];

beforeAll(async () => {
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    migrationsFolder,
    isolated: true,
  });
  kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'consumer-lag-test',
    logger,
  });
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: createdTopics }).catch(() => undefined);
  await admin.disconnect();
  await db?.drop();
});

async function createTopic(partitions: number): Promise<string> {
  const topic = `consumer-lag-test-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  createdTopics.push(topic);
  return topic;
}

async function publish(topic: string, partition: number, count: number) {
  await producer.send({
    topic,
    messages: Array.from({ length: count }, () => ({
      partition,
      value: JSON.stringify(createEnvelope({ type: 'seat.reserved', payload: {} })),
    })),
  });
}

/** A gauge of one group (the lag unless named), by "topic/partition", as a scrape of the registry reads it. */
async function lagByPartition(
  registry: Registry,
  groupId: string,
  metric = 'kafka_consumer_group_lag',
): Promise<Record<string, number>> {
  const text = await registry.metrics();
  const lags: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${metric}\\{([^}]*)\\} (\\S+)$`).exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    if (labels.group === groupId) lags[`${labels.topic}/${labels.partition}`] = Number(match[2]);
  }
  return lags;
}

/** Kafka's group coordination takes seconds on a loaded machine. */
const eventuallyInKafka = <T>(attempt: () => Promise<T>) =>
  retryUntil(attempt, { timeoutMs: 30_000, intervalMs: 200 });

describe('kafka_consumer_group_lag against the real Kafka', () => {
  it("reports each partition's backlog before the group reads, zero once it committed, and what arrives while it is stopped", async () => {
    const topic = await createTopic(2);
    const groupId = `consumer-lag-${randomUUID()}`;
    const registry = new Registry();
    const consumer = createIdempotentConsumer({
      kafka,
      groupId,
      topics: [topic],
      db: db.primary,
      logger,
      registry,
      handle: async () => {},
    });
    await publish(topic, 0, 5);
    await publish(topic, 1, 2);
    expect(await lagByPartition(registry, groupId)).toEqual({ [`${topic}/0`]: 5, [`${topic}/1`]: 2 });

    await consumer.start();
    try {
      await eventuallyInKafka(async () =>
        expect(await lagByPartition(registry, groupId)).toEqual({ [`${topic}/0`]: 0, [`${topic}/1`]: 0 }),
      );
    } finally {
      await consumer.stop();
    }

    await publish(topic, 1, 3);
    expect(await lagByPartition(registry, groupId)).toEqual({ [`${topic}/0`]: 0, [`${topic}/1`]: 3 });
    // The committed offsets stand where the group stopped while the backlog grows.
    expect(await lagByPartition(registry, groupId, 'kafka_consumer_group_offset')).toEqual({
      [`${topic}/0`]: 5,
      [`${topic}/1`]: 2,
    });
  });

  it('reports every group a registry is given once, however often a consumer of the group is made anew', async () => {
    const [first, second] = [await createTopic(1), await createTopic(1)];
    const registry = new Registry();
    const make = (groupId: string, topic: string) =>
      createIdempotentConsumer({
        kafka,
        groupId,
        topics: [topic],
        db: db.primary,
        logger,
        registry,
        handle: async () => {},
      });
    const remade = `lag-group-${randomUUID()}`;
    make(remade, first);
    make(remade, first);
    make(`lag-group-${randomUUID()}`, second);
    await publish(first, 0, 4);
    const text = await registry.metrics();
    expect(text.match(/^# TYPE kafka_consumer_group_lag gauge$/gm)).toHaveLength(1);
    expect(
      text.match(new RegExp(`^kafka_consumer_group_lag\\{[^}]*topic="${first}"[^}]*\\} 4$`, 'gm')),
    ).toHaveLength(1);
    expect(text).toMatch(new RegExp(`^kafka_consumer_group_lag\\{[^}]*topic="${second}"[^}]*\\} 0$`, 'm'));
  });

  it('keeps serving the rest of the metrics when no broker answers', async () => {
    const registry = new Registry();
    const unreachable = createKafka({ brokers: ['127.0.0.1:9'], clientId: 'consumer-lag-test', logger });
    watchConsumerLag({
      kafka: unreachable,
      groupId: 'nobody',
      topics: ['nothing'],
      registry,
      logger,
      readTimeoutMs: 500,
    });
    const text = await registry.metrics();
    expect(text).toContain('# TYPE kafka_consumer_group_lag gauge');
    expect(lines().some((line) => line.msg === 'Kafka consumer lag not read for the metrics')).toBe(true);
  });
});
