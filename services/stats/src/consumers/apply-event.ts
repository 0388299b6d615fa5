import { type ConsumerTransaction, type EventEnvelope, type Logger, z } from '@urr/common';
import {
  membershipEvents,
  paymentEvents,
  reservationEvents,
  transferEvents,
} from '@urr/common/events/domain-events';
import {
  addHourlySales,
  bumpEvent,
  bumpTier,
  lockReservationFacts,
  saveReservationFacts,
} from '../db/stats-projection-store.js';
import {
  hourOf,
  type ReservationEventType,
  reservationTransition,
} from '../domain/reservation-transitions.js';

type Tx = ConsumerTransaction;
async function applyReservationEvent(tx: Tx, envelope: EventEnvelope, type: ReservationEventType) {
  const facts = reservationEvents[type].parse(envelope.payload);
  const existing = await lockReservationFacts(tx, facts.reservationId);
  // A cancellation takes off what the confirmation added; anything else uses the event's own figures.
  const sold = type === 'reservation.cancelled' && existing ? existing : facts;
  const transition = reservationTransition(existing?.status, type, sold);
  if (!transition) return;
  const figures = type === 'reservation.confirmed' || !existing ? facts : existing;
  await saveReservationFacts(tx, {
    reservationId: facts.reservationId,
    eventId: facts.eventId,
    status: transition.next,
    ticketCount: figures.ticketCount,
    amount: figures.amount,
    currency: figures.currency,
  });
  await bumpEvent(tx, facts.eventId, facts.currency, transition.delta);
  if (transition.delta.ticketsSold !== 0)
    await addHourlySales(
      tx,
      facts.eventId,
      hourOf(new Date(envelope.occurredAt)),
      transition.delta.ticketsSold,
    );
}

const failedCounter = {
  declined: 'paymentsFailedDeclined',
  timeout: 'paymentsFailedTimeout',
  error: 'paymentsFailedError',
} as const;

/** How each event type changes the figures; all writes go through the consumer's transaction. */
const appliers: Record<string, (tx: Tx, envelope: EventEnvelope) => Promise<void>> = {
  'reservation.created': (tx, envelope) => applyReservationEvent(tx, envelope, 'reservation.created'),
  'reservation.confirmed': (tx, envelope) => applyReservationEvent(tx, envelope, 'reservation.confirmed'),
  'reservation.cancelled': (tx, envelope) => applyReservationEvent(tx, envelope, 'reservation.cancelled'),
  'reservation.expired': (tx, envelope) => applyReservationEvent(tx, envelope, 'reservation.expired'),
  'payment.succeeded': async (tx, envelope) => {
    const payment = paymentEvents['payment.succeeded'].parse(envelope.payload);
    await bumpEvent(tx, payment.eventId, payment.currency, {
      paymentsSucceeded: 1,
      grossRevenue: payment.amount,
    });
  },
  'payment.failed': async (tx, envelope) => {
    const payment = paymentEvents['payment.failed'].parse(envelope.payload);
    await bumpEvent(tx, payment.eventId, null, { [failedCounter[payment.reason]]: 1 });
  },
  'payment.refunded': async (tx, envelope) => {
    const refund = paymentEvents['payment.refunded'].parse(envelope.payload);
    await bumpEvent(tx, refund.eventId, refund.currency, { refunds: 1, refundedAmount: refund.amount });
  },
  'transfer.completed': async (tx, envelope) => {
    const transfer = transferEvents['transfer.completed'].parse(envelope.payload);
    await bumpEvent(tx, transfer.eventId, null, { transfers: 1 });
  },
  'membership.joined': async (tx, envelope) => {
    const membership = membershipEvents['membership.joined'].parse(envelope.payload);
    await bumpTier(tx, membership.tier, { joined: 1 });
  },
  'membership.tier-changed': async (tx, envelope) => {
    const change = membershipEvents['membership.tier-changed'].parse(envelope.payload);
    if (change.fromTier === change.tier) return;
    await bumpTier(tx, change.fromTier, { movedOut: 1 });
    await bumpTier(tx, change.tier, { movedIn: 1 });
  },
};

/**
 * Folds one event into the figures. An event type stats does not count (a newer producer's) is skipped;
 * so is a payload that breaks its contract — it could never apply, and retrying it would stall the
 * partition — and both are logged.
 */
export function createEventApplier(logger: Logger) {
  return async (tx: Tx, { topic, envelope }: { topic: string; envelope: EventEnvelope }) => {
    const apply = appliers[envelope.type];
    if (!apply) {
      logger.debug({ topic, type: envelope.type, messageId: envelope.id }, 'event type not counted');
      return;
    }
    try {
      await apply(tx, envelope);
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      logger.error(
        { topic, type: envelope.type, messageId: envelope.id, issues: error.message },
        'skipping an event whose payload breaks its contract',
      );
    }
  };
}
