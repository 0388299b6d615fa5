import { randomUUID } from 'node:crypto';
import { waitingListKey } from '@urr/common/queue/waiting-list-key';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createSaleEvent,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { entriesWithOffers, gradePrices, soldOutSale } from '../testing/waiting-list-sale.js';

/** The waiting list's routes: joining, my place per grade, leaving, and a problem body for every refusal. */

let env: TicketTestEnv;
let sale: Awaited<ReturnType<typeof soldOutSale>>;
beforeAll(async () => {
  env = await startTicketTestEnv();
  sale = await soldOutSale(env, { seatsPerGrade: 1 });
});
afterAll(async () => {
  await sale?.close();
  await env?.close();
});

const join = (user: ReturnType<typeof newUser> | undefined, body: unknown, eventId = sale.event.id) =>
  call(env, 'POST', `/api/v1/events/${eventId}/waiting-list`, { ...(user ? { user } : {}), body });

function expectProblem(
  answer: { status: number; body: Record<string, unknown> },
  status: number,
  type?: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (type) expect(answer.body.type).toBe(`urn:urr:problem:ticket:${type}`);
}

describe('joining the waiting list', () => {
  it('puts fans in line in the order they joined, per grade, and shows each their place', async () => {
    const [first, second, third] = [newUser(), newUser(), newUser()];
    const both = ['R', 'S'];
    expectStatus(await join(first, { grades: ['R'], maxPrice: gradePrices.R, quantity: 1 }), 201);
    expectStatus(await join(second, { grades: ['S'], maxPrice: gradePrices.S, quantity: 1 }), 201);
    const joined = expectStatus(
      await join(third, { grades: both, maxPrice: gradePrices.R, quantity: 2 }),
      201,
    );
    expect(joined).toMatchObject({ status: 'waiting', listState: 'open', quantity: 2, offer: null });
    expect(joined.places).toEqual(
      expect.arrayContaining([
        { forId: sale.gradeIds.R, name: 'R', position: 2 },
        { forId: sale.gradeIds.S, name: 'S', position: 2 },
      ]),
    );
    const mine = expectStatus(await call(env, 'GET', '/api/v1/waiting-list', { user: third }), 200);
    expect(mine.items.map((item: { id: string }) => item.id)).toEqual([joined.id]);

    // One live entry per account and event.
    expectProblem(
      await join(third, { grades: both, maxPrice: gradePrices.R, quantity: 1 }),
      409,
      'already-on-waiting-list',
    );

    // The first leaves: the others move up; the one who left joins again at the back.
    expect(
      expectStatus(
        await call(env, 'DELETE', `/api/v1/events/${sale.event.id}/waiting-list`, { user: first }),
        200,
      ),
    ).toMatchObject({
      status: 'left',
    });
    const place = expectStatus(
      await call(env, 'GET', `/api/v1/events/${sale.event.id}/waiting-list`, { user: third }),
      200,
    );
    expect(place.entry.places).toContainEqual({ forId: sale.gradeIds.R, name: 'R', position: 1 });
    expectProblem(
      await call(env, 'DELETE', `/api/v1/events/${sale.event.id}/waiting-list`, { user: first }),
      404,
      'not-found',
    );
    const again = expectStatus(
      await join(first, { grades: ['R'], maxPrice: gradePrices.R, quantity: 1 }),
      201,
    );
    expect(again.places).toEqual([{ forId: sale.gradeIds.R, name: 'R', position: 2 }]);
    const none = expectStatus(
      await call(env, 'GET', `/api/v1/events/${sale.event.id}/waiting-list`, { user: newUser() }),
      200,
    );
    expect(none).toEqual({ eventId: sale.event.id, listState: 'open', entry: null });
  });

  it('offers to a fan who joins while a seat is free, and refuses to let them leave while it is held', async () => {
    const other = await soldOutSale(env, { seatsPerGrade: 1 });
    try {
      const rSeat = other.sold.find((seat) => seat.grade === 'R');
      expectStatus(
        await call(env, 'POST', `/api/v1/reservations/${rSeat?.reservationId}/cancel`, {
          user: rSeat?.buyer,
        }),
        200,
      );
      await other.waitingList.runOnce();
      const fan = newUser();
      expectStatus(
        await join(fan, { grades: ['R'], maxPrice: gradePrices.R, quantity: 1 }, other.event.id),
        201,
      );
      await other.waitingList.runOnce();
      const place = expectStatus(
        await call(env, 'GET', `/api/v1/events/${other.event.id}/waiting-list`, { user: fan }),
        200,
      );
      expect(place.entry).toMatchObject({
        status: 'offered',
        places: [],
        offer: { reservationId: expect.any(String) },
      });
      const offer = expectStatus(
        await call(env, 'GET', `/api/v1/reservations/${place.entry.offer.reservationId}`, { user: fan }),
        200,
      );
      expect(offer).toMatchObject({
        status: 'PENDING_PAYMENT',
        seats: [expect.objectContaining({ seatId: rSeat?.seatId })],
      });
      expectProblem(
        await call(env, 'DELETE', `/api/v1/events/${other.event.id}/waiting-list`, { user: fan }),
        409,
        'offer-pending',
      );
      // The fan declines by cancelling the held reservation: the entry says so.
      expectStatus(await call(env, 'POST', `/api/v1/reservations/${offer.id}/cancel`, { user: fan }), 200);
      const [entry] = await entriesWithOffers(env, other.event.id);
      expect(entry?.status).toBe('declined');
    } finally {
      await other.close();
    }
  });

  it('answers a problem body for every bad request', async () => {
    const fan = newUser();
    const R = 'R';
    expectProblem(await join(undefined, { grades: [R], maxPrice: 1, quantity: 1 }), 401);
    expectProblem(await join(fan, { grades: [R], maxPrice: -1, quantity: 1 }), 400);
    expectProblem(await join(fan, { grades: [''], maxPrice: 1, quantity: 1 }), 400);
    expectProblem(await join(fan, { grades: [R], maxPrice: 1, quantity: 0 }), 400);
    expectProblem(await join(fan, { maxPrice: 1, quantity: 1 }), 422, 'grades-required');
    expectProblem(
      await join(fan, { grades: ['VIP'], maxPrice: gradePrices.R, quantity: 1 }),
      422,
      'unknown-grade',
    );
    expectProblem(
      await join(fan, { grades: [R], maxPrice: gradePrices.R - 1, quantity: 1 }),
      422,
      'max-price-too-low',
    );
    expectProblem(
      await join(fan, { grades: [R], maxPrice: gradePrices.R, quantity: 5 }),
      422,
      'too-many-tickets',
    );
    expectProblem(
      await join(fan, { grades: [R], performanceId: randomUUID(), maxPrice: gradePrices.R, quantity: 1 }),
      422,
      'unknown-performance',
    );
    expectProblem(await join(fan, { grades: [R], maxPrice: 1, quantity: 1 }, randomUUID()), 404, 'not-found');
    expectProblem(await call(env, 'GET', '/api/v1/waiting-list'), 401);
  });

  it('lets nobody join before the list opens or after it closed', async () => {
    const admin = newUser('admin');
    const { event } = await createSaleEvent(env, admin);
    const body = { grades: ['R'], maxPrice: 1, quantity: 1 };
    expectProblem(await join(newUser(), body, event.id), 409, 'waiting-list-not-open');
    await env.redis.set(waitingListKey(event.id), 'closed');
    try {
      expectProblem(await join(newUser(), body, event.id), 409, 'waiting-list-closed');
      const place = expectStatus(
        await call(env, 'GET', `/api/v1/events/${event.id}/waiting-list`, { user: newUser() }),
        200,
      );
      expect(place.listState).toBe('closed');
    } finally {
      await env.redis.del(waitingListKey(event.id));
    }
  });
});
