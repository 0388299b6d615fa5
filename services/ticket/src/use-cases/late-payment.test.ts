import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingWithPayments, startBookingWithPayments } from '../testing/booking-with-payments.js';
import { createSeatedSale, expectStatus, newUser } from '../testing/ticket-test-env.js';

/**
 * A charge the PSP captures after payment-service gave up on it (the test PSP's late-success card, with
 * the harness's short PSP timeout): payment.failed (timeout) cancels the hold, and the payment.succeeded
 * that follows is refunded.
 */

let booking: BookingWithPayments;
const admin = newUser('admin');

beforeAll(async () => {
  booking = await startBookingWithPayments();
});
afterAll(async () => {
  await booking?.close();
});

describe('a late payment', () => {
  it('a late success after the timeout cancelled the hold is refunded in full', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 1 });
    const buyer = newUser();
    const held = expectStatus(await booking.reserveSeat(event.id, seatIds[0]!, buyer), 201);
    const timedOut = await booking.pay(held.paymentIntentId, buyer, '4000000000000259');
    expect(timedOut.status).toBe(504);
    await booking.waitForStatus(held.id, 'CANCELLED');

    // The PSP captures it afterwards; payment-service reports payment.succeeded; ticket refunds it.
    const refunded = await booking.waitFor(async () => {
      const paid = await booking.paymentOf(held.paymentIntentId);
      return paid?.status === 'refunded' && paid;
    }, 'the refund of the late payment');
    expect(refunded).toMatchObject({ capturedAmount: 100_000, refundedAmount: 100_000 });
    expect(refunded.refunds).toHaveLength(1);
    expect((await booking.reservation(held.id))?.status).toBe('CANCELLED');
    expect(await booking.seatState(event.id, seatIds[0]!)).toBe('available');
  });
});
