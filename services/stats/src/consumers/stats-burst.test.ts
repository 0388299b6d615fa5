import { randomUUID } from 'node:crypto';
import { createKafka, ensureTopics, userHeadersOf } from '@urr/common';
import { captureLogs } from '@urr/common/testing/log-capture';
import { readJson } from '@urr/common/testing/read-json';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { sql } from 'drizzle-orm';
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import * as schema from '../db/schema.js';
import {
  type BurstMessage,
  expectedFigures,
  generateBurst,
  seededRandom,
  type TopicName,
} from '../testing/event-burst.js';
import { createStatsConsumer } from './stats-consumer.js';

const { logger } = captureLogs('stats-test');
const run = randomUUID().slice(0, 8);
const topicNames: Record<TopicName, string> = {
  payment: `stats-test-${run}-payment-events`,
  reservation: `stats-test-${run}-reservation-events`,
  transfer: `stats-test-${run}-transfer-events`,
  membership: `stats-test-${run}-membership-events`,
};
const groupId = `stats-test-${run}`;
const admin = userHeadersOf({ id: randomUUID(), email: 'admin@urr.test', role: 'admin' });

let db: TestDatabase<typeof schema>;
let kafka: Kafka;
let producer: Producer;
let consumer: ReturnType<typeof createStatsConsumer>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('stats_db'),
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    schema,
    isolated: true,
  });
  kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'stats-test', logger });
  await ensureTopics(kafka, Object.values(topicNames));
  producer = kafka.producer();
  await producer.connect();
  consumer = createStatsConsumer({
    kafka,
    db: db.primary,
    logger,
    groupId,
    topics: Object.values(topicNames),
  });
  await consumer.start();
  app = createApp({ logger, db });
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await db?.drop();
});

async function produce(messages: readonly BurstMessage[]) {
  for (let start = 0; start < messages.length; start += 250) {
    const chunk = messages.slice(start, start + 250);
    await producer.sendBatch({
      acks: -1,
      topicMessages: (Object.keys(topicNames) as TopicName[]).map((topic) => ({
        topic: topicNames[topic],
        messages: chunk
          .filter((message) => message.topic === topic)
          .map((message) => ({ key: message.key, value: JSON.stringify(message.envelope) })),
      })),
    });
  }
}

