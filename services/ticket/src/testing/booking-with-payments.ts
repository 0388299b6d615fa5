import { randomUUID } from 'node:crypto';
import {
  type AuthUser,
  createKafka,
  createProducer,
  type EventEnvelope,
  type Kafka,
  kafkaEnv,
  loadConfig,
  type Producer,
  z,
} from '@urr/common';
import { asUser, type PaymentHarness, startPaymentHarness } from '@urr/payment/testing';
import { eq, sql } from 'drizzle-orm';
import { createPaymentClient, type Payment, type PaymentInternalClient } from '../clients/payment-client.js';
import {
  createPaymentEventsConsumer,
  type PaymentEventsConsumer,
} from '../consumers/payment-events-consumer.js';
import { lockReservation, type ReservationRow } from '../db/reservation-store.js';
import { reservations } from '../db/schema.js';
import { createRefundJob, type RefundJob } from '../jobs/refund-job.js';
import {
  type Answer,
  call,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from './ticket-test-env.js';

/**
 * ticket-service and payment-service (with the test PSP) in-process on random ports, over the real
 * Postgres, Redis and Kafka: ticket's consumer reads this run's own payment-events topic in its own group.
 */
export interface BookingWithPayments {
  readonly ticket: TicketTestEnv;
  readonly payment: PaymentHarness;
  readonly payments: PaymentInternalClient;
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly groupId: string;
  readonly consumer: PaymentEventsConsumer;
  readonly refundJob: RefundJob;
  /** `POST /api/v1/payments/{id}/confirm` as the buyer, with the card and Idempotency-Key. */
  pay(
    paymentId: string,
    buyer: AuthUser,
    cardNumber: string,
    key?: string,
  ): Promise<{ status: number; replayed: string | null; body: Record<string, unknown> }>;
  /**
   * Until the consumer group has committed every message of the topic (so each one was applied);
   * answers how many that is.
   */
  consumedToTheEnd(): Promise<number>;
  /** Publishes envelopes to the payment-events topic as the relay would (again, for duplicates). */
  publish(envelopes: readonly EventEnvelope[]): Promise<void>;
  reservation(id: string): Promise<ReservationRow | undefined>;
  paymentOf(paymentId: string): Promise<Payment | undefined>;
  waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs?: number): Promise<T>;
  /** `POST /api/v1/seats/reserve` of one seat, as a buyer admitted to the event. */
  reserveSeat(eventId: string, seatId: string, buyer?: AuthUser): Promise<Answer>;
  /** Waits until the reservation's row has `status`, and returns it. */
  waitForStatus(reservationId: string, status: string): Promise<ReservationRow>;
  /** The seat's state on the public seat map (`available`, `held`, `sold`). */
  seatState(eventId: string, seatId: string): Promise<string | undefined>;
  /** A seat reserved by `buyer` and paid with a good card: the reservation, once CONFIRMED. */
  paidReservation(eventId: string, seatId: string, buyer: AuthUser): Promise<ReservationRow>;
  /**
   * Holds the reservation's row lock in a transaction of its own while `work` runs, so requests sent
   * meanwhile queue behind it in the order they reach the lock; the lock goes when `work` returns.
   */
  whileRowLocked<T>(reservationId: string, work: (held: RowLockHolder) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface RowLockHolder {
  /** The holder's transaction: what it writes commits when the lock is let go. */
  readonly tx: Parameters<Parameters<TicketTestEnv['db']['primary']['transaction']>[0]>[0];
  /** Until `count` other sessions wait for this lock. */
  waitForWaiters(count: number): Promise<void>;
}

export async function startBookingWithPayments(
  options: Parameters<typeof startPaymentHarness>[0] = {},
): Promise<BookingWithPayments> {
  const payment = await startPaymentHarness(options);
  const payments = createPaymentClient({ baseUrl: payment.paymentUrl, token: payment.internalToken });
  let refundJob: RefundJob | undefined;
  const ticket = await startTicketTestEnv({
    payments,
    internalToken: payment.internalToken,
    onRefundRequested: () => refundJob?.wake(),
  });
  const logger = ticket.ctx.logger;
  const kafka = createKafka({
    brokers: loadConfig(z.object(kafkaEnv)).KAFKA_BROKERS,
    clientId: 'ticket-payment-test',
    logger,
  });
  const producer = createProducer(kafka);
  await producer.connect();
  refundJob = createRefundJob({ deps: ticket.ctx, payments, logger, intervalMs: 100 });
  refundJob.start();
  const groupId = `ticket-service.payment-events-test-${randomUUID()}`;
  const consumer = createPaymentEventsConsumer({
    kafka,
    topic: payment.topic,
    groupId,
    deps: ticket.ctx,
    logger,
    onRefundRequested: refundJob.wake,
  });
  await consumer.start();

  const waitFor = async <T>(
    probe: () => Promise<T | undefined | false>,
    what: string,
    timeoutMs = 20_000,
  ) => {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const reservation = async (id: string) => {
    const [row] = await ticket.db.primary.select().from(reservations).where(eq(reservations.id, id));
    return row;
  };

  const consumedToTheEnd = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await waitFor(
        async () => {
          const [ends, [committed]] = await Promise.all([
            admin.fetchTopicOffsets(payment.topic),
            admin.fetchOffsets({ groupId, topics: [payment.topic] }),
          ]);
          const end = ends.reduce((sum, partition) => sum + Number(partition.high), 0);
          const done = (committed?.partitions ?? []).reduce(
            (sum, partition) => sum + Math.max(0, Number(partition.offset)),
            0,
          );
          return done === end && end;
        },
        'the consumer group to commit the whole topic',
        45_000,
      );
    } finally {
      await admin.disconnect();
    }
  };

  const pay: BookingWithPayments['pay'] = async (paymentId, buyer, cardNumber, key = randomUUID()) => {
    const response = await payment.app.request(`/api/v1/payments/${paymentId}/confirm`, {
      method: 'POST',
      headers: asUser(buyer.id, { 'content-type': 'application/json', 'idempotency-key': key }),
      body: JSON.stringify({ cardNumber, expMonth: 12, expYear: 2035, cvc: '123' }),
    });
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  const waitForStatus = (reservationId: string, status: string) =>
    waitFor(async () => {
      const row = await reservation(reservationId);
      return row?.status === status && row;
    }, `reservation ${reservationId} to be ${status}`);

  return {
    ticket,
    payment,
    payments,
    kafka,
    producer,
    groupId,
    consumer,
    refundJob,
    consumedToTheEnd,
    pay,
    publish: async (envelopes) => {
      await producer.send({
        topic: payment.topic,
        messages: envelopes.map((envelope) => ({
          key: String(envelope.payload.paymentId),
          value: JSON.stringify(envelope),
        })),
      });
    },
    reservation,
    paymentOf: (paymentId) => payments.find(paymentId),
    waitFor,
    reserveSeat: (eventId, seatId, buyer = newUser()) =>
      call(ticket, 'POST', '/api/v1/seats/reserve', {
        user: buyer,
        entryEventId: eventId,
        body: { eventId, seatIds: [seatId] },
      }),
    waitForStatus,
    seatState: async (eventId, seatId) => {
      const map = expectStatus(await call(ticket, 'GET', `/api/v1/events/${eventId}/seats`), 200);
      return map.seats.find((seat: { id: string }) => seat.id === seatId)?.state;
    },
    paidReservation: async (eventId, seatId, buyer) => {
      const held = expectStatus(
        await call(ticket, 'POST', '/api/v1/seats/reserve', {
          user: buyer,
          entryEventId: eventId,
          body: { eventId, seatIds: [seatId] },
        }),
        201,
      );
      const paid = await pay(held.paymentIntentId, buyer, '4242424242424242');
      if (paid.status !== 200)
        throw new Error(`payment answered ${paid.status}: ${JSON.stringify(paid.body)}`);
      return waitForStatus(held.id, 'CONFIRMED');
    },
    whileRowLocked: (reservationId, work) =>
      ticket.db.primary.transaction(async (tx) => {
        await lockReservation(tx, reservationId);
        const [holder] = (await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)).rows;
        const waitForWaiters = async (count: number) => {
          await waitFor(async () => {
            const [waiting] =
              // Directly behind the holder, or behind someone who is (a row lock's later waiters queue).
              (
                await ticket.db.primary.execute<{ count: number }>(sql`
                with recursive waiters(pid) as (
                  select pid from pg_stat_activity where ${holder?.pid}::int = any(pg_blocking_pids(pid))
                  union
                  select activity.pid from pg_stat_activity activity
                  join waiters on waiters.pid = any(pg_blocking_pids(activity.pid))
                )
                select count(*)::int as count from waiters`)
              ).rows;
            return (waiting?.count ?? 0) >= count;
          }, `${count} sessions waiting for reservation ${reservationId}`);
        };
        return work({ tx, waitForWaiters });
      }),
    close: async () => {
      await consumer.stop();
      await refundJob.stop();
      await producer.disconnect();
      await ticket.close();
      await payment.close();
    },
  };
}
