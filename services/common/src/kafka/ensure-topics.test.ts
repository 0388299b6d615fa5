import { randomUUID } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { sql } from 'drizzle-orm';
import { type Admin, ConfigResourceTypes, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../db/database.js';
import { freePort } from '../testing/free-port.js';
import { captureLogs } from '../testing/log-capture.js';
import { prepareTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { ensureTopics, type TopicSpec, topicSpecOf } from './ensure-topics.js';
import { topics } from './event-envelope.js';
import { createIdempotentConsumer } from './idempotent-consumer.js';
import { createKafka, createProducer } from './kafka-client.js';
import { enqueueOutbox } from './outbox.js';
import { createOutboxRelay } from './outbox-relay.js';

const brokers = process.env.KAFKA_BROKERS!.split(',');
const { logger } = captureLogs('ensure-topics-test');
let kafka: Kafka;
let admin: Admin;
let db: TestDatabase<Record<string, never>>;

beforeAll(async () => {
  kafka = createKafka({ brokers, clientId: 'ensure-topics-test', logger });
  admin = kafka.admin();
  await admin.connect();
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    isolated: true,
  });
});
afterAll(async () => {
  await admin?.disconnect();
  await db?.drop();
});

const freshName = (what: string) => `ensure-test-${what}-${randomUUID()}`;

async function cleanupPolicyOf(topic: string) {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
  });
  return resources[0]?.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue;
}

async function partitionsOf(topic: string) {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata[0]?.partitions ?? [];
}

describe('topic specs', () => {
  it('names every URR topic with its partitions; catalog-events is compacted, a test topic gets the default', () => {
    expect(topicSpecOf(topics.catalog)).toEqual({
      topic: topics.catalog,
      partitions: 3,
      cleanupPolicy: 'compact',
    });
    expect(topicSpecOf(topics.payment).cleanupPolicy).toBe('delete');
    expect(topicSpecOf('some-test-topic')).toEqual({
      topic: 'some-test-topic',
      partitions: 3,
      cleanupPolicy: 'delete',
    });
  });
});

describe('ensureTopics on the real broker', () => {
  it('creates missing topics by their spec, from several services at once, and returns once every partition has a leader', async () => {
    const compacted: TopicSpec = { topic: freshName('table'), partitions: 2, cleanupPolicy: 'compact' };
    const log: TopicSpec = { topic: freshName('log'), partitions: 4, cleanupPolicy: 'delete' };
    // Five services starting together, each with its own client, as on a fresh machine.
    await Promise.all(
      Array.from({ length: 5 }, (_, service) =>
        ensureTopics(createKafka({ brokers, clientId: `service-${service}`, logger }), [compacted, log], {
          replicationFactor: 1,
        }),
      ),
    );
    for (const spec of [compacted, log]) {
      const partitions = await partitionsOf(spec.topic);
      expect(partitions).toHaveLength(spec.partitions);
      for (const partition of partitions) {
        expect(partition.leader).toBeGreaterThanOrEqual(0);
        expect(partition.replicas).toHaveLength(1);
      }
      expect(await cleanupPolicyOf(spec.topic)).toBe(spec.cleanupPolicy);
    }
  });

  it('compacts a topic that exists with the wrong cleanup policy', async () => {
    const topic = freshName('was-log');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    expect(await cleanupPolicyOf(topic)).toBe('delete');
    await ensureTopics(kafka, [{ topic, partitions: 1, cleanupPolicy: 'compact' }]);
    expect(await cleanupPolicyOf(topic)).toBe('compact');
  });

  it('waits for a broker that comes up after the service started, and gives up at its deadline', async () => {
    // A stand-in address for a broker still starting: nothing listens there for the first 1.5 s, then it
    // forwards to the real broker (which advertises its own address from then on).
    const port = await freePort();
    const [brokerHost = '', brokerPort = ''] = (brokers[0] ?? '').split(':');
    const late = createServer((client) => {
      const broker = connect(Number(brokerPort), brokerHost);
      client.pipe(broker).pipe(client);
      client.on('error', () => broker.destroy());
      broker.on('error', () => client.destroy());
    });
    const opening = setTimeout(() => late.listen(port, '127.0.0.1'), 1500);
    const captured = captureLogs('late-broker');
    const starting = createKafka({
      brokers: [`127.0.0.1:${port}`],
      clientId: 'late-broker',
      config: { retry: { retries: 0 }, connectionTimeout: 300 },
    });
    const topic = freshName('late');
    try {
      await ensureTopics(starting, [topic], { timeoutMs: 20_000, logger: captured.logger });
      expect(await partitionsOf(topic)).toHaveLength(3);
      expect(captured.lines().some((line) => line.msg === 'Kafka topics not ready yet; trying again')).toBe(
        true,
      );
    } finally {
      clearTimeout(opening);
      late.close();
    }

    const nowhere = createKafka({
      brokers: ['127.0.0.1:9'],
      clientId: 'nowhere',
      config: { retry: { retries: 0 }, connectionTimeout: 200 },
    });
    await expect(ensureTopics(nowhere, [freshName('never')], { timeoutMs: 1000 })).rejects.toThrow();
  });

  it('a topic deleted before the services start: the consumer and the producer through common create it and work', async () => {
    const topic = freshName('deleted');
    await ensureTopics(kafka, [topic]);
    await admin.deleteTopics({ topics: [topic] });
    await db.primary.execute(sql`create table if not exists seen (message_id uuid primary key)`);

    // The consumer starts first, on a topic that does not exist, with broker auto-creation not used.
    const seen: string[] = [];
    const consumer = createIdempotentConsumer({
      kafka,
      groupId: `ensure-test-${randomUUID()}`,
      topics: [topic],
      db: db.primary,
      logger,
      handle: async (tx, event) => {
        seen.push(event.envelope.id);
        await tx.execute(sql`insert into seen values (${event.envelope.id})`);
      },
    });
    await consumer.start();
    expect(await partitionsOf(topic)).toHaveLength(3);

    const producer = createProducer(kafka);
    await producer.connect();
    try {
      const envelope = await withTransaction(db.primary, (tx) =>
        enqueueOutbox(tx, { topic, key: randomUUID(), type: 'test.event', payload: { n: 1 } }),
      );
      const relay = createOutboxRelay({ db: db.primary, producer, logger });
      while ((await relay.runOnce()) > 0);
      for (const deadline = Date.now() + 30_000; !seen.includes(envelope.id) && Date.now() < deadline; )
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toEqual([envelope.id]);
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });
});
