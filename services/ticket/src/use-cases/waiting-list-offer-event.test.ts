import { randomUUID } from 'node:crypto';
import {
  createKafka,
  createOutboxRelay,
  createProducer,
  type EventEnvelope,
  ensureTopics,
  outbox,
  topics,
} from '@urr/common';
import { waitingListEvents } from '@urr/common/events/domain-events';
import { ne, sql } from 'drizzle-orm';
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { entriesWithOffers, gradePrices, soldOutSale } from '../testing/waiting-list-sale.js';

/** `waitlist.offer` leaves through the outbox relay onto the real `waiting-list-events` topic, for e-mail and push. */

let env: TicketTestEnv;
let kafka: Kafka;
let producer: Producer;
beforeAll(async () => {
  env = await startTicketTestEnv();
  kafka = createKafka({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    clientId: 'waiting-list-test',
    logger: env.ctx.logger,
  });
  await ensureTopics(kafka, [topics.waitingList], { logger: env.ctx.logger });
  producer = createProducer(kafka);
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await env?.close();
});

/** Reads `waiting-list-events` from its start until a message with this key arrives. */
async function messageFor(key: string) {
  const consumer = kafka.consumer({ groupId: `waiting-list-test-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: topics.waitingList, fromBeginning: true });
  const found = await new Promise<EventEnvelope>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === key) resolve(JSON.parse(message.value?.toString() ?? 'null'));
      },
    });
  });
  await consumer.disconnect();
  return found;
}

describe('the waiting-list offer on Kafka', () => {
  it('publishes waitlist.offer, keyed by the fan, once the offer commits', async () => {
    const sale = await soldOutSale(env, { seatsPerGrade: 1 });
    try {
      const fan = newUser();
      expectStatus(
        await call(env, 'POST', `/api/v1/events/${sale.event.id}/waiting-list`, {
          user: fan,
          body: { grades: ['R', 'S'], maxPrice: gradePrices.R, quantity: 1 },
        }),
        201,
      );
      const seat = sale.sold[0];
      expectStatus(
        await call(env, 'POST', `/api/v1/reservations/${seat?.reservationId}/cancel`, { user: seat?.buyer }),
        200,
      );
      await sale.waitingList.runOnce();
      const [entry] = await entriesWithOffers(env, sale.event.id);
      expect(entry?.status).toBe('offered');

      // Only this test's offer goes out: the reservation events of its set-up stay in this schema.
      await env.db.primary
        .update(outbox)
        .set({ publishedAt: sql`now()` })
        .where(ne(outbox.topic, topics.waitingList));
      const relay = createOutboxRelay({ db: env.db.primary, producer, logger: env.ctx.logger });
      expect(await relay.runOnce()).toBe(1);

      const envelope = await messageFor(fan.id);
      expect(envelope.type).toBe('waitlist.offer');
      expect(waitingListEvents['waitlist.offer'].parse(envelope.payload)).toMatchObject({
        entryId: entry?.id,
        reservationId: entry?.reservationId,
        eventId: sale.event.id,
        userId: fan.id,
        amount: gradePrices.R,
        currency: 'KRW',
        ticketCount: 1,
      });
    } finally {
      await sale.close();
    }
  });
});
