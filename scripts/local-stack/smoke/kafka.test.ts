import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';

describe('Kafka smoke test', () => {
  const kafka = new Kafka({
    clientId: 'urr-smoke',
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  const topic = `smoke-${process.pid}-${Date.now()}`;
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `smoke-group-${process.pid}-${Date.now()}` });

  afterAll(async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('produces a message and consumes it back', async () => {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'reservation-1', value: JSON.stringify({ type: 'PaymentSucceeded', reservationId: 'r-1' }) },
      ],
    });

    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const received = await new Promise<{ key: string; value: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message consumed within 30 s')), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
        },
      });
    });
    expect(received.key).toBe('reservation-1');
    expect(JSON.parse(received.value)).toEqual({ type: 'PaymentSucceeded', reservationId: 'r-1' });
  });
});
