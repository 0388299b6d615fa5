import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from '@urr/common';
import { seededRandom } from '@urr/common/testing/seeded-random';

export type TopicName = 'payment' | 'reservation' | 'transfer' | 'membership';

export interface BurstMessage {
  readonly topic: TopicName;
  readonly key: string;
  readonly envelope: EventEnvelope;
}

export { seededRandom } from '@urr/common/testing/seeded-random';

type Scenario =
  | 'paid'
  | 'declined'
  | 'timed-out'
  | 'user-cancel'
  | 'expired'
  | 'late-success'
  | 'paid-then-cancelled';
const scenarios: readonly Scenario[] = [
  'paid',
  'paid',
  'paid',
  'paid',
  'declined',
  'timed-out',
  'user-cancel',
  'expired',
  'late-success',
  'paid-then-cancelled',
];

/**
 * Mixed events as ticket-service and payment-service publish them: reservation stories (paid, declined,
 * timed out, cancelled, expired, a late success refunded, paid then cancelled and refunded), transfers and
 * memberships; exactly `count` events, in per-key order. `oldEventId`'s stories happened ten days ago.
 */
export function generateBurst(options: {
  readonly count: number;
  readonly seed: number;
  readonly eventIds: readonly string[];
  readonly oldEventId: string;
}): BurstMessage[] {
  const random = seededRandom(options.seed);
  const messages: BurstMessage[] = [];
  const now = Date.now();
  const emit = (topic: TopicName, key: string, type: string, payload: Record<string, unknown>, at: number) =>
    messages.push({ topic, key, envelope: createEnvelope({ type, payload, occurredAt: new Date(at) }) });
  const members: { membershipId: string; userId: string; tier: string }[] = [];
  const tiers = ['silver', 'gold', 'vip'];

  while (messages.length < options.count) {
    if (random.next() < 0.1) {
      const existing = members.length > 0 && random.next() < 0.4 ? random.pick(members) : undefined;
      if (existing) {
        const tier = random.pick(tiers.filter((name) => name !== existing.tier));
        emit(
          'membership',
          existing.userId,
          'membership.tier-changed',
          { ...existing, fromTier: existing.tier, tier },
          now,
        );
        existing.tier = tier;
      } else {
        const member = { membershipId: randomUUID(), userId: randomUUID(), tier: random.pick(tiers) };
        members.push(member);
        emit('membership', member.userId, 'membership.joined', { ...member }, now);
      }
      continue;
    }
    const eventId = random.next() < 0.1 ? options.oldEventId : random.pick(options.eventIds);
    let at = eventId === options.oldEventId ? now - 10 * 86_400_000 : now - random.between(0, 50) * 60_000;
    const later = () => (at += random.between(1, 30) * 1000);
    const ticketCount = random.between(1, 4);
    const facts = {
      reservationId: randomUUID(),
      eventId,
      userId: randomUUID(),
      amount: ticketCount * random.pick([55_000, 88_000, 132_000]),
      currency: 'KRW',
      ticketCount,
    };
    const key = facts.reservationId;
    const paymentId = randomUUID();
    const payment = { paymentId, reservationId: key, userId: facts.userId, eventId };
    const paid = () =>
      emit(
        'payment',
        key,
        'payment.succeeded',
        { ...payment, amount: facts.amount, currency: 'KRW' },
        later(),
      );
    const failed = (reason: string) =>
      emit('payment', key, 'payment.failed', { ...payment, reason }, later());
    const refunded = () =>
      emit(
        'payment',
        key,
        'payment.refunded',
        { ...payment, refundId: randomUUID(), amount: facts.amount, currency: 'KRW', full: true },
        later(),
      );
    const reservation = (type: string, extra: Record<string, unknown> = {}) =>
      emit('reservation', key, `reservation.${type}`, { ...facts, ...extra }, later());

    reservation('created');
    switch (random.pick(scenarios)) {
      case 'paid':
        paid();
        reservation('confirmed', { paymentId });
        if (random.next() < 0.2)
          emit(
            'transfer',
            key,
            'transfer.completed',
            {
              transferId: randomUUID(),
              reservationId: key,
              eventId,
              fromUserId: facts.userId,
              toUserId: randomUUID(),
            },
            later(),
          );
        break;
      case 'declined':
        failed('declined');
        reservation('cancelled', { reason: 'payment-failed' });
        break;
      case 'timed-out':
        failed('timeout');
        reservation('cancelled', { reason: 'payment-failed' });
        break;
      case 'user-cancel':
        reservation('cancelled', { reason: 'user' });
        break;
      case 'expired':
        reservation('expired');
        break;
      case 'late-success':
        failed('timeout');
        reservation('cancelled', { reason: 'payment-failed' });
        paid();
        refunded();
        break;
      case 'paid-then-cancelled':
        paid();
        reservation('confirmed', { paymentId });
        reservation('cancelled', { reason: 'user' });
        refunded();
        break;
    }
  }
  return messages.slice(0, options.count);
}

