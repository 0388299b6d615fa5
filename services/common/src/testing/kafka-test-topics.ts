import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { EventEnvelope } from '../kafka/event-envelope.js';

/** A fresh topic of its own for one test. */
export async function createTestTopic(kafka: Kafka, partitions = 1): Promise<string> {
  const topic = `common-test-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  return topic;
}

/** Reads every message of `topic` from the start until `count` arrived. */
export async function readTestTopic(kafka: Kafka, topic: string, count: number) {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const messages: { key: string; envelope: EventEnvelope; headers: Record<string, string> }[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        messages.push({
          key: message.key?.toString() ?? '',
          envelope: JSON.parse(message.value?.toString() ?? 'null'),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
        if (messages.length >= count) resolve();
      },
    });
  });
  await consumer.disconnect();
  return messages;
}
