import { processedMessages } from '@urr/common/kafka/outbox-schema';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, reservations } from '../db/schema.js';
import { type BookingWithPayments, startBookingWithPayments } from '../testing/booking-with-payments.js';
import { call, createSeatedSale, expectStatus, newUser } from '../testing/ticket-test-env.js';

/**
 * ticket-service's consumer is stopped while 100 reservations are paid, then
 * started; every payment event reaches it twice (and then a third time). Each reservation is confirmed
 * once.
 */

let booking: BookingWithPayments;
const admin = newUser('admin');

beforeAll(async () => {
  // A loaded machine must not turn a slow good charge into a timeout (and so a cancelled hold).
  booking = await startBookingWithPayments({ pspTimeoutMs: 10_000 });
});
afterAll(async () => {
  await booking?.close();
});

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width)
    results.push(...(await Promise.all(items.slice(start, start + width).map(work))));
  return results;
}

describe('payment-events consumer', () => {
  it('stopped while 100 reservations are paid, started again: all 100 confirmed once; duplicates applied once', async () => {
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 4, seatsPerRow: 25 });
    const buyers = seatIds.map(() => newUser());
    const held = await inBatches(buyers, 10, async (buyer) => {
      const seatId = seatIds[buyers.indexOf(buyer)]!;
      const answer = await call(booking.ticket, 'POST', '/api/v1/seats/reserve', {
        user: buyer,
        entryEventId: event.id,
        body: { eventId: event.id, seatIds: [seatId] },
      });
      const body = expectStatus(answer, 201);
      return { buyer, reservationId: body.id as string, paymentId: body.paymentIntentId as string };
    });
    expect(held).toHaveLength(100);
    const reservationIds = held.map((hold) => hold.reservationId);

    await booking.consumer.stop();
    const started = performance.now();
    const paid = await inBatches(held, 10, (hold) =>
      booking.pay(hold.paymentId, hold.buyer, '4242424242424242'),
    );
    expect(paid.filter((answer) => answer.status !== 200)).toEqual([]);
    const paymentIds = new Set(held.map((hold) => hold.paymentId));
    const succeeded = await booking.waitFor(async () => {
      const events = booking.payment
        .published()
        .filter(
          (envelope) =>
            envelope.type === 'payment.succeeded' && paymentIds.has(String(envelope.payload.paymentId)),
        );
      return events.length === 100 && events;
    }, '100 payment.succeeded events');
    const stillPending = await booking.ticket.db.primary
      .select({ count: sql<number>`count(*)::int` })
      .from(reservations)
      .where(and(inArray(reservations.id, reservationIds), eq(reservations.status, 'PENDING_PAYMENT')));
    expect(stillPending[0]?.count).toBe(100);

    // Every event a second time, as a relay that died before marking them published would send them.
    await booking.publish(succeeded);
    await booking.consumer.start();
    const confirmedCount = async () =>
      (
        await booking.ticket.db.primary
          .select({ count: sql<number>`count(*)::int` })
          .from(reservations)
          .where(and(inArray(reservations.id, reservationIds), eq(reservations.status, 'CONFIRMED')))
      )[0]?.count ?? 0;
    await booking.waitFor(async () => (await confirmedCount()) === 100, 'all 100 confirmed', 45_000);
    const elapsedMs = Math.round(performance.now() - started);
    const messagesAfterRestart = await booking.consumedToTheEnd();

    // And a third time while it runs.
    await booking.publish(succeeded);
    const messagesAtTheEnd = await booking.consumedToTheEnd();
    expect(messagesAtTheEnd).toBe(messagesAfterRestart + 100);

    const confirmedEvents = await booking.ticket.db.primary
      .select({
        reservationId: sql<string>`${outbox.envelope}->'payload'->>'reservationId'`,
        paymentId: sql<string>`${outbox.envelope}->'payload'->>'paymentId'`,
      })
      .from(outbox)
      .where(
        and(
          sql`${outbox.envelope}->>'type' = 'reservation.confirmed'`,
          inArray(sql`${outbox.envelope}->'payload'->>'reservationId'`, reservationIds),
        ),
      );
    expect(confirmedEvents).toHaveLength(100);
    expect(new Set(confirmedEvents.map((row) => row.reservationId)).size).toBe(100);
    const rows = await booking.ticket.db.primary
      .select()
      .from(reservations)
      .where(inArray(reservations.id, reservationIds));
    for (const hold of held)
      expect(rows.find((row) => row.id === hold.reservationId)).toMatchObject({
        status: 'CONFIRMED',
        paymentId: hold.paymentId,
      });
    const applied = await booking.ticket.db.primary
      .select({ count: sql<number>`count(*)::int` })
      .from(processedMessages)
      .where(eq(processedMessages.consumerGroup, booking.groupId));
    expect(applied[0]?.count).toBe(100);
    for (const paymentId of paymentIds) expect(booking.payment.chargesOf(paymentId)).toHaveLength(1);
    console.info(
      `100 payments with the consumer stopped, restarted with every event twice: confirmed in ${elapsedMs} ms; ` +
        `${messagesAtTheEnd} messages consumed, ${applied[0]?.count} applied`,
    );
  });
});
