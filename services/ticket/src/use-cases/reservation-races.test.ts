import { type AuthUser, createEnvelope } from '@urr/common';
import { seededRandom } from '@urr/common/testing/seeded-random';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundRequests, reservations } from '../db/schema.js';
import { createHoldExpiryJob, type HoldExpiryJob } from '../jobs/hold-expiry.js';
import { type BookingWithPayments, startBookingWithPayments } from '../testing/booking-with-payments.js';
import { type Answer, call, createSeatedSale, expectStatus, newUser } from '../testing/ticket-test-env.js';

/**
 * Cancel, transfer (accept, withdraw), payment confirmation (the card charged, a success reported again)
 * and hold expiry run against the same reservations in random interleavings, many reservations at once
 * (seeded: `RESERVATION_RACES_SEED` replays a run). Whatever the order, every captured payment ends with a
 * CONFIRMED reservation that someone owns, or refunded in full, never twice; nothing is refunded while
 * its reservation is kept; and no race is answered with a 5xx.
 */

const rounds = 200;
/** Reservations raced at the same time. */
const width = 20;
const seed = Number(process.env.RESERVATION_RACES_SEED ?? 20_260_516);
const goodCard = '4242424242424242';

let booking: BookingWithPayments;
let expiry: HoldExpiryJob;
const admin = newUser('admin');

beforeAll(async () => {
  booking = await startBookingWithPayments({ pspTimeoutMs: 10_000 });
  expiry = createHoldExpiryJob({
    deps: booking.ticket.ctx,
    logger: booking.ticket.ctx.logger,
    intervalMs: 1000,
  });
});
afterAll(async () => {
  await booking?.close();
});

