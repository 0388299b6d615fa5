import { z } from 'zod';
import { topics } from '../kafka/event-envelope.js';

/**
 * The payload contracts of the four topics: producers build payloads with these schemas and
 * consumers parse with them, so a change shows up in both at type-check time.
 * Amounts are integer minor units (KRW has no minor unit, so 1 = ₩1).
 */
const money = { amount: z.number().int().nonnegative(), currency: z.string().length(3) };

export const paymentEvents = {
  topic: topics.payment,
  'payment.succeeded': z.object({
    paymentId: z.uuid(),
    reservationId: z.uuid(),
    userId: z.string().min(1),
    eventId: z.string().min(1),
    ...money,
  }),
  'payment.failed': z.object({
    paymentId: z.uuid(),
    reservationId: z.uuid(),
    userId: z.string().min(1),
    eventId: z.string().min(1),
    reason: z.enum(['declined', 'timeout', 'error']),
  }),
  'payment.refunded': z.object({
    paymentId: z.uuid(),
    refundId: z.uuid(),
    reservationId: z.uuid(),
    eventId: z.string().min(1),
    ...money,
    full: z.boolean(),
  }),
} as const;

const reservationFacts = {
  reservationId: z.uuid(),
  eventId: z.string().min(1),
  userId: z.string().min(1),
  ...money,
  /** Seats for a seated event, tickets for a standing one. */
  ticketCount: z.number().int().positive(),
};

export const reservationEvents = {
  topic: topics.reservation,
  'reservation.created': z.object(reservationFacts),
  'reservation.confirmed': z.object({ ...reservationFacts, paymentId: z.uuid() }),
  'reservation.cancelled': z.object({
    ...reservationFacts,
    reason: z.enum(['user', 'payment-failed', 'admin']),
  }),
  'reservation.expired': z.object(reservationFacts),
} as const;

export const transferEvents = {
  topic: topics.transfer,
  'transfer.completed': z.object({
    transferId: z.uuid(),
    reservationId: z.uuid(),
    eventId: z.string().min(1),
    fromUserId: z.string().min(1),
    toUserId: z.string().min(1),
  }),
} as const;

export const membershipEvents = {
  topic: topics.membership,
  'membership.joined': z.object({
    membershipId: z.uuid(),
    userId: z.string().min(1),
    tier: z.string().min(1),
  }),
  'membership.tier-changed': z.object({
    membershipId: z.uuid(),
    userId: z.string().min(1),
    fromTier: z.string().min(1),
    tier: z.string().min(1),
  }),
} as const;

/** A waiting-list fan was offered returned seats or tickets: a hold made for them, to pay by `expiresAt`. */
export const waitingListEvents = {
  topic: topics.waitingList,
  'waitlist.offer': z.object({
    entryId: z.uuid(),
    reservationId: z.uuid(),
    eventId: z.string().min(1),
    userId: z.string().min(1),
    ...money,
    ticketCount: z.number().int().positive(),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
} as const;

/** A sale as the public sees it; catalog-service keeps it as its read model. */
export const catalogEventSnapshot = z.object({
  eventId: z.string().min(1),
  title: z.string().min(1),
  description: z.string(),
  artist: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  venue: z.object({ id: z.string().min(1), name: z.string().min(1), city: z.string() }),
  organiserId: z.string().min(1),
  category: z.string().min(1),
  kind: z.enum(['seated', 'standing']),
  status: z.enum(['draft', 'scheduled', 'on-sale', 'sold-out', 'closed', 'cancelled']),
  salesOpenAt: z.iso.datetime({ offset: true }),
  salesCloseAt: z.iso.datetime({ offset: true }),
  performances: z.array(z.object({ id: z.string().min(1), startsAt: z.iso.datetime({ offset: true }) })),
  priceRange: z.object({
    min: z.number().int().nonnegative(),
    max: z.number().int().nonnegative(),
    currency: z.string().length(3),
  }),
  /** Increases with every change of the event, so a consumer can drop a stale snapshot. */
  version: z.number().int().nonnegative(),
});

export const catalogEvents = {
  topic: topics.catalog,
  'event.upserted': catalogEventSnapshot,
  'event.deleted': z.object({ eventId: z.string().min(1), version: z.number().int().nonnegative() }),
} as const;

type Catalog = Record<string, unknown> & { topic: string };
/** The event type names of one topic's catalog, e.g. `EventTypeOf<typeof paymentEvents>`. */
export type EventTypeOf<C extends Catalog> = Exclude<keyof C, 'topic'> & string;
/** The payload type of one event type, e.g. `PayloadOf<typeof paymentEvents, 'payment.succeeded'>`. */
export type PayloadOf<C extends Catalog, T extends EventTypeOf<C>> = C[T] extends z.ZodType
  ? z.output<C[T]>
  : never;
