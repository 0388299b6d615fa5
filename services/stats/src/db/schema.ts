import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
