import { randomUUID } from 'node:crypto';
import { createEnvelope, userHeadersOf } from '@urr/common';
import { entryEventIdHeader } from '@urr/common/queue/booking-writes';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createPaymentClient, refundKeyOf } from '../clients/payment-client.js';
import { findRefundRequest } from '../db/refund-request-store.js';
import { outbox, ticketTypes } from '../db/schema.js';
import { createHoldExpiryJob } from '../jobs/hold-expiry.js';
import { type BookingWithPayments, startBookingWithPayments } from '../testing/booking-with-payments.js';
import {
  call,
  createSaleEvent,
  createSeatedSale,
  expectStatus,
  newUser,
} from '../testing/ticket-test-env.js';

/**
 * Paying for reservations end to end: ticket-service and payment-service with the test PSP, each on its
 * own port, and ticket's consumer on the real Kafka.
 */

const cards = {
  good: '4242424242424242',
  declined: '4000000000000002',
};

let booking: BookingWithPayments;
const admin = newUser('admin');

beforeAll(async () => {
  // A loaded machine must not turn a slow good charge into a timeout; late-payment.test.ts has the timeouts.
  booking = await startBookingWithPayments({ pspTimeoutMs: 10_000 });
});
afterAll(async () => {
  await booking?.close();
});

const confirmedEventsOf = async (reservationId: string) =>
  booking.ticket.db.primary
    .select()
    .from(outbox)
    .where(
      and(
        sql`${outbox.envelope}->>'type' = 'reservation.confirmed'`,
        sql`${outbox.envelope}->'payload'->>'reservationId' = ${reservationId}`,
      ),
    );

describe('paying for a reservation', () => {
  it('pay → CONFIRMED; retrying with the same Idempotency-Key replays the answer and charges once', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 2 });
    const buyer = newUser();
    const held = expectStatus(await booking.reserveSeat(event.id, seatIds[0]!, buyer), 201);
    expect(held).toMatchObject({ status: 'PENDING_PAYMENT', amount: 100_000 });
    expect(held.paymentIntentId).toEqual(expect.any(String));

    const key = randomUUID();
    const paid = await booking.pay(held.paymentIntentId, buyer, cards.good, key);
    expect(paid).toMatchObject({ status: 200, replayed: 'false', body: { status: 'succeeded' } });
    const confirmed = await booking.waitForStatus(held.id, 'CONFIRMED');
    expect(confirmed.paymentId).toBe(held.paymentIntentId);
    expect(await booking.seatState(event.id, seatIds[0]!)).toBe('sold');

    const retried = await booking.pay(held.paymentIntentId, buyer, cards.good, key);
    expect(retried).toMatchObject({ status: 200, replayed: 'true', body: { status: 'succeeded' } });
    const anotherKey = await booking.pay(held.paymentIntentId, buyer, cards.good);
    expect(anotherKey.status).toBe(409);
    expect(booking.payment.chargesOf(held.paymentIntentId)).toMatchObject([
      { status: 'succeeded', amount: 100_000, requestCount: 1 },
    ]);
    expect(await confirmedEventsOf(held.id)).toHaveLength(1);

    const mine = expectStatus(
      await call(booking.ticket, 'GET', `/api/v1/reservations/${held.id}`, { user: buyer }),
      200,
    );
    expect(mine).toMatchObject({ status: 'CONFIRMED', paymentId: held.paymentIntentId });
  });

  it('a declined card keeps the hold: another card confirms it', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 2 });
    const buyer = newUser();
    const held = expectStatus(await booking.reserveSeat(event.id, seatIds[0]!, buyer), 201);
    expect(await booking.pay(held.paymentIntentId, buyer, cards.declined)).toMatchObject({
      status: 402,
      body: { attemptsLeft: 2, paymentStatus: 'requires_payment' },
    });
    expect(await booking.seatState(event.id, seatIds[0]!)).toBe('held');
    expect((await booking.pay(held.paymentIntentId, buyer, cards.good)).status).toBe(200);
    await booking.waitForStatus(held.id, 'CONFIRMED');
    expect(await booking.seatState(event.id, seatIds[0]!)).toBe('sold');
  });

  it('three declined cards → CANCELLED (payment-failed) and the seat is free: another buyer reserves it', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 2 });
    const seatId = seatIds[0]!;
    const buyer = newUser();
    const held = expectStatus(await booking.reserveSeat(event.id, seatId, buyer), 201);
    expect(await booking.seatState(event.id, seatId)).toBe('held');

    for (const attemptsLeft of [2, 1, 0])
      expect(await booking.pay(held.paymentIntentId, buyer, cards.declined)).toMatchObject({
        status: 402,
        body: { attemptsLeft },
      });
    const cancelled = await booking.waitForStatus(held.id, 'CANCELLED');
    expect(cancelled.cancelReason).toBe('payment-failed');
    expect(await booking.seatState(event.id, seatId)).toBe('available');

    const other = newUser();
    const taken = expectStatus(await booking.reserveSeat(event.id, seatId, other), 201);
    expect(taken.paymentIntentId).not.toBe(held.paymentIntentId);
    expect(await booking.pay(taken.paymentIntentId, other, cards.good)).toMatchObject({ status: 200 });
    await booking.waitForStatus(taken.id, 'CONFIRMED');

    // The failed one is over: no new payment for it.
    const again = await call(booking.ticket, 'GET', `/api/v1/reservations/${held.id}/payment-intent`, {
      user: buyer,
    });
    expect(again.status).toBe(409);
  });

  it('a payment of standing tickets declined to the limit gives the quantity back', async () => {
    const { event } = await createSaleEvent(booking.ticket, admin, { kind: 'standing' });
    const [performance] = expectStatus(
      await call(booking.ticket, 'GET', `/api/v1/events/${event.id}/performances`),
      200,
    ).items;
    const ticketType = expectStatus(
      await call(booking.ticket, 'POST', '/api/v1/admin/ticket-types', {
        user: admin,
        body: { performanceId: performance.id, name: 'Floor', price: 50_000, quantity: 3, perUserLimit: 3 },
      }),
      201,
    );
    const remaining = async () =>
      (
        await booking.ticket.db.primary
          .select({ remaining: ticketTypes.remaining })
          .from(ticketTypes)
          .where(eq(ticketTypes.id, ticketType.id))
      )[0]?.remaining;
    const buyer = newUser();
    const held = expectStatus(
      await call(booking.ticket, 'POST', '/api/v1/reservations', {
        user: buyer,
        entryEventId: event.id,
        body: { eventId: event.id, ticketTypeId: ticketType.id, quantity: 3 },
      }),
      201,
    );
    expect(held.paymentIntentId).toEqual(expect.any(String));
    expect(await remaining()).toBe(0);
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await booking.pay(held.paymentIntentId, buyer, cards.declined)).status).toBe(402);
    await booking.waitForStatus(held.id, 'CANCELLED');
    expect(await remaining()).toBe(3);
  });
});

