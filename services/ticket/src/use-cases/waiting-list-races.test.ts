import { outbox, withTransaction } from '@urr/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservationSeats, reservations, waitingListWakeups } from '../db/schema.js';
import { insertEntry, lockWaitingList } from '../db/waiting-list-store.js';
import {
  call,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { entriesWithOffers, gradePrices, soldOutSale } from '../testing/waiting-list-sale.js';

/**
 * Joins, releases and two matchers (two replicas' waiting-list jobs) all at once: whatever the
 * interleaving, no seat is offered to two fans, no fan gets two offers, and the offers go to the first
 * fans of the line (every fan takes every seat, so the line's order alone decides who is offered).
 */

let env: TicketTestEnv;
beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const rounds = 3;
const fans = 30;
const releasedSeats = 10;

describe('the waiting list under concurrent releases, joins and matchers', () => {
  for (let round = 1; round <= rounds; round += 1)
    it(`round ${round}: ${releasedSeats} seats to the first ${releasedSeats} of ${fans} fans, each once`, async () => {
      const sale = await soldOutSale(env, { seatsPerGrade: 6 });
      const replica = sale.newWaitingListJob();
      try {
        const grades = ['R', 'S'];
        let joining = true;
        const matchers = [sale.waitingList, replica].map(async (job) => {
          while (joining) await job.runOnce();
        });
        const joins = Array.from({ length: fans }, async () => {
          const fan = newUser();
          return expectStatus(
            await call(env, 'POST', `/api/v1/events/${sale.event.id}/waiting-list`, {
              user: fan,
              body: { grades, maxPrice: gradePrices.R, quantity: 1 },
            }),
            201,
          );
        });
        const cancels = sale.sold.slice(0, releasedSeats).map(async (seat) =>
          expectStatus(
            await call(env, 'POST', `/api/v1/reservations/${seat.reservationId}/cancel`, {
              user: seat.buyer,
            }),
            200,
          ),
        );
        await Promise.all([...joins, ...cancels]);
        joining = false;
        await Promise.all(matchers);
        // Settle what the racing matchers left: the wakeups written last.
        while ((await env.db.primary.select().from(waitingListWakeups)).length > 0)
          await sale.waitingList.runOnce();

        const entries = await entriesWithOffers(env, sale.event.id);
        expect(entries).toHaveLength(fans);
        const offered = entries.filter((entry) => entry.status === 'offered');
        expect(offered.map((entry) => entry.seq)).toEqual(
          entries.slice(0, releasedSeats).map((entry) => entry.seq),
        );
        const seats = offered.flatMap((entry) => entry.offer.map((seat) => seat.seatId));
        expect(seats).toHaveLength(releasedSeats);
        expect(new Set(seats)).toEqual(new Set(sale.sold.slice(0, releasedSeats).map((seat) => seat.seatId)));
        const offerEvents = await env.db.primary
          .select()
          .from(outbox)
          .where(
            and(
              eq(outbox.topic, 'waiting-list-events'),
              inArray(
                outbox.key,
                entries.map((entry) => entry.userId),
              ),
            ),
          );
        expect(offerEvents).toHaveLength(releasedSeats);
        const active = await env.db.primary
          .select({ seatId: reservationSeats.seatId })
          .from(reservationSeats)
          .innerJoin(reservations, eq(reservations.id, reservationSeats.reservationId))
          .where(
            sql`${reservations.eventId} = ${sale.event.id} and ${reservationSeats.status} in ('PENDING_PAYMENT', 'CONFIRMED')`,
          );
        expect(new Set(active.map((row) => row.seatId)).size).toBe(active.length);
        expect(active).toHaveLength(sale.sold.length);
      } finally {
        await sale.close();
      }
    });
});

describe('the line order against a join still committing', () => {
  it('a matcher waits for a join that drew its place before it, so the earlier fan is offered first', async () => {
    const sale = await soldOutSale(env, { seatsPerGrade: 1 });
    try {
      const gradeIds = [sale.gradeIds.R];
      const early = newUser();
      let commit = () => {};
      const committed = new Promise<void>((resolve) => {
        commit = resolve;
      });
      let drawn = () => {};
      const placeDrawn = new Promise<void>((resolve) => {
        drawn = resolve;
      });
      // The early fan's join has drawn its place in line but not committed yet.
      const earlyJoin = withTransaction(env.db.primary, async (tx) => {
        await lockWaitingList(tx, sale.event.id, 'join');
        await insertEntry(tx, {
          eventId: sale.event.id,
          userId: early.id,
          gradeIds,
          ticketTypeId: null,
          performanceId: null,
          maxPrice: gradePrices.R,
          quantity: 1,
          createdAt: new Date(),
        });
        drawn();
        await committed;
      });
      await placeDrawn;
      const late = newUser();
      expectStatus(
        await call(env, 'POST', `/api/v1/events/${sale.event.id}/waiting-list`, {
          user: late,
          body: { grades: ['R'], maxPrice: gradePrices.R, quantity: 1 },
        }),
        201,
      );
      const rSeat = sale.sold.find((seat) => seat.grade === 'R');
      expectStatus(
        await call(env, 'POST', `/api/v1/reservations/${rSeat?.reservationId}/cancel`, {
          user: rSeat?.buyer,
        }),
        200,
      );
      const matching = sale.waitingList.runOnce();
      // The early join commits once the matcher is waiting for the list's lock (or has finished without it).
      await Promise.race([matching, advisoryLockAwaited()]);
      commit();
      await Promise.all([earlyJoin, matching]);
      await sale.waitingList.runOnce();

      const entries = await entriesWithOffers(env, sale.event.id);
      expect(entries.map((entry) => [entry.userId, entry.status])).toEqual([
        [early.id, 'offered'],
        [late.id, 'waiting'],
      ]);
    } finally {
      await sale.close();
    }
  });
});

/** Resolves once some transaction waits for an advisory lock. */
async function advisoryLockAwaited(): Promise<void> {
  for (;;) {
    const { rows } = await env.db.primary.execute<{ waiting: number }>(
      sql`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`,
    );
    if (Number(rows[0]?.waiting) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
