import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ReservationStatus } from '../domain/reservation-transitions.js';

export { processedMessages } from '@urr/common/kafka/outbox-schema';

const count = (name: string) => integer(name).notNull().default(0);
const money = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Where each reservation stands, as far as the events told: a cancellation takes tickets off the sales only
 * when the reservation had been confirmed, and a repeated transition counts once.
 */
export const reservationFacts = pgTable(
  'reservation_facts',
  {
    reservationId: uuid('reservation_id').primaryKey(),
    eventId: text('event_id').notNull(),
    status: text('status').$type<ReservationStatus>().notNull(),
    ticketCount: integer('ticket_count').notNull(),
    amount: money('amount'),
    currency: text('currency').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [index('reservation_facts_event_idx').on(table.eventId)],
);

/** The dashboard's figures per event (a sale), kept current by every consumed event. */
export const eventStats = pgTable('event_stats', {
  eventId: text('event_id').primaryKey(),
  currency: text('currency'),
  reservationsCreated: count('reservations_created'),
  reservationsConfirmed: count('reservations_confirmed'),
  reservationsCancelled: count('reservations_cancelled'),
  reservationsExpired: count('reservations_expired'),
  /** Tickets of reservations confirmed and not cancelled since. */
  ticketsSold: count('tickets_sold'),
  /** What those reservations cost. */
  salesAmount: money('sales_amount'),
  paymentsSucceeded: count('payments_succeeded'),
  paymentsFailedDeclined: count('payments_failed_declined'),
  paymentsFailedTimeout: count('payments_failed_timeout'),
  paymentsFailedError: count('payments_failed_error'),
  grossRevenue: money('gross_revenue'),
  refundedAmount: money('refunded_amount'),
  refunds: count('refunds'),
  transfers: count('transfers'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Tickets sold per event and hour (net of cancellations), for popularity over a window. */
export const eventSalesHourly = pgTable(
  'event_sales_hourly',
  {
    eventId: text('event_id').notNull(),
    hour: at('hour').notNull(),
    ticketsSold: count('tickets_sold'),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.hour] }),
    index('event_sales_hourly_hour_idx').on(table.hour),
  ],
);

export const membershipTiers = pgTable('membership_tiers', {
  tier: text('tier').primaryKey(),
  joined: count('joined'),
  /** Members who moved into this tier from another. */
  movedIn: count('moved_in'),
  movedOut: count('moved_out'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** The sale report's projection (docs/adr/0041): one row per consumed event, read whole by the report. */
export const saleLineKinds = ['arrived', 'admitted', 'left', 'expired'] as const;
export type SaleLineKind = (typeof saleLineKinds)[number];

/** Changes of a sale's Tier-2 line, from `queue-events`. */
export const saleLineFacts = pgTable(
  'sale_line_facts',
  {
    messageId: uuid('message_id').primaryKey(),
    eventId: text('event_id').notNull(),
    kind: text('kind').$type<SaleLineKind>().notNull(),
    userId: text('user_id').notNull(),
    arrival: integer('arrival'),
    sequence: bigint('sequence', { mode: 'number' }).notNull(),
    /** Arrivals only: admitted on the spot, the line being empty. */
    admittedAtOnce: boolean('admitted_at_once'),
    /** Departures only: whether the user had a slot (false: left the line before their turn). */
    wasAdmitted: boolean('was_admitted'),
    occurredAt: at('occurred_at').notNull(),
  },
  (table) => [index('sale_line_facts_event_idx').on(table.eventId, table.sequence)],
);

/** Both tiers of a sale at one moment, from `queue-events`' samples. */
export const saleSamples = pgTable(
  'sale_samples',
  {
    messageId: uuid('message_id').primaryKey(),
    eventId: text('event_id').notNull(),
    sampledAt: at('sampled_at').notNull(),
    servingCounter: integer('serving_counter'),
    highestPosition: integer('highest_position'),
    waiting: integer('waiting').notNull(),
    active: integer('active').notNull(),
    maxUsers: integer('max_users').notNull(),
    seatsTotal: integer('seats_total'),
    seatsSold: integer('seats_sold'),
    seatsHeld: integer('seats_held'),
  },
  (table) => [index('sale_samples_event_idx').on(table.eventId, table.sampledAt)],
);

export const saleMoneyKinds = ['booked', 'unbooked', 'paid', 'refunded'] as const;
export type SaleMoneyKind = (typeof saleMoneyKinds)[number];

/**
 * Bookings and money of a sale as they happened: a confirmation that counted (`booked`), its cancellation
 * (`unbooked`), a captured payment (`paid`) and a refund (`refunded`). Tickets and amount are positive.
 */
export const saleMoneyFacts = pgTable(
  'sale_money_facts',
  {
    messageId: uuid('message_id').primaryKey(),
    eventId: text('event_id').notNull(),
    kind: text('kind').$type<SaleMoneyKind>().notNull(),
    tickets: count('tickets'),
    amount: money('amount'),
    currency: text('currency'),
    occurredAt: at('occurred_at').notNull(),
  },
  (table) => [index('sale_money_facts_event_idx').on(table.eventId, table.occurredAt)],
);