describe('a free seat (priced 0)', () => {
  it('is confirmed without a charge, once; cancelling it asks for no refund', async () => {
    const { event } = await createSaleEvent(booking.ticket, admin, { kind: 'seated' });
    expectStatus(
      await call(booking.ticket, 'PUT', `/api/v1/admin/events/${event.id}/seat-map`, {
        user: admin,
        body: {
          grades: [{ name: 'Invitation', price: 0 }],
          sections: [{ name: 'A', rows: [{ label: '1', seats: 1, grade: 'Invitation' }] }],
        },
      }),
      200,
    );
    const [seat] = expectStatus(
      await call(booking.ticket, 'GET', `/api/v1/events/${event.id}/seats`),
      200,
    ).seats;
    const buyer = newUser();
    const held = expectStatus(await booking.reserveSeat(event.id, seat.id, buyer), 201);
    expect(held).toMatchObject({ amount: 0, paymentIntentId: expect.any(String) });

    expect(await booking.pay(held.paymentIntentId, buyer, cards.good)).toMatchObject({
      status: 200,
      body: { status: 'succeeded', capturedAmount: 0 },
    });
    const confirmed = await booking.waitForStatus(held.id, 'CONFIRMED');
    expect(confirmed.paymentId).toBe(held.paymentIntentId);
    expect((await booking.pay(held.paymentIntentId, buyer, cards.good)).status).toBe(409);
    expect(booking.payment.chargesOf(held.paymentIntentId)).toEqual([]);
    expect(await confirmedEventsOf(held.id)).toHaveLength(1);

    expectStatus(
      await call(booking.ticket, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer }),
      200,
    );
    expect(await findRefundRequest(booking.ticket.db.primary, held.paymentIntentId)).toBeUndefined();
    expect(await booking.seatState(event.id, seat.id)).toBe('available');
  });
});

