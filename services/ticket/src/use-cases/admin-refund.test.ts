import { createEnvelope, type EventEnvelope } from '@urr/common';
import { asAdmin } from '@urr/payment/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRefundRequest } from '../db/refund-request-store.js';
import { type BookingWithPayments, startBookingWithPayments } from '../testing/booking-with-payments.js';
import { call, createSeatedSale, newUser } from '../testing/ticket-test-env.js';

/**
 * An admin refunds a paid reservation at payment-service (`POST /api/v1/payments/{id}/refunds`);
 * ticket-service learns it from `payment.refunded`.
 */

let booking: BookingWithPayments;
const admin = newUser('admin');

beforeAll(async () => {
  booking = await startBookingWithPayments({ pspTimeoutMs: 10_000 });
});
afterAll(async () => {
  await booking?.close();
});

async function paidSeat() {
  const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 1 });
  const reservation = await booking.paidReservation(event.id, seatIds[0]!, newUser());
  return { eventId: event.id as string, seatId: seatIds[0]!, reservation, paymentId: reservation.paymentId! };
}

async function adminRefund(paymentId: string, amount?: number) {
  const response = await booking.payment.app.request(`/api/v1/payments/${paymentId}/refunds`, {
    method: 'POST',
    headers: asAdmin({ 'content-type': 'application/json' }),
    body: JSON.stringify(amount === undefined ? { reason: 'goodwill' } : { amount, reason: 'goodwill' }),
  });
  expect(response.status).toBe(201);
}

const refundEventsOf = (paymentId: string) =>
  booking.waitFor(async () => {
    const events = booking.payment
      .published()
      .filter((event) => event.type === 'payment.refunded' && event.payload.paymentId === paymentId);
    return events.length > 0 && events;
  }, `payment.refunded of ${paymentId}`);

/** Sends each report again as a new message (a new id), and waits until the consumer has applied them. */
async function reportAgain(events: readonly EventEnvelope[]) {
  const again = events.map((event) => createEnvelope({ type: event.type, payload: event.payload }));
  await booking.publish(again);
  const ids = new Set(again.map((event) => event.id));
  await booking.waitFor(
    async () =>
      booking.ticket
        .logs()
        .filter((line) => line.msg === 'payment event applied' && ids.has(String(line.messageId))).length ===
      ids.size,
    'the repeated reports to be applied',
  );
}

describe('an admin refund', () => {
  it('in part keeps the reservation paid with the refunded amount; the rest then cancels it', async () => {
    const { eventId, seatId, reservation, paymentId } = await paidSeat();

    await adminRefund(paymentId, 30_000);
    const partly = await booking.waitFor(async () => {
      const row = await booking.reservation(reservation.id);
      return row?.refundedAmount === 30_000 && row;
    }, 'the partial refund to be recorded');
    expect(partly).toMatchObject({ status: 'CONFIRMED', refundedAmount: 30_000 });
    const owner = { id: reservation.userId, email: 'owner@example.test', role: 'user' as const };
    expect(
      await call(booking.ticket, 'GET', `/api/v1/reservations/${reservation.id}`, { user: owner }),
    ).toMatchObject({ status: 200, body: { status: 'CONFIRMED', refundedAmount: 30_000 } });
    expect(await booking.seatState(eventId, seatId)).toBe('sold');

    await adminRefund(paymentId);
    const cancelled = await booking.waitForStatus(reservation.id, 'CANCELLED');
    expect(cancelled).toMatchObject({ cancelReason: 'admin', refundedAmount: 100_000 });
    expect(await booking.seatState(eventId, seatId)).toBe('available');
    // The money is back already: ticket-service asks for no refund of its own.
    expect(await findRefundRequest(booking.ticket.db.primary, paymentId)).toBeUndefined();

    const events = await booking.waitFor(async () => {
      const all = await refundEventsOf(paymentId);
      return all.length === 2 && all;
    }, 'both refund reports');
    await reportAgain(events);
    expect(await booking.reservation(reservation.id)).toMatchObject({
      status: 'CANCELLED',
      refundedAmount: 100_000,
    });
    const paid = await booking.paymentOf(paymentId);
    expect(paid).toMatchObject({ status: 'refunded', refundedAmount: 100_000 });
    expect(paid?.refunds).toHaveLength(2);
  });

  it('in full at once cancels the reservation, its pending transfer, and puts the seat back, once', async () => {
    const { eventId, seatId, reservation, paymentId } = await paidSeat();
    const offer = await call(booking.ticket, 'POST', '/api/v1/transfers', {
      user: { id: reservation.userId, email: 'owner@example.test', role: 'user' },
      body: { reservationId: reservation.id },
    });
    expect(offer.status).toBe(201);

    await adminRefund(paymentId);
    expect(await booking.waitForStatus(reservation.id, 'CANCELLED')).toMatchObject({
      cancelReason: 'admin',
      refundedAmount: 100_000,
    });
    expect(await booking.seatState(eventId, seatId)).toBe('available');
    const claim = await call(booking.ticket, 'POST', `/api/v1/transfers/${offer.body.id}/accept`, {
      user: newUser(),
      body: { claimCode: offer.body.claimCode },
    });
    expect(claim).toMatchObject({ status: 409, body: { type: 'urn:urr:problem:ticket:transfer-closed' } });
    await reportAgain(await refundEventsOf(paymentId));
    expect(await booking.reservation(reservation.id)).toMatchObject({ refundedAmount: 100_000 });
    expect((await booking.paymentOf(paymentId))?.refunds).toHaveLength(1);
  });
});
