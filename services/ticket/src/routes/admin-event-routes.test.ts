import { randomUUID } from 'node:crypto';
import { type AuthUser, userHeadersOf, withTransaction } from '@urr/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHoldExpiryJob } from '../jobs/hold-expiry.js';
import {
  call,
  createSaleEvent,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { applyRefund, confirmReservation } from '../use-cases/reservation-lifecycle.js';

let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

interface GradeFigures {
  name: string;
  seatsTotal: number;
  seatsSold: number;
  seatsHeld: number;
  seatsLeft: number;
  takings: number;
}

async function eventDetail(eventId: string) {
  return expectStatus(await call(env, 'GET', `/api/v1/admin/events/${eventId}`, { user: admin }), 200);
}

/** What the organiser reads per grade, without ids, and the grades' sum beside the event's figures. */
async function gradeFigures(eventId: string) {
  const detail = await eventDetail(eventId);
  const grades = (detail.salesByGrade as GradeFigures[]).map(
    ({ name, seatsTotal, seatsSold, seatsHeld, seatsLeft, takings }) => ({
      name,
      seatsTotal,
      seatsSold,
      seatsHeld,
      seatsLeft,
      takings,
    }),
  );
  const sum = (pick: (grade: GradeFigures) => number) =>
    grades.reduce((total, grade) => total + pick(grade), 0);
  return {
    grades,
    summed: {
      seatsTotal: sum((grade) => grade.seatsTotal),
      seatsSold: sum((grade) => grade.seatsSold),
      seatsHeld: sum((grade) => grade.seatsHeld),
    },
    event: detail.sales,
  };
}

const reserve = async (eventId: string, seatIds: string[], buyer: AuthUser = newUser()) =>
  expectStatus(
    await call(env, 'POST', '/api/v1/seats/reserve', {
      user: buyer,
      entryEventId: eventId,
      body: { eventId, seatIds },
    }),
    201,
  ).id as string;

const pay = (reservationId: string) => {
  const paymentId = randomUUID();
  return withTransaction(env.db.primary, async (tx) => {
    await confirmReservation(tx, { reservationId, paymentId, now: new Date() });
    return paymentId;
  });
};

const refund = (reservationId: string, paymentId: string, amount: number, full: boolean) =>
  withTransaction(env.db.primary, (tx) =>
    applyRefund(tx, { reservationId, paymentId, refundId: randomUUID(), amount, full, now: new Date() }),
  );

describe('admin: sales per grade', () => {
  it('counts sold, held and left seats and takings per grade, adding up to the event figures', async () => {
    const { event } = await createSaleEvent(env, admin);
    expectStatus(
      await call(env, 'PUT', `/api/v1/admin/events/${event.id}/seat-map`, {
        user: admin,
        body: {
          grades: [
            { name: 'R', price: 100_000 },
            { name: 'VIP', price: 150_000 },
          ],
          sections: [
            {
              name: 'Floor',
              rows: [
                { label: 'A', seats: 4, grade: 'VIP' },
                { label: 'B', seats: 5, grade: 'R' },
              ],
            },
          ],
        },
      }),
      200,
    );
    const seatMap = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/seats`), 200);
    const seatsOf = (grade: string) =>
      (seatMap.seats as { id: string; grade: string }[])
        .filter((seat) => seat.grade === grade)
        .map((seat) => seat.id);
    const [vip1, vip2, vip3] = seatsOf('VIP') as [string, string, string];
    const [r1, r2, r3, r4] = seatsOf('R') as [string, string, string, string];

    // A hold taken half an hour ago has lapsed, but its seat is not on sale until the expiry job ends it.
    env.setNow(new Date(Date.now() - 30 * 60_000));
    await reserve(event.id, [r4]);
    env.setNow(undefined);

    await pay(await reserve(event.id, [vip1, vip2]));
    const partlyRefunded = await reserve(event.id, [vip3]);
    await refund(partlyRefunded, await pay(partlyRefunded), 50_000, false);
    await pay(await reserve(event.id, [r1]));
    await reserve(event.id, [r2]);
    const refunded = await reserve(event.id, [r3]);
    expect(await refund(refunded, await pay(refunded), 100_000, true)).toMatchObject({
      outcome: 'cancelled',
    });

    const before = await gradeFigures(event.id);
    expect(before.grades).toEqual([
      { name: 'VIP', seatsTotal: 4, seatsSold: 3, seatsHeld: 0, seatsLeft: 1, takings: 450_000 },
      { name: 'R', seatsTotal: 5, seatsSold: 1, seatsHeld: 2, seatsLeft: 2, takings: 100_000 },
    ]);
    expect(before.summed).toEqual(before.event);

    const holdExpiry = createHoldExpiryJob({ deps: env.ctx, logger: env.ctx.logger, intervalMs: 60_000 });
    expect(await holdExpiry.runOnce()).toBe(1);
    const after = await gradeFigures(event.id);
    expect(after.grades[1]).toEqual({
      name: 'R',
      seatsTotal: 5,
      seatsSold: 1,
      seatsHeld: 1,
      seatsLeft: 3,
      takings: 100_000,
    });
    expect(after.summed).toEqual(after.event);
    expect(after.event).toEqual({ seatsTotal: 9, seatsSold: 4, seatsHeld: 1 });
  });

  it('counts a standing event per ticket type, adding up to the event figures', async () => {
    const { event } = await createSaleEvent(env, admin, { kind: 'standing' });
    const [performance] = expectStatus(
      await call(env, 'GET', `/api/v1/events/${event.id}/performances`),
      200,
    ).items;
    for (const [name, price] of [
      ['Floor', 88_000],
      ['Balcony', 66_000],
    ] as const)
      expectStatus(
        await call(env, 'POST', '/api/v1/admin/ticket-types', {
          user: admin,
          body: { performanceId: performance.id, name, price, quantity: 50, perUserLimit: 4 },
        }),
        201,
      );
    const floor = (await eventDetail(event.id)).ticketTypes.find(
      (type: { name: string }) => type.name === 'Floor',
    );
    const buy = async (quantity: number) =>
      expectStatus(
        await call(env, 'POST', '/api/v1/reservations', {
          user: newUser(),
          entryEventId: event.id,
          body: { eventId: event.id, ticketTypeId: floor.id, quantity },
        }),
        201,
      ).id as string;
    await pay(await buy(3));
    await buy(2);

    const figures = await gradeFigures(event.id);
    expect(figures.grades).toEqual([
      { name: 'Floor', seatsTotal: 50, seatsSold: 3, seatsHeld: 2, seatsLeft: 45, takings: 264_000 },
      { name: 'Balcony', seatsTotal: 50, seatsSold: 0, seatsHeld: 0, seatsLeft: 50, takings: 0 },
    ]);
    expect(figures.summed).toEqual(figures.event);
  });

  it('answers a fan 403 and an unknown event 404, each as problem JSON', async () => {
    const { event } = await createSaleEvent(env, admin);
    const fan = await fetch(`${env.url}/api/v1/admin/events/${event.id}`, {
      headers: userHeadersOf(newUser()),
    });
    expect(fan.status).toBe(403);
    expect(fan.headers.get('content-type')).toContain('application/problem+json');
    expect(await fan.json()).not.toHaveProperty('salesByGrade');

    const unknown = await fetch(`${env.url}/api/v1/admin/events/${randomUUID()}`, {
      headers: userHeadersOf(admin),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(await unknown.json()).toMatchObject({ status: 404, title: expect.any(String) });
  });
});
