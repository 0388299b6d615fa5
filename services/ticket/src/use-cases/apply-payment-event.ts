import type { DbClient, EventEnvelope, Logger } from '@urr/common';
import { type PayloadOf, paymentEvents } from '@urr/common/events/domain-events';
import { requestRefund } from '../db/refund-request-store.js';
import type { SeatLock } from '../db/seat-lock-store.js';
import { applyRefund, cancelReservation, confirmReservation } from './reservation-lifecycle.js';

export type PaymentEventOutcome =
  | 'confirmed'
  | 'cancelled'
  /** A success no reservation kept: a refund request was written. */
  | 'refund-requested'
  /** A refund of the reservation's payment: its refunded amount grew (and a full one cancelled it). */
  | 'refund-applied'
  /** Nothing to do: a repeat, a report about an unknown reservation, an event type this service ignores. */
  | 'ignored';

export interface PaymentEventResult {
  readonly outcome: PaymentEventOutcome;
  /** To release once the transaction committed. */
  readonly seatLocks: readonly SeatLock[];
}

const ignored: PaymentEventResult = { outcome: 'ignored', seatLocks: [] };

type PaymentEventType = Exclude<keyof typeof paymentEvents, 'topic'>;

interface Applying {
  readonly tx: DbClient;
  readonly now: Date;
  readonly logger: Logger;
  /** What every log line of this message carries. */
  readonly context: Record<string, unknown>;
}

type Handlers = {
  readonly [T in PaymentEventType]: (
    payload: PayloadOf<typeof paymentEvents, T>,
    applying: Applying,
  ) => Promise<PaymentEventResult>;
};

/**
 * What one payment-events message does to ticket_db, inside the consumer's transaction:
 * `payment.succeeded` confirms the unpaid hold, or asks for a refund when the hold already ended (expired
 * or cancelled) or the amount is not the reservation's; `payment.failed` cancels the unpaid hold and gives
 * its seats or standing tickets back; `payment.refunded` adds to the refunded amount of the reservation
 * it paid for and, refunded in full while paid (an admin's refund), cancels it and gives its seats back.
 */
export async function applyPaymentEvent(
  tx: DbClient,
  envelope: EventEnvelope,
  options: { readonly now: Date; readonly logger: Logger },
): Promise<PaymentEventResult> {
  const { now, logger } = options;
  const context = { messageId: envelope.id, type: envelope.type };
  if (!Object.hasOwn(handlers, envelope.type)) return ignored;
  const type = envelope.type as PaymentEventType;
  const parsed = paymentEvents[type].safeParse(envelope.payload);
  if (!parsed.success) {
    logger.error(
      { ...context, issues: parsed.error.issues },
      'skipping a payment event that breaks its contract',
    );
    return ignored;
  }
  const handle = handlers[type] as (payload: unknown, applying: Applying) => Promise<PaymentEventResult>;
  return handle(parsed.data, { tx, now, logger, context });
}

const handlers: Handlers = {
  'payment.succeeded': async (paid, { tx, now, logger, context }) => {
    const result = await confirmReservation(tx, {
      reservationId: paid.reservationId,
      paymentId: paid.paymentId,
      amount: paid.amount,
      now,
    });
    switch (result.outcome) {
      case 'confirmed':
        return { outcome: 'confirmed', seatLocks: result.seatLocks };
      case 'already-confirmed':
        return ignored;
      case 'not-found':
        logger.warn({ ...context, reservationId: paid.reservationId }, 'payment for an unknown reservation');
        return ignored;
      case 'not-pending':
      case 'amount-mismatch': {
        const reason = result.outcome === 'not-pending' ? 'late-payment' : 'amount-mismatch';
        await requestRefund(tx, {
          paymentId: paid.paymentId,
          reservationId: paid.reservationId,
          reason,
          now,
        });
        logger.warn(
          { ...context, reservationId: paid.reservationId, status: result.reservation.status, reason },
          'a payment the reservation did not keep: refunding it',
        );
        return { outcome: 'refund-requested', seatLocks: [] };
      }
    }
  },

  'payment.failed': async (failed, { tx, now, logger, context }) => {
    const result = await cancelReservation(tx, {
      reservationId: failed.reservationId,
      reason: 'payment-failed',
      now,
    });
    if (result.outcome === 'cancelled') return { outcome: 'cancelled', seatLocks: result.seatLocks };
    if (result.outcome === 'not-found')
      logger.warn(
        { ...context, reservationId: failed.reservationId },
        'payment failure for an unknown reservation',
      );
    else
      logger.info(
        { ...context, reservationId: failed.reservationId, detail: result.detail },
        'payment failure left the reservation as it is',
      );
    return ignored;
  },

  'payment.refunded': async (refunded, { tx, now, logger, context }) => {
    const result = await applyRefund(tx, {
      reservationId: refunded.reservationId,
      paymentId: refunded.paymentId,
      refundId: refunded.refundId,
      amount: refunded.amount,
      full: refunded.full,
      now,
    });
    if (result.outcome === 'ignored') return ignored;
    logger.info(
      {
        ...context,
        reservationId: refunded.reservationId,
        status: result.reservation.status,
        refundedAmount: result.reservation.refundedAmount,
      },
      'refund applied to the reservation',
    );
    return { outcome: 'refund-applied', seatLocks: result.seatLocks };
  },
};
