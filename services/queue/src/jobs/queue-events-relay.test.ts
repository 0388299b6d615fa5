import { randomUUID } from 'node:crypto';
import {
  createKafka,
  createLogger,
  createRedis,
  type EventEnvelope,
  ensureTopics,
  quitRedis,
} from '@urr/common';
import { queueEvents } from '@urr/common/events/queue-events';
import { allTier2KeysOf } from '@urr/common/queue/tier2-keys';
import { eventually } from '@urr/common/testing/eventually';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tier2Queue } from '../db/tier2-queue-store.js';
import { createQueueEventsRelay, queueEventOf } from './queue-events-relay.js';
import { createSaleSampler } from './sale-sampler.js';

const logger = createLogger({ service: 'queue-events-test', level: 'silent' });
const redis = createRedis({ url: process.env.REDIS_URL ?? '', name: 'queue-events-test' });
const kafka = createKafka({
  brokers: process.env.KAFKA_BROKERS!.split(','),
  clientId: 'queue-events-test',
  logger,
});
const run = randomUUID().slice(0, 8);
const topic = `queue-events-test-${run}`;
const outboxKey = `queue-test:${run}:outbox`;
const eventId = `sale-${run}`;
const listKey = `${outboxKey}:queue-events`;
let producer: Producer;

beforeAll(async () => {
  await ensureTopics(kafka, [topic]);
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  const leftovers = await redis.keys(`${outboxKey}*`);
  await redis.del(...allTier2KeysOf(eventId), ...leftovers);
  await quitRedis(redis);
});

