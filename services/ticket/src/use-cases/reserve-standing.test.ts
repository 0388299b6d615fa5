import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservations, ticketHoldings, ticketTypes } from '../db/schema.js';
import {
  type Answer,
  call,
  createSaleEvent,
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

async function standingSale(quantity: number, perUserLimit: number) {
  const { event } = await createSaleEvent(env, admin, { kind: 'standing' });
  const [performance] = expectStatus(
    await call(env, 'GET', `/api/v1/events/${event.id}/performances`),
    200,
  ).items;
  const ticketType = expectStatus(
    await call(env, 'POST', '/api/v1/admin/ticket-types', {
      user: admin,
      body: { performanceId: performance.id, name: 'Floor', price: 88_000, quantity, perUserLimit },
    }),
    201,
  );
  return { event, ticketType };
}

const buy = (eventId: string, ticketTypeId: string, quantity: number, user = newUser()) =>
  call(env, 'POST', '/api/v1/reservations', {
    user,
    entryEventId: eventId,
    body: { eventId, ticketTypeId, quantity },
  });

describe('standing tickets', () => {
  it('never oversell under 200 concurrent buyers, and no buyer passes the per-user limit', async () => {
    const { event, ticketType } = await standingSale(100, 3);
    // 100 buyers each send two requests for 2 tickets at once: demand 400 for 100 tickets, and a second
    // request of the same buyer would take them to 4, past their limit of 3.
    const buyers = Array.from({ length: 100 }, () => newUser());
    const requests = buyers.flatMap((user) => [user, user]);
    const started = performance.now();
    const answers = await Promise.all(requests.map((user) => buy(event.id, ticketType.id, 2, user)));
    const elapsedMs = Math.round(performance.now() - started);

    const won = answers.filter((answer) => answer.status === 201);
    expect(won.reduce((sum, answer) => sum + answer.body.ticketCount, 0)).toBe(100);
    const perBuyer = new Map<string, number>();
    requests.forEach((user, index) => {
      const answer = answers[index] as Answer;
      if (answer.status === 201)
        perBuyer.set(user.id, (perBuyer.get(user.id) ?? 0) + answer.body.ticketCount);
    });
    expect(Math.max(...perBuyer.values())).toBeLessThanOrEqual(3);
    const refusals = answers.filter((answer) => answer.status !== 201);
    expect(refusals).toHaveLength(200 - won.length);
    for (const answer of refusals) {
      expect(answer.status).toBe(409);
      expect(['urn:urr:problem:ticket:sold-out', 'urn:urr:problem:ticket:per-user-limit']).toContain(
        answer.body.type,
      );
    }
    expect(refusals.some((answer) => answer.body.type === 'urn:urr:problem:ticket:per-user-limit')).toBe(
      true,
    );

    const [left] = await env.db.primary.select().from(ticketTypes).where(eq(ticketTypes.id, ticketType.id));
    expect(left?.remaining).toBe(0);
    const [held] = await env.db.primary
      .select({ tickets: sql<number>`sum(${reservations.ticketCount})::int` })
      .from(reservations)
      .where(
        and(eq(reservations.ticketTypeId, ticketType.id), inArray(reservations.status, ['PENDING_PAYMENT'])),
      );
    expect(held?.tickets).toBe(100);
    const holdings = await env.db.primary
      .select()
      .from(ticketHoldings)
      .where(eq(ticketHoldings.ticketTypeId, ticketType.id));
    expect(holdings.every((holding) => holding.quantity <= 3)).toBe(true);
    expect(holdings.reduce((sum, holding) => sum + holding.quantity, 0)).toBe(100);
    console.info(`standing race: 200 requests, 100 tickets, ${elapsedMs} ms`);
  });

  it('tells a buyer what is left, and sells returned tickets again', async () => {
    const { event, ticketType } = await standingSale(3, 4);
    const first = newUser();
    const held = expectStatus(await buy(event.id, ticketType.id, 2, first), 201);
    expect(held).toMatchObject({ kind: 'standing', amount: 176_000, ticketCount: 2, seats: [] });
    expect(await buy(event.id, ticketType.id, 2)).toMatchObject({
      status: 409,
      body: {
        type: 'urn:urr:problem:ticket:sold-out',
        remaining: 1,
        detail: 'only 1 "Floor" tickets are left; you asked for 2',
      },
    });
    expectStatus(await call(env, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: first }), 200);
    const types = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/ticket-types`), 200);
    expect(types.items).toMatchObject([{ id: ticketType.id, remaining: 3, quantity: 3 }]);
    // The cancelled tickets no longer count against the first buyer's limit either.
    expect(expectStatus(await buy(event.id, ticketType.id, 3, first), 201).ticketCount).toBe(3);
  });

  it('refuses more per reservation than the limit, a seat route for a standing event, and a foreign type', async () => {
    const { event, ticketType } = await standingSale(10, 2);
    expect(await buy(event.id, ticketType.id, 3)).toMatchObject({
      status: 422,
      body: { type: 'urn:urr:problem:ticket:too-many-tickets' },
    });
    expect(await buy(event.id, randomUUID(), 1)).toMatchObject({ status: 404 });
    expect(
      await call(env, 'POST', '/api/v1/seats/reserve', {
        user: newUser(),
        entryEventId: event.id,
        body: { eventId: event.id, seatIds: [randomUUID()] },
      }),
    ).toMatchObject({ status: 409, body: { type: 'urn:urr:problem:ticket:wrong-event-kind' } });
    expect(await buy(event.id, ticketType.id, 0)).toMatchObject({ status: 400 });
  });
});
