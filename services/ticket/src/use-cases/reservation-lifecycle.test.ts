import { randomUUID } from 'node:crypto';
import { outbox, withTransaction } from '@urr/common';
import { reservationEvents } from '@urr/common/events/domain-events';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRefundRequest } from '../db/refund-request-store.js';
import {
  call,
  createSeatedSale,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { cancelReservation, confirmReservation, expireReservation } from './reservation-lifecycle.js';

let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const internal = (path: string, token = env.config.INTERNAL_API_TOKEN) =>
  call(env, 'GET', path, { headers: { 'x-internal-token': token } });

async function heldSeats(count: number) {
  const sale = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: count });
  const buyer = newUser();
  const reservation = expectStatus(
    await call(env, 'POST', '/api/v1/seats/reserve', {
      user: buyer,
      entryEventId: sale.event.id,
      body: { eventId: sale.event.id, seatIds: sale.seatIds },
    }),
    201,
  );
  return { ...sale, buyer, reservation };
}

const inTx = <T>(work: Parameters<typeof withTransaction<Record<string, unknown>, T>>[1]) =>
  withTransaction(env.db.primary, work);

describe('what payment results do to a reservation (the payment-events consumer calls these)', () => {
  it('confirms a hold once per payment: seats sold, reservation.confirmed published, redelivery changes nothing', async () => {
    const { event, buyer, reservation } = await heldSeats(2);
    const paymentId = randomUUID();
    const now = new Date();
    const confirmed = await inTx((tx) =>
      confirmReservation(tx, { reservationId: reservation.id, paymentId, amount: 200_000, now }),
    );
    expect(confirmed).toMatchObject({
      outcome: 'confirmed',
      reservation: { status: 'CONFIRMED', paymentId },
    });
    await env.ctx.seatLocks.release(confirmed.seatLocks);
    expect(confirmed.seatLocks).toHaveLength(2);

    const again = await inTx((tx) =>
      confirmReservation(tx, { reservationId: reservation.id, paymentId, now }),
    );
    expect(again.outcome).toBe('already-confirmed');
    const otherPayment = await inTx((tx) =>
      confirmReservation(tx, { reservationId: reservation.id, paymentId: randomUUID(), now }),
    );
    expect(otherPayment.outcome).toBe('not-pending');

    const map = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/seats`), 200);
    expect(map.counts).toEqual({ available: 0, held: 0, sold: 2 });
    const rows = await env.db.primary.select().from(outbox).where(eq(outbox.key, reservation.id));
    const confirmedEvent = rows.find((row) => row.envelope.type === 'reservation.confirmed');
    expect(reservationEvents['reservation.confirmed'].parse(confirmedEvent?.envelope.payload)).toEqual({
      reservationId: reservation.id,
      eventId: event.id,
      userId: buyer.id,
      amount: 200_000,
      currency: 'KRW',
      ticketCount: 2,
      paymentId,
    });

    expect(
      expectStatus(
        await internal(`/internal/reservations/confirmed?userId=${buyer.id}&eventId=${event.id}`),
        200,
      ),
    ).toEqual({ userId: buyer.id, eventId: event.id, confirmed: true });
    expect(
      expectStatus(
        await internal(`/internal/reservations/confirmed?userId=${randomUUID()}&eventId=${event.id}`),
        200,
      ).confirmed,
    ).toBe(false);
    expect(expectStatus(await internal(`/internal/events/${event.id}/sales`), 200)).toEqual({
      seatsTotal: 2,
      seatsSold: 2,
      seatsHeld: 0,
    });
    // Cancelling the paid reservation requests its refund in the same transaction (the refund job does it).
    expect(
      await call(env, 'POST', `/api/v1/reservations/${reservation.id}/cancel`, { user: buyer }),
    ).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
    expect(await findRefundRequest(env.db.primary, paymentId)).toMatchObject({
      reservationId: reservation.id,
      reason: 'cancelled',
      status: 'pending',
    });
  });

  it('refuses a payment of the wrong amount, and one that arrives after the hold expired', async () => {
    const { reservation } = await heldSeats(1);
    const wrong = await inTx((tx) =>
      confirmReservation(tx, {
        reservationId: reservation.id,
        paymentId: randomUUID(),
        amount: 1,
        now: new Date(),
      }),
    );
    expect(wrong.outcome).toBe('amount-mismatch');

    const late = new Date(Date.parse(reservation.expiresAt) + 1000);
    expect((await inTx((tx) => expireReservation(tx, reservation.id, late))).outcome).toBe('expired');
    const afterExpiry = await inTx((tx) =>
      confirmReservation(tx, { reservationId: reservation.id, paymentId: randomUUID(), now: late }),
    );
    expect(afterExpiry).toMatchObject({ outcome: 'not-pending', reservation: { status: 'EXPIRED' } });
  });

  it('cancels a hold whose payment failed and puts its seats back on sale', async () => {
    const { event, reservation } = await heldSeats(1);
    const cancelled = await inTx((tx) =>
      cancelReservation(tx, { reservationId: reservation.id, reason: 'payment-failed', now: new Date() }),
    );
    expect(cancelled).toMatchObject({
      outcome: 'cancelled',
      refund: false,
      reservation: { status: 'CANCELLED' },
    });
    if (cancelled.outcome === 'cancelled') await env.ctx.seatLocks.release(cancelled.seatLocks);
    const map = expectStatus(await call(env, 'GET', `/api/v1/events/${event.id}/seats`), 200);
    expect(map.counts).toEqual({ available: 1, held: 0, sold: 0 });
    const [last] = (await env.db.primary.select().from(outbox).where(eq(outbox.key, reservation.id))).slice(
      -1,
    );
    expect(last?.envelope).toMatchObject({
      type: 'reservation.cancelled',
      payload: { reason: 'payment-failed' },
    });
    expect(expectStatus(await internal(`/internal/reservations/${reservation.id}`), 200)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'payment-failed',
    });
  });

  it('answers internal calls only with the internal token', async () => {
    const { event } = await heldSeats(1);
    expect(await internal(`/internal/events/${event.id}/sales`, 'x'.repeat(64))).toMatchObject({
      status: 401,
    });
    expect(await internal(`/internal/events/${randomUUID()}/sales`)).toMatchObject({ status: 404 });
    expect(expectStatus(await internal(`/internal/events/${event.id}/sales`), 200)).toEqual({
      seatsTotal: 1,
      seatsSold: 0,
      seatsHeld: 1,
    });
  });
});
