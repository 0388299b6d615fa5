import { randomUUID } from 'node:crypto';
import { type AuthUser, outbox, withTransaction } from '@urr/common';
import { waitingListKey } from '@urr/common/queue/waiting-list-key';
import { and, eq, inArray } from 'drizzle-orm';
import { reservationSeats, reservations, waitingListEntries } from '../db/schema.js';
import { waitingListStatesIn } from '../db/waiting-list-state-store.js';
import { createHoldExpiryJob } from '../jobs/hold-expiry.js';
import { createWaitingListJob } from '../jobs/waiting-list-job.js';
import { confirmReservation } from '../use-cases/reservation-lifecycle.js';
import { call, createSaleEvent, expectStatus, newUser, type TicketTestEnv } from './ticket-test-env.js';

/** A sold-out seated sale whose waiting list is open, for the waiting-list tests. */

export interface SoldSeat {
  readonly seatId: string;
  readonly grade: 'R' | 'S';
  readonly buyer: AuthUser;
  readonly reservationId: string;
  /** Set when the seat was paid for; an unpaid hold otherwise. */
  readonly paymentId: string | undefined;
}

export const gradePrices = { R: 100_000, S: 50_000 } as const;

/**
 * A seated sale of `seatsPerGrade` R seats (row 1) and as many S seats (row 2), every seat taken by a buyer
 * of its own: paid, except the seats `unpaid` picks, which stay unpaid holds. The waiting list is open, as
 * the operator sets it when a sale sells out.
 */
export async function soldOutSale(
  env: TicketTestEnv,
  options: { seatsPerGrade: number; unpaid?: (index: number) => boolean; offerSeconds?: number },
) {
  const admin = newUser('admin');
  const { event } = await createSaleEvent(env, admin, { maxTicketsPerReservation: 4 });
  expectStatus(
    await call(env, 'PUT', `/api/v1/admin/events/${event.id}/seat-map`, {
      user: admin,
      body: {
        grades: Object.entries(gradePrices).map(([name, price]) => ({ name, price })),
        sections: [
          {
            name: 'A',
            rows: [
              { label: '1', seats: options.seatsPerGrade, grade: 'R' },
              { label: '2', seats: options.seatsPerGrade, grade: 'S' },
            ],
          },
        ],
      },
    }),
    200,
  );
  const map = expectStatus(
    await call(env, 'GET', `/api/v1/admin/events/${event.id}/seat-map`, { user: admin }),
    200,
  );
  const gradeIds = Object.fromEntries(
    map.grades.map((grade: { id: string; name: string }) => [grade.name, grade.id]),
  ) as Record<'R' | 'S', string>;
  const seatMap = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/seats`), 200);
  const sold: SoldSeat[] = [];
  for (const [index, seat] of (seatMap.seats as { id: string; grade: 'R' | 'S' }[]).entries()) {
    const buyer = newUser();
    const held = expectStatus(
      await call(env, 'POST', '/api/v1/seats/reserve', {
        user: buyer,
        entryEventId: event.id,
        body: { eventId: event.id, seatIds: [seat.id] },
      }),
      201,
    );
    const paymentId = options.unpaid?.(index) ? undefined : randomUUID();
    if (paymentId)
      await withTransaction(env.db.primary, (tx) =>
        confirmReservation(tx, { reservationId: held.id, paymentId, now: new Date() }),
      );
    sold.push({ seatId: seat.id, grade: seat.grade, buyer, reservationId: held.id, paymentId });
  }
  await env.redis.set(waitingListKey(event.id), 'open');
  const deps = {
    ...env.ctx,
    offerSeconds: options.offerSeconds ?? 60,
    listStates: waitingListStatesIn(env.redis),
  };
  const newWaitingListJob = () => createWaitingListJob({ deps, logger: env.ctx.logger, intervalMs: 60_000 });
  return {
    event,
    gradeIds,
    sold,
    waitingList: newWaitingListJob(),
    /** Another waiting-list job over the same database and Redis, as another replica runs it. */
    newWaitingListJob,
    holdExpiry: createHoldExpiryJob({ deps: env.ctx, logger: env.ctx.logger, intervalMs: 60_000 }),
    close: () => env.redis.del(waitingListKey(event.id)),
  };
}

/** The event's entries in line order, with the seats of their offers. */
export async function entriesWithOffers(env: TicketTestEnv, eventId: string) {
  const entries = await env.db.primary
    .select()
    .from(waitingListEntries)
    .where(eq(waitingListEntries.eventId, eventId))
    .orderBy(waitingListEntries.seq);
  const offerIds = entries.flatMap((entry) => (entry.reservationId ? [entry.reservationId] : []));
  const seats =
    offerIds.length === 0
      ? []
      : await env.db.primary
          .select({
            reservationId: reservationSeats.reservationId,
            seatId: reservationSeats.seatId,
            status: reservations.status,
            userId: reservations.userId,
          })
          .from(reservationSeats)
          .innerJoin(reservations, eq(reservations.id, reservationSeats.reservationId))
          .where(inArray(reservationSeats.reservationId, offerIds));
  return entries.map((entry) => ({
    ...entry,
    offer: seats.filter((seat) => seat.reservationId === entry.reservationId),
  }));
}

/** The `waitlist.offer` events written for these fans. */
export async function offerEventsFor(env: TicketTestEnv, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return env.db.primary
    .select()
    .from(outbox)
    .where(and(eq(outbox.topic, 'waiting-list-events'), inArray(outbox.key, [...userIds])));
}
