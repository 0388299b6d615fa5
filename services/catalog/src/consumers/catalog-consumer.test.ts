import { randomUUID } from 'node:crypto';
import {
  createKafka,
  createProducer,
  type EventEnvelope,
  type IdempotentConsumer,
  type Kafka,
  type Producer,
  processedMessages,
  type RunningServer,
} from '@urr/common';
import { freePort } from '@urr/common/testing/free-port';
import { captureLogs } from '@urr/common/testing/log-capture';
import { readJson } from '@urr/common/testing/read-json';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogDatabase,
  deleted,
  internalApiToken,
  prepareCatalogDatabase,
  snapshotOf,
  startCatalog,
  upserted,
} from '../testing/fixtures.js';
import { createCatalogConsumer } from './catalog-consumer.js';

const logs = captureLogs('catalog-consumer-test');
const groupId = `catalog-test-${randomUUID()}`;
const topic = `catalog-events-test-${randomUUID()}`;
let db: CatalogDatabase;
let kafka: Kafka;
let producer: Producer;
let consumer: IdempotentConsumer;
let catalog: RunningServer;

/** Publishes like ticket-service's outbox relay: keyed by event id, so one event's messages keep their order. */
async function publish(...envelopes: EventEnvelope[]) {
  await producer.send({
    topic,
    messages: envelopes.map((envelope) => ({
      key: String(envelope.payload.eventId),
      value: JSON.stringify(envelope),
    })),
  });
}

const getEvent = (id: string) => fetch(`${catalog.url}/api/v1/events/${id}`);

/** Polls the public API until `check` holds: the read model is eventually consistent. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A message after which every earlier one on the (single-partition) topic has been applied. */
async function drain() {
  const marker = snapshotOf({ title: 'marker' });
  await publish(upserted(marker));
  const response = await eventually(
    () => getEvent(marker.eventId),
    (answer) => answer.status === 200,
  );
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  db = await prepareCatalogDatabase();
  kafka = createKafka({
    brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'],
    clientId: 'catalog-test',
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  producer = createProducer(kafka);
  await producer.connect();
  consumer = createCatalogConsumer({ kafka, db: db.primary, logger: logs.logger, topic, groupId });
  await consumer.start();
  catalog = await startCatalog({
    db,
    logger: logs.logger,
    authUrl: `http://127.0.0.1:${await freePort()}`,
    token: internalApiToken(),
  });
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await catalog?.shutdown();
  await db?.drop();
});

describe('the read model follows catalog-events', () => {
  it('shows a published event, then its newer version', async () => {
    const first = snapshotOf({ title: 'Opening Night', version: 1 });
    await publish(upserted(first));
    const shown = await eventually(
      () => getEvent(first.eventId),
      (response) => response.status === 200,
    );
    expect(await readJson(shown)).toMatchObject({
      id: first.eventId,
      title: 'Opening Night',
      status: 'on-sale',
    });

    await publish(
      upserted({ ...first, title: 'Opening Night (2nd show added)', status: 'sold-out', version: 2 }),
    );
    const updated = await eventually(
      async () => readJson(await getEvent(first.eventId)),
      (event) => event.title === 'Opening Night (2nd show added)',
    );
    expect(updated).toMatchObject({ status: 'sold-out' });
  });

  it('applies a redelivered message once and keeps the newest snapshot when an older one arrives late', async () => {
    const event = snapshotOf({ title: 'Version 3', version: 3 });
    const v3 = upserted(event);
    const v2 = upserted({ ...event, title: 'Version 2', status: 'scheduled', version: 2 });
    const v3Again = upserted({ ...event, title: 'Version 3 again', version: 3 });
    // v3, the same v3 message redelivered, then a stale v2, then a different message with the same version.
    await publish(v3, v3, v2, v3Again);
    await drain();

    const shown = await readJson(await getEvent(event.eventId));
    expect(shown).toMatchObject({ title: 'Version 3', status: 'on-sale' });
    const recorded = await db.primary
      .select()
      .from(processedMessages)
      .where(and(eq(processedMessages.consumerGroup, groupId), eq(processedMessages.messageId, v3.id)));
    expect(recorded).toHaveLength(1);
  });

  it('removes a deleted event and does not bring it back from a stale snapshot', async () => {
    const event = snapshotOf({ title: 'Cancelled Tour', version: 4 });
    await publish(upserted(event), deleted(event.eventId, 5), upserted({ ...event, version: 4 }));
    await drain();
    expect((await getEvent(event.eventId)).status).toBe(404);
    const artist = await fetch(`${catalog.url}/api/v1/artists/${event.artist.id}`);
    expect(artist.status).toBe(404);

    await publish(upserted({ ...event, title: 'Cancelled Tour (rescheduled)', version: 6 }));
    const back = await eventually(
      () => getEvent(event.eventId),
      (response) => response.status === 200,
    );
    expect((await readJson(back)).title).toBe('Cancelled Tour (rescheduled)');
  });

  it('skips a message that breaks the contract instead of blocking the events behind it', async () => {
    const broken = upserted(snapshotOf());
    await publish({ ...broken, payload: { ...broken.payload, kind: 'floating' } });
    await drain();
    expect((await getEvent(String(broken.payload.eventId))).status).toBe(404);
    expect(
      logs.lines().some((line) => line.msg === 'skipping a catalog event that breaks its contract'),
    ).toBe(true);
  });
});