/** How many messages the topic holds (all partitions). */
async function kafkaEnd(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Every message of the topic so far (at least `count`), in partition order (one sale: one key, one partition). */
async function published(count: number): Promise<EventEnvelope[]> {
  const consumer = kafka.consumer({ groupId: `queue-events-reader-${randomUUID()}` });
  const envelopes: EventEnvelope[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await consumer.run({
      eachMessage: async ({ message }) => {
        envelopes.push(JSON.parse(message.value!.toString()));
      },
    });
    const end = await kafkaEnd();
    await eventually(() => expect(envelopes.length).toBeGreaterThanOrEqual(Math.max(count, end)), {
      timeoutMs: 30_000,
    });
    return envelopes;
  } finally {
    await consumer.disconnect();
  }
}

describe('queue-events from the Tier-2 line to Kafka', () => {
  it('publishes every line change in order with its sequence, and a sample of both tiers', async () => {
    const queue = new Tier2Queue({
      redis,
      activeTtlMs: 600_000,
      outboxKey,
      defaults: { maxUsers: 2, threshold: 1, status: 'open' },
    });
    const enter = (userId: string) => queue.enter(eventId, userId, { mayTakePlace: true });
    expect((await enter('u1')).state).toBe('admitted');
    expect((await enter('u2')).state).toBe('waiting');
    expect((await enter('u3')).state).toBe('waiting');
    await queue.leave(eventId, 'u3');
    await enter('u4');
    await queue.leave(eventId, 'u1');

    const sampler = createSaleSampler({
      redis,
      queue,
      logger,
      listedEvents: async () => [eventId],
      tier1: async () => ({ servingCounter: 40, highestPosition: 90 }),
      seats: async () => {
        throw new Error('ticket-service is away');
      },
      outboxKey: listKey,
    });
    expect(await sampler.sampleOnce()).toEqual([eventId]);
    expect(await sampler.sampleOnce()).toEqual([]);

    const relay = createQueueEventsRelay({ redis, producer, logger, topic, outboxKey: listKey });
    const expectedCount = await redis.llen(listKey);
    expect(await relay.drainOnce()).toBe(expectedCount);
    expect(await redis.llen(listKey)).toBe(0);
    await relay.stop();

    const envelopes = await published(expectedCount);
    for (const envelope of envelopes)
      queueEvents[envelope.type as Exclude<keyof typeof queueEvents, 'topic'>].parse(envelope.payload);
    const line = envelopes.filter((envelope) => envelope.type !== 'queue.sampled');
    const story = line.map((envelope) => {
      const { type, payload } = envelope;
      return [type, payload.userId, payload.arrival, payload.admittedAtOnce ?? payload.wasAdmitted ?? null];
    });
    expect(story).toEqual([
      ['queue.arrived', 'u1', 1, true],
      ['queue.admitted', 'u1', 1, null],
      ['queue.arrived', 'u2', 2, false],
      ['queue.admitted', 'u2', 2, null],
      ['queue.arrived', 'u3', 3, false],
      ['queue.left', 'u3', 3, false],
      ['queue.arrived', 'u4', 4, false],
      ['queue.left', 'u1', 1, true],
      ['queue.admitted', 'u4', 4, null],
    ]);
    const sequences = line.map((envelope) => envelope.payload.sequence as number);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(envelopes.find((envelope) => envelope.type === 'queue.sampled')?.payload).toEqual({
      eventId,
      tier1: { servingCounter: 40, highestPosition: 90 },
      tier2: { waiting: 0, active: 2, maxUsers: 2 },
      seats: null,
    });
  });

  it('gives a re-sent entry the same envelope id, and moves an unreadable one aside', async () => {
    const entry = JSON.stringify({
      id: 'call-1:k1',
      type: 'queue.expired',
      at: Date.now(),
      eventId,
      userId: 'u9',
      sequence: 7,
    });
    expect(queueEventOf(entry).id).toBe(queueEventOf(entry).id);
    expect(queueEventOf(entry).payload).toMatchObject({ arrival: null, sequence: 7 });

    await redis.rpush(listKey, '{"id":"x","type":"queue.teleported","at":1}', entry);
    const relay = createQueueEventsRelay({ redis, producer, logger, topic, outboxKey: listKey });
    await relay.drainOnce();
    await relay.stop();
    expect(await redis.llen(listKey)).toBe(0);
    expect(await redis.lrange(`${listKey}:unreadable`, 0, -1)).toEqual([
      '{"id":"x","type":"queue.teleported","at":1}',
    ]);
  });

  it('keeps every entry while Kafka is away, and publishes them once it is back', async () => {
    const outageList = `${outboxKey}:outage`;
    const entries = Array.from({ length: 30 }, (_, index) =>
      JSON.stringify({
        id: `outage:k${index}`,
        type: 'queue.expired',
        at: 1_800_000_000_000 + index,
        eventId,
        userId: `o${index}`,
        sequence: index + 1,
      }),
    );
    await redis.rpush(outageList, ...entries);
    const away = createKafka({
      brokers: ['127.0.0.1:1'],
      clientId: 'queue-events-test-away',
      config: { retry: { retries: 0 }, connectionTimeout: 500 },
    });
    const awayProducer = away.producer();
    const stranded = createQueueEventsRelay({
      redis,
      producer: awayProducer,
      prepare: () => awayProducer.connect(),
      logger,
      topic,
      outboxKey: outageList,
    });
    await expect(stranded.drainOnce()).rejects.toThrow();
    await stranded.stop();
    expect(await redis.lrange(outageList, 0, -1)).toEqual(entries);

    const back = createQueueEventsRelay({ redis, producer, logger, topic, outboxKey: outageList });
    expect(await back.drainOnce()).toBe(entries.length);
    await back.stop();
    const ids = new Set((await published(0)).map((envelope) => envelope.id));
    for (const entry of entries) expect(ids.has(queueEventOf(entry).id)).toBe(true);
  });

  it('numbers concurrent line changes once each, and two relays racing publish each entry once, in order', async () => {
    const raceEvent = `${eventId}-race`;
    const raceList = `${outboxKey}:race`;
    const queue = new Tier2Queue({
      redis,
      activeTtlMs: 600_000,
      queueEventsKeys: { outbox: raceList, sequence: `${outboxKey}:race-sequence` },
      outboxKey: `${outboxKey}:race-sqs`,
      defaults: { maxUsers: 10, threshold: 0, status: 'open' },
    });
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, index) => queue.enter(raceEvent, `r${index}`, { mayTakePlace: true })),
      );
      await Promise.all(Array.from({ length: 40 }, (_, index) => queue.leave(raceEvent, `r${index}`)));
      const entries = (await redis.lrange(raceList, 0, -1)).map((entry) => JSON.parse(entry));
      const sequences = entries.map((entry) => entry.sequence as number);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
      const arrivals = entries.filter((entry) => entry.type === 'queue.arrived');
      expect(arrivals.map((entry) => entry.arrival)).toEqual(
        Array.from({ length: 40 }, (_, index) => index + 1),
      );
      // Admissions in arrival order: nobody was let in ahead of an earlier arrival still in line.
      const admitted = entries
        .filter((entry) => entry.type === 'queue.admitted')
        .map((entry) => entry.arrival);
      expect(admitted).toEqual([...admitted].sort((a, b) => a - b));

      const firstRelay = createQueueEventsRelay({ redis, producer, logger, topic, outboxKey: raceList });
      const secondRelay = createQueueEventsRelay({ redis, producer, logger, topic, outboxKey: raceList });
      const [first, second, again] = await Promise.all([
        firstRelay.drainOnce(),
        secondRelay.drainOnce(),
        firstRelay.drainOnce(),
      ]);
      await Promise.all([firstRelay.stop(), secondRelay.stop()]);
      expect(again).toBe(first);
      expect(first + second).toBe(entries.length);
      expect(await redis.llen(raceList)).toBe(0);
      const race = (await published(0)).filter((envelope) => envelope.payload.eventId === raceEvent);
      expect(race.map((envelope) => envelope.payload.sequence)).toEqual(sequences);
    } finally {
      await redis.del(...allTier2KeysOf(raceEvent));
    }
  });
});
