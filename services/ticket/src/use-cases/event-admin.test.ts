import { outbox } from '@urr/common';
import { catalogEvents } from '@urr/common/events/domain-events';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seatGrades, seats, sections } from '../db/schema.js';
import {
  call,
  createSaleEvent,
  createSeatedSale,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';

let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

/** The catalog-events published for one event, in outbox order. */
async function catalogFeed(eventId: string) {
  const rows = await env.db.primary
    .select()
    .from(outbox)
    .where(eq(outbox.key, eventId))
    .orderBy(asc(outbox.id));
  return rows.filter((row) => row.topic === 'catalog-events').map((row) => row.envelope);
}

describe('admin: events, seat maps, performances, prices', () => {
  it('publishes a newer catalog snapshot for every change of an event, its performances or its prices', async () => {
    const { event, artist } = await createSaleEvent(env, admin, { status: 'draft' });
    expect(event).toMatchObject({ status: 'draft', organiserId: admin.id, version: 1 });
    const setMap = expectStatus(
      await call(env, 'PUT', `/api/v1/admin/events/${event.id}/seat-map`, {
        user: admin,
        body: {
          grades: [
            { name: 'VIP', price: 165_000 },
            { name: 'R', price: 132_000 },
          ],
          sections: [
            { name: 'Floor', rows: [{ label: 'A', seats: 10, grade: 'VIP' }] },
            { name: 'Balcony', rows: [{ label: 'A', seats: 20, grade: 'R' }] },
          ],
        },
      }),
      200,
    );
    expect(setMap).toEqual({ seatsPerPerformance: 30, seatsCreated: 30 });
    const second = expectStatus(
      await call(env, 'POST', '/api/v1/admin/performances', {
        user: admin,
        body: { eventId: event.id, startsAt: '2027-01-02T10:00:00Z' },
      }),
      201,
    );
    expectStatus(
      await call(env, 'PATCH', `/api/v1/admin/events/${event.id}`, {
        user: admin,
        body: { status: 'on-sale' },
      }),
      200,
    );
    const detail = expectStatus(
      await call(env, 'GET', `/api/v1/admin/events/${event.id}`, { user: admin }),
      200,
    );
    const vip = detail.seatMap.grades.find((grade: { name: string }) => grade.name === 'VIP');
    expectStatus(
      await call(env, 'PATCH', `/api/v1/admin/events/${event.id}/grades/${vip.id}`, {
        user: admin,
        body: { price: 198_000 },
      }),
      200,
    );
    expectStatus(
      await call(env, 'PATCH', `/api/v1/admin/artists/${artist.id}`, {
        user: admin,
        body: { name: 'Renamed' },
      }),
      200,
    );

    const feed = await catalogFeed(event.id);
    expect(feed.map((envelope) => envelope.payload.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const latest = catalogEvents['event.upserted'].parse(feed.at(-1)?.payload);
    expect(latest).toMatchObject({
      eventId: event.id,
      status: 'on-sale',
      artist: { id: artist.id, name: 'Renamed' },
      priceRange: { min: 132_000, max: 198_000, currency: 'KRW' },
    });
    expect(latest.performances.map((show) => show.id)).toContain(second.id);

    expect(detail.sales).toEqual({ seatsTotal: 60, seatsSold: 0, seatsHeld: 0 });
    expect(await call(env, 'GET', `/api/v1/events/${event.id}/seats`)).toMatchObject({
      status: 422,
      body: { type: 'urn:urr:problem:ticket:performance-required' },
    });
    const seats = expectStatus(
      await call(env, 'GET', `/api/v1/events/${event.id}/seats?performanceId=${second.id}`),
      200,
    );
    expect(seats.counts).toEqual({ available: 30, held: 0, sold: 0 });
    expect(seats.seats[0]).toMatchObject({
      section: 'Floor',
      row: 'A',
      number: 1,
      grade: 'VIP',
      price: 198_000,
    });
  });

  it('deletes an event nobody reserved (event.deleted), and refuses to delete or remap one with reservations', async () => {
    const { event: empty } = await createSaleEvent(env, admin);
    expect(await call(env, 'DELETE', `/api/v1/admin/events/${empty.id}`, { user: admin })).toMatchObject({
      status: 204,
    });
    expect((await catalogFeed(empty.id)).at(-1)).toMatchObject({
      type: 'event.deleted',
      payload: { eventId: empty.id, version: 2 },
    });
    expect(await call(env, 'GET', `/api/v1/admin/events/${empty.id}`, { user: admin })).toMatchObject({
      status: 404,
    });

    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 2 });
    expectStatus(
      await call(env, 'POST', '/api/v1/seats/reserve', {
        user: newUser(),
        entryEventId: event.id,
        body: { eventId: event.id, seatIds: [seatIds[0]] },
      }),
      201,
    );
    expect(await call(env, 'DELETE', `/api/v1/admin/events/${event.id}`, { user: admin })).toMatchObject({
      status: 409,
      body: { type: 'urn:urr:problem:ticket:event-has-reservations' },
    });
    expect(
      await call(env, 'PUT', `/api/v1/admin/events/${event.id}/seat-map`, {
        user: admin,
        body: {
          grades: [{ name: 'R', price: 1 }],
          sections: [{ name: 'A', rows: [{ label: '1', seats: 1, grade: 'R' }] }],
        },
      }),
    ).toMatchObject({ status: 409 });
  });

  it('deletes a never-reserved event together with its seat map; a reserve racing the delete gets a clean answer', async () => {
    const { event } = await createSeatedSale(env, admin, { rows: 2, seatsPerRow: 5 });
    expect(await call(env, 'DELETE', `/api/v1/admin/events/${event.id}`, { user: admin })).toMatchObject({
      status: 204,
    });
    expect((await catalogFeed(event.id)).at(-1)?.type).toBe('event.deleted');
    for (const table of [sections, seatGrades, seats])
      expect(await env.db.primary.select().from(table).where(eq(table.eventId, event.id))).toEqual([]);

    // Fans reserving while the admin deletes: either side may win, but nobody gets a 5xx.
    const { event: raced, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 4 });
    const [deleted, ...reserves] = await Promise.all([
      call(env, 'DELETE', `/api/v1/admin/events/${raced.id}`, { user: admin }),
      ...seatIds.map((seatId) =>
        call(env, 'POST', '/api/v1/seats/reserve', {
          user: newUser(),
          entryEventId: raced.id,
          body: { eventId: raced.id, seatIds: [seatId] },
        }),
      ),
    ]);
    const reserved = reserves.filter((answer) => answer.status === 201).length;
    if (deleted?.status === 204) {
      expect(reserved).toBe(0);
      for (const answer of reserves) expect(answer.status).toBe(404);
    } else {
      expect(deleted).toMatchObject({
        status: 409,
        body: { type: 'urn:urr:problem:ticket:event-has-reservations' },
      });
      expect(reserved).toBeGreaterThan(0);
      for (const answer of reserves) expect([201, 404]).toContain(answer.status);
    }
  });

  it('names what is wrong with a seat map or schedule, and keeps a ticket quantity above what is taken', async () => {
    const { event } = await createSaleEvent(env, admin);
    expect(
      await call(env, 'PUT', `/api/v1/admin/events/${event.id}/seat-map`, {
        user: admin,
        body: {
          grades: [{ name: 'R', price: 1 }],
          sections: [{ name: 'A', rows: [{ label: '1', seats: 5, grade: 'S' }] }],
        },
      }),
    ).toMatchObject({
      status: 422,
      body: { detail: 'row "1" of section "A" uses unknown grade "S"; grade "R" is used by no row' },
    });
    expect(
      await call(env, 'PATCH', `/api/v1/admin/events/${event.id}`, {
        user: admin,
        body: { presaleOpensAt: event.salesCloseAt },
      }),
    ).toMatchObject({ status: 422, body: { type: 'urn:urr:problem:ticket:invalid-sale-schedule' } });

    const { event: standing } = await createSaleEvent(env, admin, { kind: 'standing' });
    const [show] = expectStatus(
      await call(env, 'GET', `/api/v1/events/${standing.id}/performances`),
      200,
    ).items;
    const type = expectStatus(
      await call(env, 'POST', '/api/v1/admin/ticket-types', {
        user: admin,
        body: { performanceId: show.id, name: 'GA', price: 50_000, quantity: 5, perUserLimit: 4 },
      }),
      201,
    );
    expectStatus(
      await call(env, 'POST', '/api/v1/reservations', {
        user: newUser(),
        entryEventId: standing.id,
        body: { eventId: standing.id, ticketTypeId: type.id, quantity: 3 },
      }),
      201,
    );
    expect(
      await call(env, 'PATCH', `/api/v1/admin/ticket-types/${type.id}`, {
        user: admin,
        body: { quantity: 2 },
      }),
    ).toMatchObject({ status: 409, body: { type: 'urn:urr:problem:ticket:quantity-below-taken' } });
    expect(
      expectStatus(
        await call(env, 'PATCH', `/api/v1/admin/ticket-types/${type.id}`, {
          user: admin,
          body: { quantity: 10 },
        }),
        200,
      ),
    ).toMatchObject({ quantity: 10, remaining: 7 });
  });

  it('takes a performance from 1970 on, as documented, and reads back the instant it stored', async () => {
    const { event } = await createSaleEvent(env, admin);
    const document = (await call(env, 'GET', '/openapi.json')).body;
    const startsAt =
      document.paths['/api/v1/admin/performances'].post.requestBody.content['application/json'].schema
        .properties.startsAt;
    const documented = new RegExp(startsAt.pattern);
    expect([documented.test('0001-01-08T00:00:00Z'), documented.test('1970-01-01T00:00:00Z')]).toEqual([
      false,
      true,
    ]);
    expect(
      await call(env, 'POST', '/api/v1/admin/performances', {
        user: admin,
        body: { eventId: event.id, startsAt: '0001-01-08T00:00:00Z' },
      }),
    ).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ path: 'startsAt' })] } });
    const created = expectStatus(
      await call(env, 'POST', '/api/v1/admin/performances', {
        user: admin,
        body: { eventId: event.id, startsAt: '1970-01-08T00:00:00Z' },
      }),
      201,
    );
    const stored = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/performances`), 200);
    expect(stored.items.find((show: { id: string }) => show.id === created.id).startsAt).toBe(
      '1970-01-08T00:00:00.000Z',
    );
  });

  it('answers a change of a performance that another admin deletes meanwhile with 404, never a 500', async () => {
    const { event } = await createSaleEvent(env, admin);
    const statuses = new Set<number>();
    for (let round = 0; round < 10; round++) {
      const show = expectStatus(
        await call(env, 'POST', '/api/v1/admin/performances', {
          user: admin,
          body: { eventId: event.id, startsAt: '2031-01-08T19:00:00Z' },
        }),
        201,
      );
      const path = `/api/v1/admin/performances/${show.id}`;
      const answers = await Promise.all([
        ...Array.from({ length: 4 }, (_, index) =>
          call(env, 'PATCH', path, { user: admin, body: { startsAt: `2031-02-0${index + 1}T19:00:00Z` } }),
        ),
        call(env, 'DELETE', path, { user: admin }),
      ]);
      for (const answer of answers) statuses.add(answer.status);
    }
    expect([...statuses].filter((status) => ![200, 204, 404].includes(status))).toEqual([]);
  });

  it('lets only admins in: 401 without a user, 403 for a fan', async () => {
    expect(await call(env, 'GET', '/api/v1/admin/events')).toMatchObject({ status: 401 });
    expect(
      await call(env, 'POST', '/api/v1/admin/venues', { user: newUser(), body: { name: 'x' } }),
    ).toMatchObject({
      status: 403,
    });
    const openapi = expectStatus(await call(env, 'GET', '/openapi.json'), 200);
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/seats/reserve',
        '/api/v1/events/{id}/seats',
        '/internal/events/{eventId}/sales',
      ]),
    );
  });
});
