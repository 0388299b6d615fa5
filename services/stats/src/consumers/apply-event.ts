import { type ConsumerTransaction, type EventEnvelope, type Logger, z } from '@urr/common';
import {
  membershipEvents,
  paymentEvents,
  reservationEvents,
  transferEvents,
} from '@urr/common/events/domain-events';
import { saveMoneyFact } from '../db/sale-report-store.js';
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
import { queueEventAppliers } from './apply-queue-event.js';

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
    await saveMoneyFact(tx, {
      messageId: envelope.id,
      eventId: facts.eventId,
      kind: transition.delta.ticketsSold > 0 ? 'booked' : 'unbooked',
      tickets: Math.abs(transition.delta.ticketsSold),
      amount: Math.abs(transition.delta.salesAmount),
      currency: facts.currency,
      occurredAt: new Date(envelope.occurredAt),
    });
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
    await saveMoneyFact(tx, {
      messageId: envelope.id,
      eventId: payment.eventId,
      kind: 'paid',
      amount: payment.amount,
      currency: payment.currency,
      occurredAt: new Date(envelope.occurredAt),
    });
  },
  'payment.failed': async (tx, envelope) => {
    const payment = paymentEvents['payment.failed'].parse(envelope.payload);
    await bumpEvent(tx, payment.eventId, null, { [failedCounter[payment.reason]]: 1 });
  },
  'payment.refunded': async (tx, envelope) => {
    const refund = paymentEvents['payment.refunded'].parse(envelope.payload);
    await bumpEvent(tx, refund.eventId, refund.currency, { refunds: 1, refundedAmount: refund.amount });
    await saveMoneyFact(tx, {
      messageId: envelope.id,
      eventId: refund.eventId,
      kind: 'refunded',
      amount: refund.amount,
      currency: refund.currency,
      occurredAt: new Date(envelope.occurredAt),
    });
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
  ...queueEventAppliers,
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