/** Until the group has committed every message of the four topics (duplicates included). */
async function drained(timeoutMs: number) {
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  try {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      let behind = 0;
      for (const topic of Object.values(topicNames)) {
        const [ends, [committed]] = await Promise.all([
          kafkaAdmin.fetchTopicOffsets(topic),
          kafkaAdmin.fetchOffsets({ groupId, topics: [topic] }),
        ]);
        for (const end of ends) {
          const at = committed?.partitions.find((partition) => partition.partition === end.partition)?.offset;
          behind += Number(end.high) - Math.max(Number(at ?? 0), 0);
        }
      }
      if (behind === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the stats consumer did not catch up in time');
  } finally {
    await kafkaAdmin.disconnect();
  }
}

const get = async (path: string, headers: Record<string, string> = admin) => {
  const response = await app.request(path, { headers });
  expect(response.status, path).toBe(200);
  return readJson(response);
};

describe('stats from a burst of 1,000 mixed events on real Kafka', () => {
  const seed = Date.now() % 100_000;
  const eventIds = Array.from({ length: 5 }, (_, index) => `event-${run}-${index}`);
  const oldEventId = `event-${run}-old`;
  const burst = generateBurst({ count: 1000, seed, eventIds, oldEventId });
  const expected = expectedFigures(burst);

  it(`counts every event once, duplicates included (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    // A redelivery follows its original: some in the middle of the burst, some after it (a relay that
    // republished late).
    const firstHalf = burst.slice(0, 500);
    const early = Array.from({ length: 75 }, () => random.pick(firstHalf));
    const late = Array.from({ length: 75 }, () => random.pick(burst));
    const started = Date.now();
    await produce([...firstHalf, ...early, ...burst.slice(500), ...late]);
    await drained(45_000);
    logger.info({ ms: Date.now() - started }, 'burst consumed');

    const processed = await db.primary.execute<{ count: number }>(
      sql`select count(*)::int as count from processed_messages where consumer_group = ${groupId}`,
    );
    expect(processed.rows[0]?.count).toBe(1000);

    const confirmedTickets = [...expected.perEvent.values()].reduce(
      (sum, figures) => sum + figures.ticketsSold,
      0,
    );
    const confirmedAmount = [...expected.perEvent.values()].reduce(
      (sum, figures) => sum + figures.salesAmount,
      0,
    );
    expect(confirmedTickets).toBeGreaterThan(0);

    const overview = await get('/api/v1/admin/stats/overview');
    expect(overview.ticketsSold).toBe(confirmedTickets);
    const sum = (pick: (figures: NonNullable<ReturnType<typeof expected.perEvent.get>>) => number) =>
      [...expected.perEvent.values()].reduce((total, figures) => total + pick(figures), 0);
    expect(overview.money).toEqual([
      {
        currency: 'KRW',
        salesAmount: confirmedAmount,
        gross: sum((figures) => figures.gross),
        refunded: sum((figures) => figures.refunded),
        net: sum((figures) => figures.gross - figures.refunded),
      },
    ]);
    expect(overview.funnel).toMatchObject({
      created: sum((figures) => figures.created),
      confirmed: sum((figures) => figures.confirmed),
      cancelled: sum((figures) => figures.cancelled),
      expired: sum((figures) => figures.expired),
      paymentsFailed: sum(
        (figures) => figures.failed.declined + figures.failed.timeout + figures.failed.error,
      ),
    });
    expect(overview.transfers).toBe(sum((figures) => figures.transfers));
    expect(
      overview.memberships.byTier.map((tier: { tier: string; members: number }) => [tier.tier, tier.members]),
    ).toEqual([...expected.members.entries()].sort(([a], [b]) => a.localeCompare(b)));

    for (const [eventId, figures] of expected.perEvent) {
      const stats = await get(`/api/v1/admin/stats/events/${eventId}`);
      expect(stats, eventId).toMatchObject({
        sales: { ticketsSold: figures.ticketsSold, amount: figures.salesAmount },
        funnel: {
          created: figures.created,
          confirmed: figures.confirmed,
          cancelled: figures.cancelled,
          expired: figures.expired,
        },
        revenue: { gross: figures.gross, refunded: figures.refunded, net: figures.gross - figures.refunded },
        payments: { succeeded: figures.succeeded, failedByReason: figures.failed },
        transfers: figures.transfers,
      });
    }
  });

  it('ranks popular events by tickets sold, over all time or a window', async () => {
    const byTickets = [...expected.perEvent.entries()]
      .filter(([, figures]) => figures.ticketsSold > 0)
      .sort(([a, x], [b, y]) => y.ticketsSold - x.ticketsSold || a.localeCompare(b))
      .map(([eventId, figures]) => ({ eventId, ticketsSold: figures.ticketsSold }));
    const allTime = await get('/api/v1/stats/popular-events?window=all&limit=50', {});
    expect(
      allTime.items.map(({ eventId, ticketsSold }: { eventId: string; ticketsSold: number }) => ({
        eventId,
        ticketsSold,
      })),
    ).toEqual(byTickets);
    expect(allTime.items[0]).toMatchObject({ rank: 1 });
    const lastDay = await get('/api/v1/stats/popular-events?window=24h&limit=50', {});
    expect(lastDay.items.map((item: { eventId: string }) => item.eventId)).toEqual(
      byTickets.filter((item) => item.eventId !== oldEventId).map((item) => item.eventId),
    );
  });

  it('the dashboard is for admins only; bad queries are 400', async () => {
    const fan = userHeadersOf({ id: randomUUID(), email: 'fan@urr.test', role: 'user' });
    expect((await app.request('/api/v1/admin/stats/overview', { headers: fan })).status).toBe(403);
    expect((await app.request('/api/v1/admin/stats/overview')).status).toBe(401);
    expect((await app.request('/api/v1/stats/popular-events?window=1y')).status).toBe(400);
    const page = await get('/api/v1/admin/stats/events?size=2&sort=revenue');
    expect(page).toMatchObject({ page: 1, size: 2, total: expected.perEvent.size });
    expect(page.items).toHaveLength(2);
    expect((await app.request('/api/v1/admin/stats/events/nope', { headers: admin })).status).toBe(404);
  });
});

describe('events stats cannot count', () => {
  it('skips a payload that breaks its contract and an unknown type, and carries on', async () => {
    const eventId = `event-${run}-after-junk`;
    const reservationId = randomUUID();
    const facts = { reservationId, eventId, userId: 'u-1', amount: 77_000, currency: 'KRW', ticketCount: 1 };
    const envelope = (type: string, payload: Record<string, unknown>) =>
      JSON.stringify({
        id: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
        payload,
      });
    await producer.send({
      topic: topicNames.reservation,
      acks: -1,
      messages: [
        { key: reservationId, value: envelope('reservation.created', { reservationId, eventId }) },
        { key: reservationId, value: envelope('reservation.seat-moved', { reservationId }) },
        { key: reservationId, value: envelope('reservation.created', facts) },
        {
          key: reservationId,
          value: envelope('reservation.confirmed', { ...facts, paymentId: randomUUID() }),
        },
      ],
    });
    await drained(20_000);
    expect(await get(`/api/v1/admin/stats/events/${eventId}`)).toMatchObject({
      sales: { ticketsSold: 1, amount: 77_000 },
      funnel: { created: 1, confirmed: 1 },
    });
  });
});
