import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@urr/common';
import { seededRandom } from '@urr/common/testing/seeded-random';

export type SaleTopic = 'queue' | 'reservation' | 'payment';

export interface SaleMessage {
  readonly topic: SaleTopic;
  readonly key: string;
  readonly envelope: EventEnvelope;
}

export interface SeededSaleOptions {
  readonly eventId: string;
  readonly fans: number;
  readonly seed: number;
  /** When the first fan arrives (ms since the epoch). */
  readonly startsAt: number;
}

interface Timed {
  readonly at: number;
  readonly topic: SaleTopic;
  readonly key: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/**
 * The raw events of one sale as queue-service, ticket-service and payment-service publish them: fans
 * arrive (the first few admitted at once), most are admitted roughly in arrival order (now and then a
 * later arrival goes first), some leave the line, some admitted lose or give up their slot, many book
 * (some cancelled and refunded), and both tiers are sampled every five seconds. Sorted by time.
 */
export function seededSale(options: SeededSaleOptions): SaleMessage[] {
  const random = seededRandom(options.seed);
  const { eventId } = options;
  const events: Timed[] = [];
  const line = (at: number, type: string, payload: Record<string, unknown>) =>
    events.push({ at, topic: 'queue', key: eventId, type, payload: { eventId, ...payload } });

  const fans = Array.from({ length: options.fans }, (_, index) => ({
    userId: `fan-${index + 1}`,
    arrival: index + 1,
    arrivedAt: options.startsAt + index * random.between(100, 400),
    atOnce: index < 5,
    givesUp: index >= 5 && random.chance(0.15),
  }));
  for (const fan of fans)
    line(fan.arrivedAt, 'queue.arrived', {
      userId: fan.userId,
      arrival: fan.arrival,
      admittedAtOnce: fan.atOnce,
    });

  const waiting = fans.filter((fan) => !fan.givesUp);
  let lastAdmission = options.startsAt;
  const admitted: { userId: string; arrival: number; at: number }[] = [];
  for (let next = 0; next < waiting.length; next += 1) {
    if (next + 1 < waiting.length && random.chance(0.08)) {
      const later = waiting[next + 1]!;
      waiting[next + 1] = waiting[next]!;
      waiting[next] = later;
    }
    const fan = waiting[next]!;
    const at = fan.atOnce
      ? fan.arrivedAt
      : Math.max(fan.arrivedAt + random.between(50, 20_000), lastAdmission + random.between(20, 400));
    lastAdmission = Math.max(lastAdmission, at);
    line(at, 'queue.admitted', { userId: fan.userId, arrival: fan.arrival });
    admitted.push({ userId: fan.userId, arrival: fan.arrival, at });
  }
  for (const fan of fans.filter((f) => f.givesUp))
    line(fan.arrivedAt + random.between(1000, 30_000), 'queue.left', {
      userId: fan.userId,
      arrival: fan.arrival,
      wasAdmitted: false,
    });

  for (const fan of admitted) {
    const outcome = random.next();
    if (outcome < 0.1) line(fan.at + 180_000, 'queue.expired', { userId: fan.userId, arrival: fan.arrival });
    else if (outcome < 0.3)
      line(fan.at + random.between(60_000, 240_000), 'queue.left', {
        userId: fan.userId,
        arrival: fan.arrival,
        wasAdmitted: true,
      });
    if (!random.chance(0.7)) continue;
    const reservationId = randomUUID();
    const ticketCount = random.between(1, 4);
    const facts = {
      reservationId,
      eventId,
      userId: fan.userId,
      amount: ticketCount * 55_000,
      currency: 'KRW',
      ticketCount,
    };
    const booking = (at: number, type: string, payload: Record<string, unknown>) =>
      events.push({ at, topic: 'reservation', key: reservationId, type, payload });
    const paying = (at: number, type: string, payload: Record<string, unknown>) =>
      events.push({ at, topic: 'payment', key: reservationId, type, payload });
    const createdAt = fan.at + random.between(2000, 20_000);
    booking(createdAt, 'reservation.created', facts);
    if (random.chance(0.15)) {
      booking(createdAt + 900_000, 'reservation.expired', facts);
      continue;
    }
    const paymentId = randomUUID();
    const paidAt = createdAt + random.between(5000, 60_000);
    paying(paidAt, 'payment.succeeded', {
      paymentId,
      reservationId,
      userId: fan.userId,
      eventId,
      amount: facts.amount,
      currency: 'KRW',
    });
    booking(paidAt + 100, 'reservation.confirmed', { ...facts, paymentId });
    if (random.chance(0.1)) {
      const cancelledAt = paidAt + random.between(600_000, 3_000_000);
      booking(cancelledAt, 'reservation.cancelled', { ...facts, reason: 'admin' });
      paying(cancelledAt + 200, 'payment.refunded', {
        paymentId,
        refundId: randomUUID(),
        reservationId,
        eventId,
        amount: facts.amount,
        currency: 'KRW',
        full: true,
      });
    }
  }

  const lastLineChange = Math.max(...events.map((event) => event.at));
  let sold = 0;
  for (let at = options.startsAt, serving = 0; at <= lastLineChange; at += 5000) {
    serving += random.between(0, 40);
    sold = Math.min(400, sold + random.between(0, 12));
    events.push({
      at: at + random.between(0, 999),
      topic: 'queue',
      key: eventId,
      type: 'queue.sampled',
      payload: {
        eventId,
        tier1: random.chance(0.9)
          ? { servingCounter: serving, highestPosition: serving + random.between(0, 500) }
          : null,
        tier2: { waiting: random.between(0, 200), active: random.between(0, 50), maxUsers: 50 },
        seats: random.chance(0.9) ? { total: 400, sold, held: random.between(0, 20) } : null,
      },
    });
  }

  events.sort((a, b) => a.at - b.at);
  let sequence = 0;
  return events.map((event) => ({
    topic: event.topic,
    key: event.key,
    envelope: {
      id: randomUUID(),
      type: event.type,
      occurredAt: new Date(event.at).toISOString(),
      schemaVersion: 1,
      payload:
        event.topic === 'queue' && event.type !== 'queue.sampled'
          ? { ...event.payload, sequence: ++sequence }
          : event.payload,
    },
  }));
}
