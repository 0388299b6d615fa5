import { randomUUID } from 'node:crypto';
import { outbox } from '@urr/common';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservationSeats, reservations } from '../db/schema.js';
import {
  call,
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

/** As the gateway forwards it; `entryEventId: null` is a request without an admission. */
const reserve = (
  eventId: string,
  seatIds: string[],
  user = newUser(),
  entryEventId: string | null = eventId,
) =>
  call(env, 'POST', '/api/v1/seats/reserve', {
    user,
    ...(entryEventId ? { entryEventId } : {}),
    body: { eventId, seatIds },
  });

describe('seat reservations', () => {
  it('500 concurrent buyers race for 50 seats: exactly 50 reservations, no seat twice, every loser a 409', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 5, seatsPerRow: 10 });
    expect(seatIds).toHaveLength(50);

    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, buyer) => reserve(event.id, [seatIds[buyer % 50] ?? ''])),
    );
    const elapsedMs = Math.round(performance.now() - started);

    const won = answers.filter((answer) => answer.status === 201);
    const lost = answers.filter((answer) => answer.status !== 201);
    expect(won).toHaveLength(50);
    expect(new Set(won.map((answer) => answer.body.seats[0].seatId)).size).toBe(50);
    for (const answer of won)
      expect(answer.body).toMatchObject({ status: 'PENDING_PAYMENT', amount: 100_000, currency: 'KRW' });
    expect(lost).toHaveLength(450);
    for (const answer of lost)
      expect(answer).toMatchObject({
        status: 409,
        body: {
          type: 'urn:urr:problem:ticket:seat-unavailable',
          detail: expect.stringMatching(/already taken/),
        },
      });

    const rows = await env.db.primary
      .select({ seatId: reservationSeats.seatId })
      .from(reservationSeats)
      .innerJoin(reservations, eq(reservations.id, reservationSeats.reservationId))
      .where(eq(reservations.eventId, event.id));
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((row) => row.seatId)).size).toBe(50);
    const map = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/seats`), 200);
    expect(map.counts).toEqual({ available: 0, held: 50, sold: 0 });
    const created = await env.db.primary
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.key,
          won.map((answer) => answer.body.id),
        ),
      );
    expect(created.map((row) => row.envelope.type)).toEqual(Array(50).fill('reservation.created'));
    console.info(`seat race: 500 buyers, 50 seats, ${elapsedMs} ms`);
  });

  it('holds several seats at once, all or none, priced by the server', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 6 });
    const [a, b, c, d] = seatIds;
    const buyer = newUser();
    const first = expectStatus(await reserve(event.id, [a!, b!], buyer), 201);
    expect(first).toMatchObject({ amount: 200_000, ticketCount: 2 });
    expect(first.seats.map((seat: { row: string; number: number }) => `${seat.row}-${seat.number}`)).toEqual([
      '1-1',
      '1-2',
    ]);
    // The answer lists the seats as the reservation read back does (where they are, grade, price, order).
    const readBack = expectStatus(
      await call(env, 'GET', `/api/v1/reservations/${first.id}`, { user: buyer }),
      200,
    );
    expect(readBack.seats).toEqual(first.seats);
    expect(first.seats[0]).toMatchObject({ seatId: a, section: 'A', row: '1', grade: 'R', price: 100_000 });
    const overlapping = await reserve(event.id, [c!, b!]);
    expect(overlapping).toMatchObject({ status: 409, body: { seatIds: [b] } });
    expect(expectStatus(await reserve(event.id, [c!, d!]), 201)).toMatchObject({ ticketCount: 2 });
    const tooMany = await reserve(event.id, seatIds.slice(0, 5));
    expect(tooMany).toMatchObject({ status: 422, body: { type: 'urn:urr:problem:ticket:too-many-tickets' } });
  });

  it('refuses a buyer without a queue admission for this event (403), and bad input (400, 404)', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 2 });
    const seat = seatIds[0]!;
    expect(await reserve(event.id, [seat], newUser(), null)).toMatchObject({
      status: 403,
      body: { type: 'urn:urr:problem:ticket:entry-required' },
    });
    const otherEvent = randomUUID();
    expect(await reserve(event.id, [seat], newUser(), otherEvent)).toMatchObject({
      status: 403,
      body: { type: 'urn:urr:problem:ticket:entry-for-other-event', admittedEventId: otherEvent },
    });
    expect(
      await call(env, 'POST', '/api/v1/seats/reserve', {
        entryEventId: event.id,
        body: { eventId: event.id, seatIds: [seat] },
      }),
    ).toMatchObject({ status: 401 });
    expect(await reserve(event.id, ['not-a-uuid'])).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'seatIds.0' }] },
    });
    expect(await reserve(event.id, [randomUUID()])).toMatchObject({ status: 404 });
    // Nothing was held by the refused attempts.
    expect(expectStatus(await reserve(event.id, [seat]), 201)).toMatchObject({ status: 'PENDING_PAYMENT' });
  });

  it('gives a cancelled hold back to the sale at once, and lists the buyer’s reservations', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 1 });
    const buyer = newUser();
    const held = expectStatus(await reserve(event.id, seatIds, buyer), 201);
    expect(
      await call(env, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: newUser() }),
    ).toMatchObject({ status: 404 });
    const cancelled = expectStatus(
      await call(env, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer }),
      200,
    );
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'user' });
    expect(await call(env, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer })).toMatchObject({
      status: 409,
    });
    expect(expectStatus(await reserve(event.id, seatIds), 201).seats[0].seatId).toBe(seatIds[0]);

    const mine = expectStatus(await call(env, 'GET', '/api/v1/reservations?size=5', { user: buyer }), 200);
    expect(mine).toMatchObject({ total: 1, items: [{ id: held.id, status: 'CANCELLED' }] });
    const [event_] = await env.db.primary
      .select()
      .from(outbox)
      .where(and(eq(outbox.key, held.id)));
    expect(event_?.envelope.type).toBe('reservation.created');
    const types = (await env.db.primary.select().from(outbox).where(eq(outbox.key, held.id))).map(
      (row) => row.envelope.type,
    );
    expect(types).toEqual(['reservation.created', 'reservation.cancelled']);
  });
});
