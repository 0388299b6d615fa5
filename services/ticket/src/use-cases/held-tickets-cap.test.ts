import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservations, ticketTypes } from '../db/schema.js';
import { seatLockKey } from '../db/seat-lock-keys.js';
import {
  call,
  createSaleEvent,
  createSeatedSale,
  expectStatus,
  newUser,
  reserveSeatsAs,
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

const reserveSeats = (eventId: string, seatIds: string[], user = newUser()) =>
  reserveSeatsAs(env, eventId, seatIds, user);
const reserveStanding = (eventId: string, ticketTypeId: string, quantity: number, user = newUser()) =>
  call(env, 'POST', '/api/v1/reservations', {
    user,
    entryEventId: eventId,
    body: { eventId, ticketTypeId, quantity },
  });

async function unpaidHeldBy(eventId: string, userId: string): Promise<number> {
  const [row] = await env.db.primary
    .select({ held: sql<number>`coalesce(sum(${reservations.ticketCount}), 0)::int` })
    .from(reservations)
    .where(
      and(
        eq(reservations.eventId, eventId),
        eq(reservations.userId, userId),
        eq(reservations.status, 'PENDING_PAYMENT'),
      ),
    );
  return row?.held ?? 0;
}

describe('the per-account cap on unpaid tickets of one event', () => {
  it('20 concurrent reserves by one account hold at most the cap; the refused seats stay on sale for others', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 3, seatsPerRow: 10 });
    expect(event.maxHeldTicketsPerAccount).toBe(4);
    const hoarder = newUser();
    const wanted = seatIds.slice(0, 20);
    const answers = await Promise.all(wanted.map((seatId) => reserveSeats(event.id, [seatId], hoarder)));

    const won = answers.filter((answer) => answer.status === 201);
    expect(won).toHaveLength(4);
    expect(await unpaidHeldBy(event.id, hoarder.id)).toBe(4);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(16);
    for (const answer of refused)
      expect(answer).toMatchObject({
        status: 409,
        body: {
          type: 'urn:urr:problem:ticket:held-tickets-cap',
          maxHeldTicketsPerAccount: 4,
          held: 4,
          detail: expect.stringContaining('at most 4 unpaid tickets'),
        },
      });
    // Refused reservations released their Redis seat locks: only the four held seats are locked.
    const heldSeats = new Set(won.map((answer) => answer.body.seats[0].seatId as string));
    for (const seatId of wanted)
      expect(await env.redis.exists(seatLockKey(event.id, seatId))).toBe(heldSeats.has(seatId) ? 1 : 0);

    // Other accounts are not affected: they book the seats the hoarder was refused.
    const others = wanted.filter((seatId) => !heldSeats.has(seatId)).slice(0, 8);
    const booked = await Promise.all(
      [others.slice(0, 4), others.slice(4, 8)].map((seats) => reserveSeats(event.id, seats)),
    );
    for (const answer of booked) expect(answer.status).toBe(201);
  });

  it('counts every reservation of the account; a cancelled or expired hold makes room again', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 12 });
    const fan = newUser();
    const first = expectStatus(await reserveSeats(event.id, seatIds.slice(0, 3), fan), 201);
    expect(await reserveSeats(event.id, seatIds.slice(3, 5), fan)).toMatchObject({
      status: 409,
      body: { type: 'urn:urr:problem:ticket:held-tickets-cap', held: 3, maxHeldTicketsPerAccount: 4 },
    });
    const second = expectStatus(await reserveSeats(event.id, seatIds.slice(3, 4), fan), 201);

    expectStatus(await call(env, 'POST', `/api/v1/reservations/${first.id}/cancel`, { user: fan }), 200);
    expectStatus(await reserveSeats(event.id, seatIds.slice(4, 7), fan), 201);
    expect((await reserveSeats(event.id, seatIds.slice(7, 8), fan)).status).toBe(409);

    // Past the holds' deadline they no longer count, even before the expiry job ran.
    env.setNow(new Date(new Date(second.expiresAt).getTime() + 1000));
    try {
      expectStatus(await reserveSeats(event.id, seatIds.slice(8, 12), fan), 201);
    } finally {
      env.setNow(undefined);
    }
  });

  it('is set per event by an admin', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 10 });
    const updated = expectStatus(
      await call(env, 'PATCH', `/api/v1/admin/events/${event.id}`, {
        user: admin,
        body: { maxHeldTicketsPerAccount: 6 },
      }),
      200,
    );
    expect(updated.maxHeldTicketsPerAccount).toBe(6);
    const fan = newUser();
    expectStatus(await reserveSeats(event.id, seatIds.slice(0, 3), fan), 201);
    expectStatus(await reserveSeats(event.id, seatIds.slice(3, 6), fan), 201);
    expect(await reserveSeats(event.id, seatIds.slice(6, 7), fan)).toMatchObject({
      status: 409,
      body: { held: 6, maxHeldTicketsPerAccount: 6 },
    });
    expect(
      await call(env, 'PATCH', `/api/v1/admin/events/${event.id}`, {
        user: admin,
        body: { maxHeldTicketsPerAccount: 0 },
      }),
    ).toMatchObject({ status: 400 });
  });

  it('caps standing tickets too: concurrent reserves of one account hold at most the cap, no ticket lost', async () => {
    const { event } = await createSaleEvent(env, admin, { kind: 'standing' });
    const [performance] = expectStatus(
      await call(env, 'GET', `/api/v1/events/${event.id}/performances`),
      200,
    ).items;
    // The ticket type's own per-user limit is far above the event's cap: the cap is what must hold.
    const ticketType = expectStatus(
      await call(env, 'POST', '/api/v1/admin/ticket-types', {
        user: admin,
        body: {
          performanceId: performance.id,
          name: 'Floor',
          price: 50_000,
          quantity: 100,
          perUserLimit: 50,
        },
      }),
      201,
    );
    const fan = newUser();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => reserveStanding(event.id, ticketType.id, 2, fan)),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(2);
    for (const answer of answers.filter((candidate) => candidate.status !== 201))
      expect(answer.body.type).toBe('urn:urr:problem:ticket:held-tickets-cap');
    expect(await unpaidHeldBy(event.id, fan.id)).toBe(4);
    const [type] = await env.db.primary.select().from(ticketTypes).where(eq(ticketTypes.id, ticketType.id));
    expect(type?.remaining).toBe(96);
    expectStatus(await reserveStanding(event.id, ticketType.id, 4), 201);
  });
});
