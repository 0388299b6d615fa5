import { randomUUID } from 'node:crypto';
import { type AuthUser, withTransaction } from '@urr/common';
import { waitingListEvents } from '@urr/common/events/domain-events';
import { waitingListKey } from '@urr/common/queue/waiting-list-key';
import { seededRandom } from '@urr/common/testing/seeded-random';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservationSeats, reservations, waitingListEntries, waitingListWakeups } from '../db/schema.js';
import { seatLockKey } from '../db/seat-lock-keys.js';
import { waitingListStatesIn } from '../db/waiting-list-state-store.js';
import { createHoldExpiryJob } from '../jobs/hold-expiry.js';
import { createWaitingListJob } from '../jobs/waiting-list-job.js';
import {
  call,
  createSaleEvent,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import {
  entriesWithOffers,
  gradePrices,
  offerEventsFor,
  type SoldSeat,
  soldOutSale,
} from '../testing/waiting-list-sale.js';
import { applyRefund, confirmReservation } from './reservation-lifecycle.js';

/**
 * The waiting list of a sold-out sale against the real Postgres and Redis: 50 fans in line, 10 seats
 * coming back in a random order by the three ways seats come back (an unpaid hold expiring, a buyer's
 * cancel, a full refund). Each release is offered to the first fan in line who takes its grade, as a held
 * reservation under the booking's seat locks; unpaid offers pass on after the window. Seeded:
 * `WAITING_LIST_SEED` replays a run.
 */

const seed = Number(process.env.WAITING_LIST_SEED ?? 20_261_205);
const offerSeconds = 60;

let env: TicketTestEnv;
beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

type Grade = 'R' | 'S';

interface Fan {
  readonly user: AuthUser;
  readonly grades: readonly Grade[];
}

/**
 * The reference: when seats come back one at a time, each goes to the first fan in line who takes its
 * grade; when several are free at once, each fan in line order takes the first free seat (in seat-map
 * order) of a grade they take.
 */
function expectedOffers(line: readonly Fan[], free: readonly SoldSeat[], done: ReadonlySet<string>) {
  const offers = new Map<string, string>();
  const left = [...free];
  for (const fan of line) {
    if (done.has(fan.user.id)) continue;
    const index = left.findIndex((seat) => fan.grades.includes(seat.grade));
    if (index < 0) continue;
    offers.set(fan.user.id, left[index]?.seatId ?? '');
    left.splice(index, 1);
  }
  return offers;
}

describe('the waiting list offers returned seats in line order', () => {
  it('50 fans, 10 seats back by expiry, cancel and refund: 10 offers in order, each seat to one fan; unpaid ones pass on', async () => {
    const random = seededRandom(seed);
    // 12 R and 12 S seats; every third one an unpaid hold (those come back by expiring).
    const sale = await soldOutSale(env, {
      seatsPerGrade: 12,
      unpaid: (index) => index % 3 === 0,
      offerSeconds,
    });
    try {
      const line: Fan[] = [];
      for (let place = 0; place < 50; place += 1) {
        const grades = random.pick<Grade[]>([['R'], ['S'], ['R', 'S']]);
        const fan = { user: newUser(), grades };
        expectStatus(
          await call(env, 'POST', `/api/v1/events/${sale.event.id}/waiting-list`, {
            user: fan.user,
            body: {
              grades,
              maxPrice: Math.max(...grades.map((grade) => gradePrices[grade])),
              quantity: 1,
            },
          }),
          201,
        );
        line.push(fan);
      }
      await sale.waitingList.runOnce();
      expect(
        (await entriesWithOffers(env, sale.event.id)).filter((entry) => entry.status !== 'waiting'),
      ).toEqual([]);

      // 10 seats back, in a random order: 3 holds expire, 4 buyers cancel, 3 payments are refunded in full.
      const unpaid = sale.sold.filter((seat) => !seat.paymentId);
      const paid = sale.sold.filter((seat) => seat.paymentId);
      const shuffle = <T>(items: T[]) =>
        items
          .map((item) => ({ item, key: random.next() }))
          .sort((a, b) => a.key - b.key)
          .map(({ item }) => item);
      const paidShuffled = shuffle(paid);
      const releases = shuffle([
        ...shuffle(unpaid)
          .slice(0, 3)
          .map((seat) => ({ seat, how: 'expiry' as const })),
        ...paidShuffled.slice(0, 4).map((seat) => ({ seat, how: 'cancel' as const })),
        ...paidShuffled.slice(4, 7).map((seat) => ({ seat, how: 'refund' as const })),
      ]);
      const released: SoldSeat[] = [];
      const offeredSoFar = new Map<string, string>();
      for (const { seat, how } of releases) {
        if (how === 'expiry') {
          await env.db.primary
            .update(reservations)
            .set({ expiresAt: sql`now() - interval '1 second'` })
            .where(eq(reservations.id, seat.reservationId));
          expect(await sale.holdExpiry.runOnce()).toBe(1);
        } else if (how === 'cancel') {
          expectStatus(
            await call(env, 'POST', `/api/v1/reservations/${seat.reservationId}/cancel`, {
              user: seat.buyer,
            }),
            200,
          );
        } else {
          const refunded = await withTransaction(env.db.primary, (tx) =>
            applyRefund(tx, {
              reservationId: seat.reservationId,
              paymentId: seat.paymentId ?? '',
              refundId: randomUUID(),
              amount: gradePrices[seat.grade],
              full: true,
              now: new Date(),
            }),
          );
          expect(refunded.outcome).toBe('cancelled');
        }
        released.push(seat);
        await sale.waitingList.runOnce();

        const entries = await entriesWithOffers(env, sale.event.id);
        const offered = new Map(
          entries
            .filter((entry) => entry.status === 'offered')
            .map((entry) => [entry.userId, entry.offer.map((s) => s.seatId)]),
        );
        const expected = expectedOffers(line, [seat], new Set(offeredSoFar.keys()));
        for (const [userId, seatId] of expected) offeredSoFar.set(userId, seatId);
        expect(offered).toEqual(new Map([...offeredSoFar].map(([userId, seatId]) => [userId, [seatId]])));
      }

      const entries = await entriesWithOffers(env, sale.event.id);
      const offers = entries.filter((entry) => entry.status === 'offered');
      expect(offers).toHaveLength(10);
      // No seat offered to two fans: every released seat is in exactly one offer, held for that fan.
      expect(offers.flatMap((entry) => entry.offer.map((seat) => seat.seatId)).sort()).toEqual(
        released.map((seat) => seat.seatId).sort(),
      );
      for (const entry of offers) {
        expect(entry.offer).toEqual([
          expect.objectContaining({
            status: 'PENDING_PAYMENT',
            userId: entry.userId,
            reservationId: entry.reservationId,
          }),
        ]);
        // The same seat lock a booking takes, for the offer's reservation.
        const lock = await env.redis.get(seatLockKey(sale.event.id, entry.offer[0]?.seatId ?? ''));
        expect(lock?.endsWith(`:${entry.reservationId}`)).toBe(true);
      }
      const events = await offerEventsFor(
        env,
        offers.map((entry) => entry.userId),
      );
      expect(events).toHaveLength(10);
      for (const row of events) {
        const payload = waitingListEvents['waitlist.offer'].parse(row.envelope.payload);
        const entry = offers.find((offer) => offer.id === payload.entryId);
        expect(payload).toMatchObject({
          reservationId: entry?.reservationId,
          userId: entry?.userId,
          ticketCount: 1,
        });
      }
      // A fan waiting sees where they stand per grade: the first still waiting for R is first for R.
      const firstForR = line.find(
        (fan) => fan.grades.includes('R') && !offers.some((o) => o.userId === fan.user.id),
      );
      const place = expectStatus(
        await call(env, 'GET', `/api/v1/events/${sale.event.id}/waiting-list`, { user: firstForR?.user }),
        200,
      );
      expect(place.entry.places).toContainEqual({ forId: sale.gradeIds.R, name: 'R', position: 1 });

      // One fan pays; the rest let the window pass: their seats go to the next in line.
      const payer = offers[0];
      await withTransaction(env.db.primary, (tx) =>
        confirmReservation(tx, {
          reservationId: payer?.reservationId ?? '',
          paymentId: randomUUID(),
          now: new Date(),
        }),
      );
      env.setNow(new Date(Date.now() + (offerSeconds + 5) * 1000));
      expect(await sale.holdExpiry.runOnce()).toBe(9);
      await sale.waitingList.runOnce();
      env.setNow(undefined);

      const after = await entriesWithOffers(env, sale.event.id);
      const statusOf = (userId: string) => after.find((entry) => entry.userId === userId)?.status;
      expect(statusOf(payer?.userId ?? '')).toBe('fulfilled');
      for (const entry of offers.slice(1)) expect(statusOf(entry.userId)).toBe('missed');
      const passedOn = sale.sold.filter((seat) =>
        offers.slice(1).some((entry) => entry.offer.some((offered) => offered.seatId === seat.seatId)),
      );
      const done = new Set(offers.map((entry) => entry.userId));
      const expectedNext = expectedOffers(line, passedOn, done);
      const nowOffered = new Map(
        after
          .filter((entry) => entry.status === 'offered')
          .map((entry) => [entry.userId, entry.offer.map((s) => s.seatId)]),
      );
      expect(nowOffered).toEqual(new Map([...expectedNext].map(([userId, seatId]) => [userId, [seatId]])));
      expect(nowOffered.size).toBe(9);
      await expectNoSeatHeldTwice(sale.event.id);
    } finally {
      await sale.close();
    }
  });
});

async function expectNoSeatHeldTwice(eventId: string) {
  const active = await env.db.primary
    .select({ seatId: reservationSeats.seatId })
    .from(reservationSeats)
    .innerJoin(reservations, eq(reservations.id, reservationSeats.reservationId))
    .where(
      sql`${reservations.eventId} = ${eventId} and ${inArray(reservationSeats.status, ['PENDING_PAYMENT', 'CONFIRMED'])}`,
    );
  expect(new Set(active.map((row) => row.seatId)).size).toBe(active.length);
}

describe('the waiting list of a standing sale', () => {
  it('offers returned tickets of the wished type to whoever in line they fit, and passes them on unpaid', async () => {
    const admin = newUser('admin');
    const { event } = await createSaleEvent(env, admin, { kind: 'standing' });
    const [performance] = expectStatus(
      await call(env, 'GET', `/api/v1/events/${event.id}/performances`),
      200,
    ).items;
    const floor = expectStatus(
      await call(env, 'POST', '/api/v1/admin/ticket-types', {
        user: admin,
        body: { performanceId: performance.id, name: 'Floor', price: 70_000, quantity: 4, perUserLimit: 4 },
      }),
      201,
    );
    const buyers = [newUser(), newUser()];
    const held = [];
    for (const buyer of buyers)
      held.push(
        expectStatus(
          await call(env, 'POST', '/api/v1/reservations', {
            user: buyer,
            entryEventId: event.id,
            body: { eventId: event.id, ticketTypeId: floor.id, quantity: 2 },
          }),
          201,
        ),
      );
    await env.redis.set(waitingListKey(event.id), 'open');
    try {
      const job = createWaitingListJob({
        deps: { ...env.ctx, offerSeconds, listStates: waitingListStatesIn(env.redis) },
        logger: env.ctx.logger,
        intervalMs: 60_000,
      });
      const expiry = createHoldExpiryJob({ deps: env.ctx, logger: env.ctx.logger, intervalMs: 60_000 });
      const [pair, single, another] = [newUser(), newUser(), newUser()];
      for (const [fan, quantity] of [
        [pair, 2],
        [single, 1],
        [another, 1],
      ] as const)
        expectStatus(
          await call(env, 'POST', `/api/v1/events/${event.id}/waiting-list`, {
            user: fan,
            body: { ticketTypeId: floor.id, maxPrice: 70_000, quantity },
          }),
          201,
        );
      expectStatus(
        await call(env, 'POST', `/api/v1/reservations/${held[0].id}/cancel`, { user: buyers[0] }),
        200,
      );
      await job.runOnce();
      const statuses = async () =>
        new Map((await entriesWithOffers(env, event.id)).map((entry) => [entry.userId, entry.status]));
      expect(await statuses()).toEqual(
        new Map([
          [pair.id, 'offered'],
          [single.id, 'waiting'],
          [another.id, 'waiting'],
        ]),
      );
      // The pair lets the window pass: one ticket each to the next two in line.
      env.setNow(new Date(Date.now() + (offerSeconds + 5) * 1000));
      expect(await expiry.runOnce()).toBe(1);
      await job.runOnce();
      env.setNow(undefined);
      expect(await statuses()).toEqual(
        new Map([
          [pair.id, 'missed'],
          [single.id, 'offered'],
          [another.id, 'offered'],
        ]),
      );
      const left = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/ticket-types`), 200)
        .items[0];
      expect(left.remaining).toBe(0);
    } finally {
      await env.redis.del(waitingListKey(event.id));
    }
  });
});

describe('a fan the hold would put over their cap', () => {
  it('is passed over for the release, keeps their place, and the next fan in line is offered the seat', async () => {
    const sale = await soldOutSale(env, { seatsPerGrade: 1, unpaid: (index) => index === 0 });
    try {
      const admin = newUser('admin');
      expectStatus(
        await call(env, 'PATCH', `/api/v1/admin/events/${sale.event.id}`, {
          user: admin,
          body: { maxHeldTicketsPerAccount: 1 },
        }),
        200,
      );
      // The first in line holds an unpaid ticket of the sale already: one more would pass the cap of 1.
      const capped = sale.sold.find((seat) => !seat.paymentId);
      const next = newUser();
      for (const fan of [capped?.buyer, next])
        expectStatus(
          await call(env, 'POST', `/api/v1/events/${sale.event.id}/waiting-list`, {
            user: fan,
            body: { grades: ['R', 'S'], maxPrice: gradePrices.R, quantity: 1 },
          }),
          201,
        );
      const paid = sale.sold.find((seat) => seat.paymentId);
      expectStatus(
        await call(env, 'POST', `/api/v1/reservations/${paid?.reservationId}/cancel`, { user: paid?.buyer }),
        200,
      );
      await sale.waitingList.runOnce();
      const entries = await entriesWithOffers(env, sale.event.id);
      expect(entries.map((entry) => [entry.userId, entry.status])).toEqual([
        [capped?.buyer.id, 'waiting'],
        [next.id, 'offered'],
      ]);
      // Nothing left to match: the next release wakes the list again.
      expect(await env.db.primary.select().from(waitingListWakeups)).toEqual([]);
    } finally {
      await sale.close();
    }
  });
});

describe('a long line', () => {
  it('finds the first fan the seat fits past the first page of the line', async () => {
    const sale = await soldOutSale(env, { seatsPerGrade: 1 });
    try {
      // 600 fans who take only S, then one who takes R: the R seat that comes back is theirs.
      await env.db.primary.insert(waitingListEntries).values(
        Array.from({ length: 600 }, () => ({
          eventId: sale.event.id,
          userId: newUser().id,
          gradeIds: [sale.gradeIds.S],
          maxPrice: gradePrices.S,
          quantity: 1,
        })),
      );
      const rFan = newUser();
      expectStatus(
        await call(env, 'POST', `/api/v1/events/${sale.event.id}/waiting-list`, {
          user: rFan,
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
      await sale.waitingList.runOnce();
      const offered = (await entriesWithOffers(env, sale.event.id)).filter(
        (entry) => entry.status === 'offered',
      );
      expect(offered.map((entry) => [entry.userId, entry.offer.map((seat) => seat.seatId)])).toEqual([
        [rFan.id, [rSeat?.seatId]],
      ]);
    } finally {
      await sale.close();
    }
  });
});
