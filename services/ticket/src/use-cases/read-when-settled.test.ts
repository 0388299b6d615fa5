import { listenForNotifications, type PgNotifications } from '@urr/common/db/pg-notifications';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingWithPayments, startBookingWithPayments } from '../testing/booking-with-payments.js';
import { call, createSeatedSale, expectStatus, newUser } from '../testing/ticket-test-env.js';
import { readWhenSettled } from './read-when-settled.js';

/**
 * Time bounds sit halfway to what they tell apart (an answer at once from a 5 s wait), so a loaded
 * machine twice as slow still passes.
 *
 * `GET /api/v1/reservations/{id}?waitSeconds=N`: one request answered when the booking's payment settles,
 * woken by the `reservation_left_pending` notification (docs/adr/0054), on the real servers.
 */

let booking: BookingWithPayments;
/** A listener of the test's own, to hear the trigger directly. */
let heard: PgNotifications;
const admin = newUser('admin');
const goodCard = '4242424242424242';

beforeAll(async () => {
  booking = await startBookingWithPayments();
  heard = listenForNotifications({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    channel: 'reservation_left_pending',
    logger: booking.ticket.ctx.logger,
  });
});
afterAll(async () => {
  await heard?.close();
  await booking?.close();
});

async function heldSeat() {
  const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 1, seatsPerRow: 1 });
  const buyer = newUser();
  const held = expectStatus(await booking.reserveSeat(event.id, seatIds[0]!, buyer), 201);
  return { buyer, held };
}

const waitingRead = (id: string, user: ReturnType<typeof newUser>, waitSeconds: number | string) => {
  const started = Date.now();
  return call(booking.ticket, 'GET', `/api/v1/reservations/${id}?waitSeconds=${waitSeconds}`, { user }).then(
    (answer) => ({ ...answer, tookMs: Date.now() - started, at: Date.now() }),
  );
};

describe('waiting for a booking to settle', () => {
  it('answers CONFIRMED as soon as the payment confirms it, well before the wait runs out', async () => {
    const { buyer, held } = await heldSeat();
    const waiting = waitingRead(held.id, buyer, 5);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await booking.pay(held.paymentIntentId, buyer, goodCard)).status).toBe(200);
    const paidAt = Date.now();
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('CONFIRMED');
    // Through Kafka and the consumer, well inside the wait.
    expect(answer.at - paidAt).toBeLessThan(4_000);
    expect(answer.tookMs).toBeLessThan(5_000);
  });

  it('wakes with CANCELLED when the buyer cancels from another request', async () => {
    const { buyer, held } = await heldSeat();
    const waiting = waitingRead(held.id, buyer, 5);
    const notified = heard.next(held.id, 5_000).then(() => Date.now());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectStatus(
      await call(booking.ticket, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer }),
      200,
    );
    const cancelledAt = Date.now();
    const answer = await waiting;
    expect(answer.body.status).toBe('CANCELLED');
    expect(answer.tookMs).toBeLessThan(4_000);
    // The trigger notified the reservation's id at the cancel's commit.
    expect((await notified) - cancelledAt).toBeLessThan(4_000);
  });

  it('answers a still pending booking as it is once the wait runs out', async () => {
    const { buyer, held } = await heldSeat();
    const answer = await waitingRead(held.id, buyer, 1);
    expect(answer.body.status).toBe('PENDING_PAYMENT');
    expect(answer.tookMs).toBeGreaterThanOrEqual(900);
    expect(answer.tookMs).toBeLessThan(4_000);
  });

  it("never waits on another account's booking, nor longer than it may", async () => {
    const { held } = await heldSeat();
    const stranger = await waitingRead(held.id, newUser(), 5);
    expect(stranger.status).toBe(404);
    expect(stranger.tookMs).toBeLessThan(2_500);
    for (const bad of [6, -1, 'soon']) {
      const answer = await waitingRead(held.id, newUser(), bad);
      expect(answer.status).toBe(400);
      expect(answer.body.type).toBeDefined();
    }
  });

  it('answers at once without waitSeconds, and when the booking is no longer pending', async () => {
    const { buyer, held } = await heldSeat();
    expect((await waitingRead(held.id, buyer, 0)).tookMs).toBeLessThan(2_500);
    expectStatus(
      await call(booking.ticket, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer }),
      200,
    );
    const settled = await waitingRead(held.id, buyer, 5);
    expect(settled.body.status).toBe('CANCELLED');
    expect(settled.tookMs).toBeLessThan(2_500);
  });

  it('without a listening connection, re-reads once a second and still sees the change', async () => {
    const { buyer, held } = await heldSeat();
    const waiting = readWhenSettled({ db: booking.ticket.db }, held.id, {
      waitMs: 5_000,
      signal: new AbortController().signal,
      visible: () => true,
    });
    expectStatus(
      await call(booking.ticket, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user: buyer }),
      200,
    );
    expect((await waiting)?.status).toBe('CANCELLED');
  });

  it('ends the wait when the caller goes away, and never answers a reservation the caller may not see', async () => {
    const { held } = await heldSeat();
    const gone = new AbortController();
    const started = Date.now();
    const waiting = readWhenSettled(booking.ticket.ctx, held.id, {
      waitMs: 5_000,
      signal: gone.signal,
      visible: () => true,
    });
    setTimeout(() => gone.abort(), 200);
    expect((await waiting)?.status).toBe('PENDING_PAYMENT');
    expect(Date.now() - started).toBeLessThan(2_500);

    const hidden = await readWhenSettled(booking.ticket.ctx, held.id, {
      waitMs: 5_000,
      signal: new AbortController().signal,
      visible: () => false,
    });
    expect(hidden).toBeUndefined();
  });
});
