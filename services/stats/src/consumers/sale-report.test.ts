import { randomUUID } from 'node:crypto';
import { createKafka, ensureTopics, userHeadersOf } from '@urr/common';
import { captureLogs } from '@urr/common/testing/log-capture';
import { readJson } from '@urr/common/testing/read-json';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import * as schema from '../db/schema.js';
import { type SaleMessage, type SaleTopic, seededSale } from '../testing/seeded-sale.js';
import { createStatsConsumer } from './stats-consumer.js';

const { logger } = captureLogs('sale-report-test');
const run = randomUUID().slice(0, 8);
const topicNames: Record<SaleTopic, string> = {
  queue: `sale-report-${run}-queue-events`,
  reservation: `sale-report-${run}-reservation-events`,
  payment: `sale-report-${run}-payment-events`,
};
const groupId = `sale-report-${run}`;
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
  kafka = createKafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'sale-report-test',
    logger,
  });
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

async function produce(messages: readonly SaleMessage[]) {
  for (let start = 0; start < messages.length; start += 250) {
    const chunk = messages.slice(start, start + 250);
    await producer.sendBatch({
      acks: -1,
      topicMessages: (Object.keys(topicNames) as SaleTopic[]).map((topic) => ({
        topic: topicNames[topic],
        messages: chunk
          .filter((message) => message.topic === topic)
          .map((message) => ({ key: message.key, value: JSON.stringify(message.envelope) })),
      })),
    });
  }
}

/** Until the group has committed every message of the three topics. */
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

type Payload = Record<string, unknown> & { userId: string; arrival: number; sequence: number };

/**
 * The report worked out by hand from the raw events, without the domain module: loops over the
 * messages, one figure at a time.
 */
function referenceReport(
  messages: readonly SaleMessage[],
  eventId: string,
  { bucketSeconds, bound }: { bucketSeconds: number; bound: number },
) {
  const bucketMs = bucketSeconds * 1000;
  const timeOf = (message: SaleMessage) => Date.parse(message.envelope.occurredAt);
  const ofType = (type: string) => messages.filter((message) => message.envelope.type === type);
  const payloadOf = (message: SaleMessage) => message.envelope.payload as Payload;

  const times = messages.map(timeOf);
  const from = Math.min(...times);
  const to = Math.max(...times);
  const firstStart = from - (from % bucketMs);
  const buckets: Record<string, unknown>[] = [];
  for (let start = firstStart; start <= to; start += bucketMs) {
    const inBucket = messages.filter(
      (message) => timeOf(message) >= start && timeOf(message) < start + bucketMs,
    );
    const count = (type: string, where: (payload: Payload) => boolean = () => true) =>
      inBucket.filter((message) => message.envelope.type === type && where(payloadOf(message))).length;
    const total = (type: string, field: string) =>
      inBucket
        .filter((message) => message.envelope.type === type)
        .reduce((sum, message) => sum + (payloadOf(message)[field] as number), 0);
    const samples = inBucket.filter((message) => message.envelope.type === 'queue.sampled');
    const last = samples.length
      ? (payloadOf(samples[samples.length - 1]!) as unknown as SamplePayload)
      : undefined;
    buckets.push({
      start: new Date(start).toISOString(),
      arrivals: count('queue.arrived'),
      admissions: count('queue.admitted'),
      leftWaiting: count('queue.left', (payload) => payload.wasAdmitted === false),
      expired: count('queue.expired'),
      ticketsBooked:
        total('reservation.confirmed', 'ticketCount') - total('reservation.cancelled', 'ticketCount'),
      revenue: total('payment.succeeded', 'amount') - total('payment.refunded', 'amount'),
      servingCounter: last?.tier1?.servingCounter ?? null,
      highestPosition: last?.tier1?.highestPosition ?? null,
      waiting: last?.tier2.waiting ?? null,
      active: last?.tier2.active ?? null,
      maxUsers: last?.tier2.maxUsers ?? null,
      seatsLeft: last?.seats ? Math.max(0, last.seats.total - last.seats.sold - last.seats.held) : null,
    });
  }

  const arrivedAt = new Map<string, number>();
  const atOnce = new Set<string>();
  for (const message of ofType('queue.arrived')) {
    const payload = payloadOf(message);
    arrivedAt.set(payload.userId, timeOf(message));
    if (payload.admittedAtOnce) atOnce.add(payload.userId);
  }
  const admissions = ofType('queue.admitted').map((message) => ({
    ...payloadOf(message),
    at: timeOf(message),
  }));
  const waits = admissions
    .map((admission) => admission.at - arrivedAt.get(admission.userId)!)
    .sort((a, b) => a - b);
  const nearestRank = (p: number) => waits[Math.ceil((p / 100) * waits.length) - 1];
  const leftWaiting = ofType('queue.left').filter(
    (message) => payloadOf(message).wasAdmitted === false,
  ).length;

  const byAdmission = [...admissions].sort((a, b) => a.sequence - b.sequence);
  const byArrival = [...admissions]
    .sort((a, b) => a.arrival - b.arrival)
    .map((admission) => admission.userId);
  const displaced = byAdmission
    .map((admission, index) => ({
      userId: admission.userId,
      arrival: admission.arrival,
      arrivalRank: byArrival.indexOf(admission.userId) + 1,
      admissionRank: index + 1,
      displacement: byArrival.indexOf(admission.userId) - index,
      reason: atOnce.has(admission.userId) ? 'admitted-on-arrival' : 'unexplained',
    }))
    .filter((admission) => admission.displacement > bound);
  const sumOf = (type: string, field: string) =>
    ofType(type).reduce((sum, message) => sum + (payloadOf(message)[field] as number), 0);

  return {
    eventId,
    bucketSeconds,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    buckets,
    wait: {
      measured: waits.length,
      p50Ms: nearestRank(50),
      p90Ms: nearestRank(90),
      p99Ms: nearestRank(99),
      maxMs: waits[waits.length - 1],
    },
    abandonment: {
      arrivals: arrivedAt.size,
      admitted: admissions.length,
      leftWaiting,
      stillWaiting: arrivedAt.size - admissions.length - leftWaiting,
      expiredSlots: ofType('queue.expired').length,
      leftWaitingRate: leftWaiting / arrivedAt.size,
    },
    sales: {
      ticketsBooked:
        sumOf('reservation.confirmed', 'ticketCount') - sumOf('reservation.cancelled', 'ticketCount'),
      revenue: sumOf('payment.succeeded', 'amount') - sumOf('payment.refunded', 'amount'),
      currency: 'KRW',
    },
    fairness: {
      bound,
      ranked: admissions.length,
      outOfOrder: displaced.length,
      maxDisplacement: Math.max(
        0,
        ...byAdmission.map((admission, index) => byArrival.indexOf(admission.userId) - index),
      ),
      byReason: {
        'admitted-on-arrival': displaced.filter((admission) => admission.reason === 'admitted-on-arrival')
          .length,
        unexplained: displaced.filter((admission) => admission.reason === 'unexplained').length,
      },
      worst: [...displaced]
        .sort((a, b) => b.displacement - a.displacement || a.admissionRank - b.admissionRank)
        .slice(0, 20),
    },
  };
}