interface Round {
  readonly reservationId: string;
  readonly paymentId: string;
  readonly answers: { op: string; answer: Answer }[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The hold's time runs out now (ticket's clock), and the expiry job runs. */
async function expire(reservationId: string) {
  await booking.ticket.db.primary
    .update(reservations)
    .set({ expiresAt: sql`now()` })
    .where(sql`${reservations.id} = ${reservationId} and ${reservations.status} = 'PENDING_PAYMENT'`);
  await expiry.runOnce();
}

/** payment-service's report of the payment's success, delivered once more as a new message. */
async function reportSuccessAgain(
  reservationId: string,
  paymentId: string,
  owner: AuthUser,
  eventId: string,
) {
  await booking.publish([
    createEnvelope({
      type: 'payment.succeeded',
      payload: { paymentId, reservationId, userId: owner.id, eventId, amount: 100_000, currency: 'KRW' },
    }),
  ]);
}

async function race(
  random: ReturnType<typeof seededRandom>,
  eventId: string,
  seatId: string,
): Promise<Round> {
  const owner = newUser();
  const held = expectStatus(await booking.reserveSeat(eventId, seatId, owner), 201);
  const round: Round = { reservationId: held.id, paymentId: held.paymentIntentId, answers: [] };
  const record = (op: string) => (answer: Answer) => {
    round.answers.push({ op, answer });
  };
  const ops: [string, () => Promise<unknown>][] = [];
  const cancelBy = (user: AuthUser) => () =>
    call(booking.ticket, 'POST', `/api/v1/reservations/${held.id}/cancel`, { user }).then(record('cancel'));

  if (random.chance(0.5)) {
    // Unpaid: the buyer pays, cancels, and the hold runs out, in any order.
    ops.push(['pay', () => booking.pay(held.paymentIntentId, owner, goodCard).then(record('pay'))]);
    if (random.chance(0.7)) ops.push(['cancel', cancelBy(owner)]);
    if (random.chance(0.5)) ops.push(['expire', () => expire(held.id)]);
  } else {
    // Paid and offered: the buyer cancels or withdraws, the recipient claims and then cancels, the
    // success is reported again, the expiry job runs.
    expect((await booking.pay(held.paymentIntentId, owner, goodCard)).status).toBe(200);
    await booking.waitForStatus(held.id, 'CONFIRMED');
    const offer = expectStatus(
      await call(booking.ticket, 'POST', '/api/v1/transfers', {
        user: owner,
        body: { reservationId: held.id },
      }),
      201,
    );
    const recipient = newUser();
    ops.push(['cancel', cancelBy(owner)]);
    ops.push([
      'accept',
      () =>
        call(booking.ticket, 'POST', `/api/v1/transfers/${offer.id}/accept`, {
          user: recipient,
          body: { claimCode: offer.claimCode },
        }).then(record('accept')),
    ]);
    if (random.chance(0.5)) ops.push(['recipient-cancel', cancelBy(recipient)]);
    if (random.chance(0.3))
      ops.push([
        'withdraw',
        () =>
          call(booking.ticket, 'POST', `/api/v1/transfers/${offer.id}/cancel`, { user: owner }).then(
            record('withdraw'),
          ),
      ]);
    if (random.chance(0.5))
      ops.push(['report-again', () => reportSuccessAgain(held.id, held.paymentIntentId, owner, eventId)]);
    if (random.chance(0.3)) ops.push(['expire', () => expire(held.id)]);
  }
  await Promise.all(
    ops.map(async ([, op]) => {
      await pause(random.between(0, 30));
      await op();
    }),
  );
  return round;
}

describe('cancel, transfer, payment and expiry racing on the same reservations', () => {
  it(`${rounds} rounds: every captured payment is kept by a CONFIRMED reservation or refunded once`, async () => {
    const random = seededRandom(seed);
    const { event, seatIds } = await createSeatedSale(booking.ticket, admin, { rows: 10, seatsPerRow: 20 });
    const done: Round[] = [];
    for (let start = 0; start < rounds; start += width)
      done.push(
        ...(await Promise.all(
          seatIds
            .slice(start, start + width)
            .map((seatId) => race(seededRandom(Math.floor(random.next() * 2 ** 32)), event.id, seatId)),
        )),
      );
    expect(done).toHaveLength(rounds);

    // Let everything settle: charges, the reports of them, the refunds they caused, the reports of those.
    await booking.consumedToTheEnd();
    await booking.waitFor(async () => {
      const [open] = (
        await booking.ticket.db.primary
          .select({ count: sql<number>`count(*)::int` })
          .from(refundRequests)
          .where(sql`${refundRequests.status} = 'pending'`)
      ).map((row) => row.count);
      return open === 0;
    }, 'every refund request to be carried out');
    await booking.consumedToTheEnd();

    const answers = done.flatMap((round) =>
      round.answers.map(({ op, answer }) => ({ reservationId: round.reservationId, op, ...answer })),
    );
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    const rows = new Map(
      (
        await booking.ticket.db.primary
          .select()
          .from(reservations)
          .where(
            inArray(
              reservations.id,
              done.map((round) => round.reservationId),
            ),
          )
      ).map((row) => [row.id, row]),
    );
    const requests = await booking.ticket.db.primary.select().from(refundRequests);
    expect(requests.filter((request) => request.status !== 'done')).toEqual([]);

    const outcomes = { kept: 0, refunded: 0, neverCharged: 0 };
    for (const round of done) {
      const reservation = rows.get(round.reservationId)!;
      const payment = (await booking.paymentOf(round.paymentId))!;
      const charges = booking.payment.chargesOf(round.paymentId);
      const facts = { round, reservation, payment, charges };
      const captured = charges.filter((charge) => charge.status === 'succeeded');
      expect(captured.length, JSON.stringify(facts)).toBeLessThanOrEqual(1);
      if (captured.length === 0) {
        expect(payment.capturedAmount, JSON.stringify(facts)).toBe(0);
        expect(reservation.status, JSON.stringify(facts)).not.toBe('CONFIRMED');
        outcomes.neverCharged += 1;
        continue;
      }
      expect(payment.capturedAmount, JSON.stringify(facts)).toBe(100_000);
      expect(payment.refunds.length, JSON.stringify(facts)).toBeLessThanOrEqual(1);
      expect(captured[0]?.refundedAmount, JSON.stringify(facts)).toBe(payment.refundedAmount);
      if (reservation.status === 'CONFIRMED') {
        expect(payment.refundedAmount, JSON.stringify(facts)).toBe(0);
        expect(reservation.paymentId, JSON.stringify(facts)).toBe(round.paymentId);
        expect(reservation.userId, JSON.stringify(facts)).toEqual(expect.any(String));
        outcomes.kept += 1;
      } else {
        expect(['CANCELLED', 'EXPIRED'], JSON.stringify(facts)).toContain(reservation.status);
        expect(payment, JSON.stringify(facts)).toMatchObject({ status: 'refunded', refundedAmount: 100_000 });
        outcomes.refunded += 1;
      }
    }
    console.info(`${rounds} rounds (seed ${seed}): ${JSON.stringify(outcomes)}`);
  }, 240_000);
});
