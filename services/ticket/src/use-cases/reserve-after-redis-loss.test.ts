import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEvent } from '../db/event-store.js';
import { reservationSeats, reservations, seatFencing } from '../db/schema.js';
import {
  call,
  createSeatedSale,
  expectStatus,
  newUser,
  reserveSeatsAs,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { writeSeatReservation } from './reserve-seats.js';

let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const reserve = (eventId: string, seatIds: string[], user = newUser()) =>
  reserveSeatsAs(env, eventId, seatIds, user);

/** What a Redis restart (no persistence), a flush or a failover does to one event's seat locks and sequences. */
async function loseSeatLockKeys(eventId: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await env.redis.scan(cursor, 'MATCH', `seat:${eventId}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await env.redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

describe('seat reservations after Redis lost its seat-lock keys', () => {
  it('reserves every seat at once again (201), and a write under a stale token is still refused', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 3 });
    const [seatA = '', seatB = '', seatC = ''] = seatIds;
    // Seats A and B change hands a few times: the database's newest token climbs to 3 for each.
    for (let round = 0; round < 3; round++) {
      const fan = newUser();
      const held = expectStatus(await reserve(event.id, [seatA, seatB], fan), 201);
      expectStatus(await call(env, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: fan }), 200);
    }
    // A buyer locks A and stalls before writing; then Redis loses every key of the event.
    const stalled = await env.ctx.seatLocks.acquire(event.id, [seatA], randomUUID());
    if (!stalled.acquired) throw new Error('the stalled buyer must get the lock');
    expect(await loseSeatLockKeys(event.id)).toBeGreaterThanOrEqual(3);

    const fan = newUser();
    const after = expectStatus(await reserve(event.id, [seatA, seatB, seatC], fan), 201);
    expect(after.status).toBe('PENDING_PAYMENT');
    const fenced = await env.db.primary
      .select()
      .from(seatFencing)
      .where(inArray(seatFencing.seatId, [seatA, seatB, seatC]));
    expect(Object.fromEntries(fenced.map((row) => [row.seatId, row.maxToken]))).toEqual({
      [seatA]: 4,
      [seatB]: 4,
      [seatC]: 1,
    });

    // The stalled buyer's token is not newer than the one the database now holds: refused.
    const eventRow = (await findEvent(env.db.primary, event.id))!;
    await expect(
      writeSeatReservation(env.ctx, {
        user: newUser(),
        event: eventRow,
        performanceId: after.performanceId,
        locks: stalled.locks,
        prices: new Map([[seatA, 100_000]]),
        now: new Date(),
      }),
    ).rejects.toMatchObject({ status: 409, problem: { type: 'urn:urr:problem:ticket:stale-seat-lock' } });
    const holders = await env.db.primary
      .select({ userId: reservations.userId })
      .from(reservationSeats)
      .innerJoin(reservations, eq(reservations.id, reservationSeats.reservationId))
      .where(and(eq(reservationSeats.seatId, seatA), eq(reservationSeats.status, 'PENDING_PAYMENT')));
    expect(holders).toEqual([{ userId: fan.id }]);

    // And the sequence keeps climbing from there: the next owner of A gets a newer token.
    expectStatus(await call(env, 'POST', `/api/v1/reservations/${after.id}/cancel`, { user: fan }), 200);
    expectStatus(await reserve(event.id, [seatA]), 201);
    const [newestA] = await env.db.primary.select().from(seatFencing).where(eq(seatFencing.seatId, seatA));
    expect(newestA?.maxToken).toBe(5);
  });
});
