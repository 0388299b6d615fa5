import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRefundRequest } from '../db/refund-request-store.js';
import { type BookingWithPayments, startBookingWithPayments } from '../testing/booking-with-payments.js';
import { type Answer, call, createSeatedSale, newUser } from '../testing/ticket-test-env.js';
import { confirmReservation } from './reservation-lifecycle.js';

/**
 * A buyer's cancel against the other things that change a reservation at the same moment (a transfer
 * being claimed, the payment being confirmed, another cancel), on the real ticket-service,
 * payment-service and test PSP. Each race is forced with the reservation's row lock held by the test.
 */

let booking: BookingWithPayments;
const admin = newUser('admin');

beforeAll(async () => {
  booking = await startBookingWithPayments({ pspTimeoutMs: 10_000 });
});
afterAll(async () => {
  await booking?.close();
});

const cancel = (reservationId: string, user = newUser()) =>
  call(booking.ticket, 'POST', `/api/v1/reservations/${reservationId}/cancel`, { user });

async function oneSeat() {
  const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 1 });
  return { eventId: event.id as string, seatId: seatIds[0]! };
}

const refundedInFull = (paymentId: string) =>
  booking.waitFor(async () => {
    const paid = await booking.paymentOf(paymentId);
    return paid?.status === 'refunded' && paid;
  }, `the refund of payment ${paymentId}`);

describe('cancelling while a transfer is claimed', () => {
  it('the claim wins: the cancel answers 404 and refunds nothing; the new owner’s cancel refunds once', async () => {
    const { eventId, seatId } = await oneSeat();
    const sender = newUser();
    const recipient = newUser();
    const paid = await booking.paidReservation(eventId, seatId, sender);
    const paymentId = paid.paymentId!;
    const offer = await call(booking.ticket, 'POST', '/api/v1/transfers', {
      user: sender,
      body: { reservationId: paid.id },
    });
    expect(offer.status).toBe(201);

    const pending = await booking.whileRowLocked(paid.id, async (held) => {
      const accepting = call(booking.ticket, 'POST', `/api/v1/transfers/${offer.body.id}/accept`, {
        user: recipient,
        body: { claimCode: offer.body.claimCode },
      });
      await held.waitForWaiters(1);
      const cancelling = cancel(paid.id, sender);
      await held.waitForWaiters(2);
      return { accepting, cancelling };
    });
    const [accepted, cancelled] = [await pending.accepting, await pending.cancelling];

    expect(accepted.status).toBe(200);
    expect(cancelled).toMatchObject({ status: 404 });
    expect(await booking.reservation(paid.id)).toMatchObject({ status: 'CONFIRMED', userId: recipient.id });
    expect(await findRefundRequest(booking.ticket.db.primary, paymentId)).toBeUndefined();
    expect(await booking.paymentOf(paymentId)).toMatchObject({ status: 'succeeded', refundedAmount: 0 });

    // The ticket is the recipient's now: their cancel gives the whole payment back, once.
    expect((await cancel(paid.id, recipient)).status).toBe(200);
    const refunded = await refundedInFull(paymentId);
    expect(refunded).toMatchObject({ capturedAmount: 100_000, refundedAmount: 100_000 });
    expect(refunded.refunds).toHaveLength(1);
    expect(booking.payment.chargesOf(paymentId)).toMatchObject([{ refundedAmount: 100_000 }]);
    expect(await booking.seatState(eventId, seatId)).toBe('available');
  });
});

describe('cancelling while the payment is confirmed', () => {
  it('a cancel that reached the row after the confirmation refunds the payment', async () => {
    const { eventId, seatId } = await oneSeat();
    const buyer = newUser();
    const held = await booking.reserveSeat(eventId, seatId, buyer);
    expect(held.status).toBe(201);
    // The consumer is stopped so that the confirmation below is the only one: the test applies it.
    await booking.consumer.stop();
    try {
      const paid = await booking.pay(held.body.paymentIntentId, buyer, '4242424242424242');
      expect(paid.status).toBe(200);

      // The cancel's answer is awaited only once the lock is let go (returned inside an object).
      const { cancelling } = await booking.whileRowLocked(held.body.id, async (lock) => {
        const cancelling = cancel(held.body.id, buyer);
        await lock.waitForWaiters(1);
        const confirmed = await confirmReservation(lock.tx, {
          reservationId: held.body.id,
          paymentId: held.body.paymentIntentId,
          amount: 100_000,
          now: new Date(),
        });
        expect(confirmed.outcome).toBe('confirmed');
        return { cancelling };
      });
      const cancelled = await cancelling;

      expect(cancelled).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
      const refunded = await refundedInFull(held.body.paymentIntentId);
      expect(refunded).toMatchObject({ capturedAmount: 100_000, refundedAmount: 100_000 });
      expect(await booking.seatState(eventId, seatId)).toBe('available');
    } finally {
      await booking.consumer.start();
    }
  });

  it('a cancelled hold cannot be paid: payment-service refuses before the PSP sees a charge', async () => {
    const { eventId, seatId } = await oneSeat();
    const buyer = newUser();
    const held = await booking.reserveSeat(eventId, seatId, buyer);
    expect(held.status).toBe(201);
    expect((await cancel(held.body.id, buyer)).status).toBe(200);

    const paid = await booking.pay(held.body.paymentIntentId, buyer, '4242424242424242');
    expect(paid).toMatchObject({ status: 409, body: { type: 'urn:urr:problem:payment-cancelled' } });
    expect(booking.payment.chargesOf(held.body.paymentIntentId)).toEqual([]);
    expect(await booking.paymentOf(held.body.paymentIntentId)).toMatchObject({
      status: 'cancelled',
      capturedAmount: 0,
    });
  });
});

describe('cancelling one paid reservation several times at once', () => {
  it('one cancel answers 200, the others a clean 409, and the payment is refunded once', async () => {
    const { eventId, seatId } = await oneSeat();
    const buyer = newUser();
    const paid = await booking.paidReservation(eventId, seatId, buyer);
    const answers: Answer[] = await Promise.all(Array.from({ length: 4 }, () => cancel(paid.id, buyer)));

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409]);
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body).toMatchObject({ type: 'urn:urr:problem:ticket:not-cancellable' });
    const refunded = await refundedInFull(paid.paymentId!);
    expect(refunded.refunds).toHaveLength(1);
    expect(booking.payment.chargesOf(paid.paymentId!)).toMatchObject([{ refundedAmount: 100_000 }]);
  });
});
