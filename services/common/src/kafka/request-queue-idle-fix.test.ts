/**
 * The request queue's idle timer loop (request-queue-idle-fix.ts), against the local broker: an idle
 * connection stops checking, and requests still flow (a consumer gets what a producer sent).
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/log-capture.js';
import { createKafka } from './kafka-client.js';
import { nextPendingCheckInMs, RequestQueue } from './request-queue-idle-fix.js';

const { logger } = captureLogs('request-queue-idle-fix-test');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('when a request queue checks its pending requests', () => {
  it('checks in 10 ms while requests wait, when the throttle ends while throttled, and not at all otherwise', () => {
    expect(nextPendingCheckInMs(0, -1_796_000_000_000)).toBeUndefined();
    expect(nextPendingCheckInMs(0, 0)).toBeUndefined();
    expect(nextPendingCheckInMs(3, -5)).toBe(10);
    expect(nextPendingCheckInMs(3, 0)).toBe(10);
    expect(nextPendingCheckInMs(3, 250)).toBe(250);
    expect(nextPendingCheckInMs(0, 250)).toBe(250);
  });

  it('replaces the method of the kafkajs release it was written against', () => {
    const kafkajsVersion = createRequire(import.meta.url)('kafkajs/package.json').version;
    // A new kafkajs may have fixed the loop or changed the queue: read its request queue before moving on.
    expect(kafkajsVersion).toBe('2.2.4');
  });
});

describe('a Kafka client on the local broker', () => {
  let kafka: Kafka;
  const topic = `request-queue-idle-${randomUUID()}`;
  const checks = { count: 0 };
  const original = RequestQueue.prototype as unknown as { checkPendingRequests: () => void };
  const checkPendingRequests = original.checkPendingRequests;

  beforeAll(async () => {
    original.checkPendingRequests = function (this: unknown) {
      checks.count += 1;
      return checkPendingRequests.call(this);
    };
    kafka = createKafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      clientId: 'idle-fix-test',
      logger,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(async () => {
    original.checkPendingRequests = checkPendingRequests;
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('leaves an idle connection without timers, and still sends and fetches', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'before the pause' }] });
    checks.count = 0;
    await sleep(1_000);
    // kafkajs 2.2.4 as released checks about once per millisecond on every connection here.
    expect(checks.count).toBeLessThan(20);

    const consumer = kafka.consumer({ groupId: `idle-fix-${randomUUID()}` });
    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(message.value?.toString() ?? '');
      },
    });
    await producer.send({ topic, messages: [{ value: 'after the pause' }] });
    const deadline = Date.now() + 30_000;
    while (received.length < 2 && Date.now() < deadline) await sleep(100);
    await consumer.disconnect();
    await producer.disconnect();
    expect(received).toEqual(['before the pause', 'after the pause']);
  });
});