interface SamplePayload {
  tier1: { servingCounter: number; highestPosition: number } | null;
  tier2: { waiting: number; active: number; maxUsers: number };
  seats: { total: number; sold: number; held: number } | null;
}

const get = (path: string, headers: Record<string, string> = admin) => app.request(path, { headers });

describe('the sale report from a seeded sale on real Kafka', () => {
  const seed = Date.now() % 100_000;
  const eventId = randomUUID();
  const sale = seededSale({ eventId, fans: 300, seed, startsAt: Date.UTC(2026, 10, 7, 11, 59, 50) });
  const report = `/api/v1/admin/stats/events/${eventId}/report`;

  it(`equals the figures worked out by hand from the raw events, redeliveries included (seed ${seed})`, async () => {
    const replayed = sale.filter((_, index) => index % 17 === 0);
    await produce([...sale, ...replayed]);
    await drained(45_000);

    const expected = referenceReport(sale, eventId, { bucketSeconds: 60, bound: 0 });
    expect(expected.fairness.outOfOrder).toBeGreaterThan(0);
    expect(expected.abandonment.leftWaiting).toBeGreaterThan(0);
    const response = await get(`${report}?bucketSeconds=60`);
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual(expected);

    const coarse = await get(`${report}?bucketSeconds=600&fairnessBound=1`);
    expect(await readJson(coarse)).toEqual(referenceReport(sale, eventId, { bucketSeconds: 600, bound: 1 }));
  });

  it('exports the series and the summary as CSV', async () => {
    const expected = referenceReport(sale, eventId, { bucketSeconds: 60, bound: 0 });
    const series = await get(`${report}.csv?bucketSeconds=60`);
    expect(series.status).toBe(200);
    expect(series.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await series.text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'bucketStart,arrivals,admissions,leftWaiting,expired,ticketsBooked,revenue,servingCounter,highestPosition,waiting,active,maxUsers,seatsLeft',
    );
    expect(rows).toHaveLength(expected.buckets.length + 1);
    expect(rows[1]).toBe(
      Object.values(expected.buckets[0]!)
        .map((value) => (value === null ? '' : String(value)))
        .join(','),
    );
    const summary = await (await get(`${report}.csv?part=summary`)).text();
    expect(summary).toContain(`\r\nadmittedOutOfOrder,${expected.fairness.outOfOrder}\r\n`);
    expect(summary).toContain(`\r\nwaitP99Ms,${expected.wait.p99Ms}\r\n`);
    expect(summary).toContain(`\r\nrevenue,${expected.sales.revenue}\r\n`);
  });

  it('answers bad input and strangers with a problem, never a 5xx', async () => {
    const problem = async (response: Response, status: number) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return readJson(response);
    };
    await problem(await get(`${report}?bucketSeconds=0`), 400);
    await problem(await get(`${report}?bucketSeconds=ten`), 400);
    await problem(await get(`${report}?fairnessBound=-1`), 400);
    await problem(await get(`${report}.csv?part=everything`), 400);
    expect((await problem(await get(`${report}?bucketSeconds=1`), 422)).type).toBe(
      'urn:urr:problem:sale-report-too-many-buckets',
    );
    await problem(await get(`/api/v1/admin/stats/events/${randomUUID()}/report`), 404);
    await problem(await get(`/api/v1/admin/stats/events/${'x'.repeat(65)}/report`), 400);
    const fan = userHeadersOf({ id: randomUUID(), email: 'fan@urr.test', role: 'user' });
    await problem(await get(report, fan), 403);
    await problem(await get(`${report}.csv`, {}), 401);
  });
});
