import { randomUUID } from 'node:crypto';
import { outbox } from '@urr/common';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEvent } from '../db/event-store.js';
import { reservations } from '../db/schema.js';
import { createHoldExpiryJob } from '../jobs/hold-expiry.js';
import {
  call,
  createSeatedSale,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { writeSeatReservation } from './reserve-seats.js';

// Seat locks and unpaid holds last one second here, so the test can watch them run out.
const ttlSeconds = 1;
let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv({ seatLockTtlSeconds: ttlSeconds });
});
afterAll(async () => {
  await env?.close();
});

const reserve = (eventId: string, seatId: string, user = newUser()) =>
  call(env, 'POST', '/api/v1/seats/reserve', {
    user,
    entryEventId: eventId,
    body: { eventId, seatIds: [seatId] },
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const outlive = () => sleep(ttlSeconds * 1000 + 200);

describe('fencing tokens and expired holds', () => {
  it('refuses a write whose lock expired and was taken over, even once the seat is free again', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 1 });
    const seatId = seatIds[0]!;
    const eventRow = (await findEvent(env.db.primary, event.id))!;
    const slow = newUser();
    // A buyer locks the seat, then stalls past the lock's TTL before writing.
    const stalled = await env.ctx.seatLocks.acquire(event.id, [seatId], randomUUID());
    if (!stalled.acquired) throw new Error('the first lock must succeed');
    await outlive();

    const fast = newUser();
    const taken = expectStatus(await reserve(event.id, seatId, fast), 201);
    expect(taken.seats[0].seatId).toBe(seatId);
    expectStatus(await call(env, 'POST', `/api/v1/reservations/${taken.id}/cancel`, { user: fast }), 200);

    const write = writeSeatReservation(env.ctx, {
      user: slow,
      event: eventRow,
      performanceId: taken.performanceId,
      locks: stalled.locks,
      prices: new Map([[seatId, 100_000]]),
      now: new Date(),
    });
    await expect(write).rejects.toMatchObject({
      status: 409,
      problem: { type: 'urn:urr:problem:ticket:stale-seat-lock' },
    });
    const slowRows = await env.db.primary.select().from(reservations).where(eq(reservations.userId, slow.id));
    expect(slowRows).toEqual([]);
    // The seat stays on sale for the next buyer.
    expect(expectStatus(await reserve(event.id, seatId), 201).status).toBe('PENDING_PAYMENT');
  });

  it('expires an unpaid hold through the job: EXPIRED, seat free, reservation.expired published', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 1 });
    const seatId = seatIds[0]!;
    const first = expectStatus(await reserve(event.id, seatId), 201);
    expect(await reserve(event.id, seatId)).toMatchObject({ status: 409 });
    await outlive();

    const job = createHoldExpiryJob({ deps: env.ctx, logger: env.ctx.logger, intervalMs: 1000 });
    expect(await job.runOnce()).toBeGreaterThanOrEqual(1);
    const [expired] = await env.db.primary.select().from(reservations).where(eq(reservations.id, first.id));
    expect(expired).toMatchObject({ status: 'EXPIRED', expiredAt: expect.any(Date) });
    const events = await env.db.primary.select().from(outbox).where(eq(outbox.key, first.id));
    expect(events.map((row) => row.envelope.type)).toEqual(['reservation.created', 'reservation.expired']);
    expect(events[1]?.envelope.payload).toMatchObject({
      reservationId: first.id,
      eventId: event.id,
      ticketCount: 1,
    });

    const map = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/seats`), 200);
    expect(map.counts).toEqual({ available: 1, held: 0, sold: 0 });
    expect(expectStatus(await reserve(event.id, seatId), 201).seats[0].seatId).toBe(seatId);
  });

  it('frees a lapsed hold for the next buyer even before the job ran', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 1 });
    const seatId = seatIds[0]!;
    const first = expectStatus(await reserve(event.id, seatId), 201);
    await outlive();
    const next = expectStatus(await reserve(event.id, seatId), 201);
    expect(next.id).not.toBe(first.id);
    const [lapsed] = await env.db.primary.select().from(reservations).where(eq(reservations.id, first.id));
    expect(lapsed?.status).toBe('EXPIRED');
  });
});