export interface ExpectedFigures {
  readonly perEvent: Map<
    string,
    {
      created: number;
      confirmed: number;
      cancelled: number;
      expired: number;
      ticketsSold: number;
      salesAmount: number;
      gross: number;
      refunded: number;
      failed: Record<'declined' | 'timeout' | 'error', number>;
      succeeded: number;
      transfers: number;
    }
  >;
  readonly members: Map<string, number>;
}

/**
 * The figures the burst should produce, computed the plain way (a reservation's tickets count as sold when
 * its last event is `reservation.confirmed`), independently of stats-service's incremental rules.
 */
export function expectedFigures(messages: readonly BurstMessage[]): ExpectedFigures {
  const perEvent: ExpectedFigures['perEvent'] = new Map();
  const of = (eventId: string) => {
    let figures = perEvent.get(eventId);
    if (!figures) {
      figures = {
        created: 0,
        confirmed: 0,
        cancelled: 0,
        expired: 0,
        ticketsSold: 0,
        salesAmount: 0,
        gross: 0,
        refunded: 0,
        failed: { declined: 0, timeout: 0, error: 0 },
        succeeded: 0,
        transfers: 0,
      };
      perEvent.set(eventId, figures);
    }
    return figures;
  };
  const lastOf = new Map<string, BurstMessage>();
  const members = new Map<string, number>();
  const tierOf = new Map<string, string>();
  for (const message of messages) {
    const { type, payload } = message.envelope;
    const figures = payload.eventId ? of(payload.eventId as string) : undefined;
    if (type === 'reservation.created') figures!.created += 1;
    if (type === 'reservation.confirmed') figures!.confirmed += 1;
    if (type === 'reservation.cancelled') figures!.cancelled += 1;
    if (type === 'reservation.expired') figures!.expired += 1;
    if (type.startsWith('reservation.')) lastOf.set(payload.reservationId as string, message);
    if (type === 'payment.succeeded') {
      figures!.succeeded += 1;
      figures!.gross += payload.amount as number;
    }
    if (type === 'payment.failed') figures!.failed[payload.reason as 'declined'] += 1;
    if (type === 'payment.refunded') figures!.refunded += payload.amount as number;
    if (type === 'transfer.completed') figures!.transfers += 1;
    if (type === 'membership.joined' || type === 'membership.tier-changed') {
      const userId = payload.userId as string;
      const before = tierOf.get(userId);
      if (before) members.set(before, (members.get(before) ?? 0) - 1);
      members.set(payload.tier as string, (members.get(payload.tier as string) ?? 0) + 1);
      tierOf.set(userId, payload.tier as string);
    }
  }
  for (const last of lastOf.values()) {
    if (last.envelope.type !== 'reservation.confirmed') continue;
    const figures = of(last.envelope.payload.eventId as string);
    figures.ticketsSold += last.envelope.payload.ticketCount as number;
    figures.salesAmount += last.envelope.payload.amount as number;
  }
  return { perEvent, members };
}