describe('payments no reservation kept', () => {
  it('a success for a hold that expired is refunded; the seat stays with whoever has it', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 1 });
    const buyer = newUser();
    const held = expectStatus(await booking.reserveSeat(event.id, seatIds[0]!, buyer), 201);
    // ticket-service's clock passes the hold's deadline and its expiry job ends it; payment-service
    // (its own clock) still takes the payment.
    booking.ticket.setNow(new Date(Date.now() + 10 * 60_000));
    try {
      const expiry = createHoldExpiryJob({
        deps: booking.ticket.ctx,
        logger: booking.ticket.ctx.logger,
        intervalMs: 1000,
      });
      await expiry.runOnce();
      expect((await booking.reservation(held.id))?.status).toBe('EXPIRED');
      expect((await booking.pay(held.paymentIntentId, buyer, cards.good)).status).toBe(200);
      const refunded = await booking.waitFor(async () => {
        const paid = await booking.paymentOf(held.paymentIntentId);
        return paid?.status === 'refunded' && paid;
      }, 'the refund of the payment for an expired hold');
      expect(refunded.refundedAmount).toBe(100_000);
      expect((await booking.reservation(held.id))?.status).toBe('EXPIRED');
    } finally {
      booking.ticket.setNow(undefined);
    }
  });

  it('a report about an unknown reservation is ignored and logged', async () => {
    const reservationId = randomUUID();
    const envelope = createEnvelope({
      type: 'payment.succeeded',
      payload: {
        paymentId: randomUUID(),
        reservationId,
        userId: randomUUID(),
        eventId: randomUUID(),
        amount: 1000,
        currency: 'KRW',
      },
    });
    await booking.publish([envelope]);
    const logged = await booking.waitFor(
      async () =>
        booking.ticket
          .logs()
          .find(
            (line) =>
              line.msg === 'payment for an unknown reservation' && line.reservationId === reservationId,
          ),
      'the log line',
    );
    expect(logged).toMatchObject({ level: 'warn', messageId: envelope.id });
  });
});

describe('cancelling a paid reservation', () => {
  it('gives the seat back and refunds the payment (one refund, whatever the retries)', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 1 });
    const buyer = newUser();
    const held = expectStatus(await booking.reserveSeat(event.id, seatIds[0]!, buyer), 201);
    expect((await booking.pay(held.paymentIntentId, buyer, cards.good)).status).toBe(200);
    const confirmed = await booking.waitForStatus(held.id, 'CONFIRMED');

    const cancelled = expectStatus(
      await call(booking.ticket, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer }),
      200,
    );
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'user' });
    expect(await booking.seatState(event.id, seatIds[0]!)).toBe('available');
    await booking.waitFor(async () => {
      const paid = await booking.paymentOf(held.paymentIntentId);
      return paid?.status === 'refunded';
    }, 'the refund of the cancelled reservation');
    // A retried cancel, and the refund asked again under its key, are answered without a second refund.
    expect(
      (await call(booking.ticket, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer })).status,
    ).toBe(409);
    expect(
      await booking.payments.refund(confirmed.paymentId!, {
        idempotencyKey: refundKeyOf(confirmed.paymentId!),
        reason: 'the reservation was cancelled',
      }),
    ).toMatchObject({ outcome: 'refunded' });
    const paid = await booking.paymentOf(held.paymentIntentId);
    expect(paid).toMatchObject({ status: 'refunded', refundedAmount: 100_000 });
    expect(paid?.refunds).toHaveLength(1);
  });
});

describe('when payment-service cannot be reached', () => {
  it('the hold is still made (no intent id) and GET …/payment-intent creates the one intent later', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 1 });
    // The same ticket-service (database, Redis) with payment-service's address pointing nowhere.
    const unreachable = createPaymentClient({
      baseUrl: 'http://127.0.0.1:9',
      token: booking.payment.internalToken,
      timeoutMs: 500,
    });
    const cutOff = createApp({
      config: booking.ticket.config,
      logger: booking.ticket.ctx.logger,
      db: booking.ticket.db,
      redis: booking.ticket.redis,
      payments: unreachable,
    });
    const buyer = newUser();
    const request = (path: string, init: RequestInit = {}) =>
      cutOff.request(path, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...userHeadersOf(buyer),
          [entryEventIdHeader]: event.id,
        },
      });
    const answer = await request('/api/v1/seats/reserve', {
      method: 'POST',
      body: JSON.stringify({ eventId: event.id, seatIds: [seatIds[0]] }),
    });
    expect(answer.status).toBe(201);
    const held = (await answer.json()) as { id: string; status: string; paymentIntentId: string | null };
    expect(held).toMatchObject({ status: 'PENDING_PAYMENT', paymentIntentId: null });
    expect((await request(`/api/v1/reservations/${held.id}/payment-intent`)).status).toBe(503);

    // payment-service is back (the real app): the intent is created, and asking again gives the same one.
    const first = expectStatus(
      await call(booking.ticket, 'GET', `/api/v1/reservations/${held.id}/payment-intent`, { user: buyer }),
      200,
    );
    const second = expectStatus(
      await call(booking.ticket, 'GET', `/api/v1/reservations/${held.id}/payment-intent`, { user: buyer }),
      200,
    );
    expect(second.paymentIntentId).toBe(first.paymentIntentId);
    expect(first).toMatchObject({ amount: 100_000, currency: 'KRW', status: 'requires_payment' });
    expect((await booking.pay(first.paymentIntentId, buyer, cards.good)).status).toBe(200);
    await booking.waitForStatus(held.id, 'CONFIRMED');
    const stranger = await call(booking.ticket, 'GET', `/api/v1/reservations/${held.id}/payment-intent`, {
      user: newUser(),
    });
    expect(stranger.status).toBe(404);
  });
});
