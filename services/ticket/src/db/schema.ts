import { membershipTiers } from '@urr/common';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  char,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { admissionStatuses } from '../domain/admission-state.js';
import { eventStatuses } from '../domain/purchase-window.js';
import { reservationStatuses } from '../domain/reservation-status.js';
import { waitingListEntryStatuses } from '../domain/waiting-list.js';

export { outbox, processedMessages } from '@urr/common/kafka/outbox-schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

export const eventKind = pgEnum('event_kind', ['seated', 'standing']);
export const eventStatus = pgEnum('event_status', eventStatuses);
export const reservationStatus = pgEnum('reservation_status', reservationStatuses);
export const reservationKind = pgEnum('reservation_kind', ['seat', 'standing']);
export const transferStatus = pgEnum('transfer_status', ['PENDING', 'COMPLETED', 'CANCELLED']);
export const membershipTier = pgEnum('membership_tier', membershipTiers);

export const venues = pgTable('venues', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  city: text('city').notNull().default(''),
  address: text('address').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const artists = pgTable('artists', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  genre: text('genre').notNull().default(''),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    kind: eventKind('kind').notNull(),
    status: eventStatus('status').notNull().default('draft'),
    artistId: uuid('artist_id')
      .notNull()
      .references(() => artists.id),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    organiserId: text('organiser_id').notNull(),
    currency: char('currency', { length: 3 }).notNull().default('KRW'),
    presaleOpensAt: at('presale_opens_at'),
    salesOpenAt: at('sales_open_at').notNull(),
    salesCloseAt: at('sales_close_at').notNull(),
    /** Seats or standing tickets one reservation may hold. */
    maxTicketsPerReservation: integer('max_tickets_per_reservation').notNull().default(4),
    /** Seats or standing tickets one account may hold unpaid at once across its reservations of the event. */
    maxHeldTicketsPerAccount: integer('max_held_tickets_per_account').notNull().default(4),
    /** Bumped by every change of the event, its performances or prices; catalog drops older snapshots. */
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('events_artist_idx').on(table.artistId),
    index('events_venue_idx').on(table.venueId),
    check('events_sales_window', sql`${table.salesCloseAt} > ${table.salesOpenAt}`),
    check('events_max_held_tickets_per_account', sql`${table.maxHeldTicketsPerAccount} > 0`),
    check(
      'events_presale_before_sale',
      sql`${table.presaleOpensAt} is null or ${table.presaleOpensAt} < ${table.salesOpenAt}`,
    ),
  ],
);

export const performances = pgTable(
  'performances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at'),
    createdAt: createdAt(),
  },
  (table) => [index('performances_event_idx').on(table.eventId, table.startsAt)],
);

/** A price class of a seated event (VIP, R, S, ...). */
export const seatGrades = pgTable(
  'seat_grades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    price: integer('price').notNull(),
  },
  (table) => [
    unique('seat_grades_event_name').on(table.eventId, table.name),
    check('seat_grades_price', sql`${table.price} >= 0`),
  ],
);

/** The seat map of an event: sections of rows; every performance gets its own seats from it. */
export const sections = pgTable(
  'sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [unique('sections_event_name').on(table.eventId, table.name)],
);

export const sectionRows = pgTable(
  'section_rows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => sections.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    position: integer('position').notNull(),
    seatCount: integer('seat_count').notNull(),
    gradeId: uuid('grade_id')
      .notNull()
      .references(() => seatGrades.id),
  },
  (table) => [
    unique('section_rows_section_label').on(table.sectionId, table.label),
    check('section_rows_seat_count', sql`${table.seatCount} > 0`),
  ],
);

/** One sellable seat of one performance. */
export const seats = pgTable(
  'seats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    performanceId: uuid('performance_id')
      .notNull()
      .references(() => performances.id, { onDelete: 'cascade' }),
    rowId: uuid('row_id')
      .notNull()
      .references(() => sectionRows.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
  },
  (table) => [
    unique('seats_performance_row_number').on(table.performanceId, table.rowId, table.number),
    index('seats_event_idx').on(table.eventId),
  ],
);

/**
 * The newest seat-lock fencing token the database has accepted per seat. A reservation insert raises
 * it in its own transaction, conditionally, so a writer holding an older token (its lock expired and
 * someone else locked the seat since) is refused.
 */
export const seatFencing = pgTable('seat_fencing', {
  seatId: uuid('seat_id')
    .primaryKey()
    .references(() => seats.id, { onDelete: 'cascade' }),
  maxToken: bigint('max_token', { mode: 'number' }).notNull(),
  updatedAt: updatedAt(),
});

/** Standing tickets of one performance: a quantity, what is left, and how many one buyer may hold. */
export const ticketTypes = pgTable(
  'ticket_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    performanceId: uuid('performance_id')
      .notNull()
      .references(() => performances.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    price: integer('price').notNull(),
    quantity: integer('quantity').notNull(),
    remaining: integer('remaining').notNull(),
    perUserLimit: integer('per_user_limit').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('ticket_types_event_idx').on(table.eventId),
    check('ticket_types_price', sql`${table.price} >= 0`),
    check('ticket_types_remaining', sql`${table.remaining} >= 0 and ${table.remaining} <= ${table.quantity}`),
    check('ticket_types_per_user_limit', sql`${table.perUserLimit} > 0`),
  ],
);

/** Tickets of one type a user holds in active reservations; the per-user limit is checked against it. */
export const ticketHoldings = pgTable(
  'ticket_holdings',
  {
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.ticketTypeId, table.userId] }),
    check('ticket_holdings_quantity', sql`${table.quantity} >= 0`),
  ],
);

export const reservations = pgTable(
  'reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    performanceId: uuid('performance_id')
      .notNull()
      .references(() => performances.id),
    kind: reservationKind('kind').notNull(),
    /** Standing reservations only. */
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id),
    ticketCount: integer('ticket_count').notNull(),
    status: reservationStatus('status').notNull().default('PENDING_PAYMENT'),
    /** Integer minor units of `currency`, computed by the service from its prices. */
    amount: integer('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** An unpaid hold ends here. */
    expiresAt: at('expires_at').notNull(),
    paymentId: uuid('payment_id'),
    /** What payment-service has given back of the payment so far (an admin's partial refund keeps it paid). */
    refundedAmount: integer('refunded_amount').notNull().default(0),
    /** Bumped by every transfer: ticket codes signed for an earlier holder stop admitting (docs/adr/0039). */
    holderGeneration: integer('holder_generation').notNull().default(0),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    confirmedAt: at('confirmed_at'),
    cancelledAt: at('cancelled_at'),
    expiredAt: at('expired_at'),
  },
  (table) => [
    // Target of reservation_seats' (reservation_id, status) foreign key, which mirrors the status.
    unique('reservations_id_status').on(table.id, table.status),
    index('reservations_user_idx').on(table.userId, table.createdAt),
    index('reservations_event_status_idx').on(table.eventId, table.status),
    // The seat map's taken seats of one performance (docs/adr/0055).
    index('reservations_performance_status_idx').on(table.performanceId, table.status),
    index('reservations_pending_expiry_idx')
      .on(table.expiresAt)
      .where(sql`${table.status} = 'PENDING_PAYMENT'`),
    check('reservations_ticket_count', sql`${table.ticketCount} > 0`),
    check('reservations_amount', sql`${table.amount} >= 0`),
    check('reservations_refunded_amount', sql`${table.refundedAmount} >= 0`),
  ],
);

/**
 * The seats a reservation holds. `status` follows the reservation's through an ON UPDATE CASCADE
 * foreign key, so the partial unique index can refuse a second active reservation of a seat.
 */
export const reservationSeats = pgTable(
  'reservation_seats',
  {
    reservationId: uuid('reservation_id').notNull(),
    status: reservationStatus('status').notNull(),
    seatId: uuid('seat_id')
      .notNull()
      .references(() => seats.id),
    fencingToken: bigint('fencing_token', { mode: 'number' }).notNull(),
    price: integer('price').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.reservationId, table.seatId] }),
    foreignKey({
      name: 'reservation_seats_reservation_status_fk',
      columns: [table.reservationId, table.status],
      foreignColumns: [reservations.id, reservations.status],
    })
      .onUpdate('cascade')
      .onDelete('cascade'),
    uniqueIndex('reservation_seats_one_active_per_seat')
      .on(table.seatId)
      .where(sql`${table.status} in ('PENDING_PAYMENT', 'CONFIRMED')`),
  ],
);

/** A confirmed reservation handed to another user, who claims it with a one-time code. */
export const transfers = pgTable(
  'transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    fromUserId: text('from_user_id').notNull(),
    toUserId: text('to_user_id'),
    status: transferStatus('status').notNull().default('PENDING'),
    /** SHA-256 of the claim code; the code itself is shown once, to the sender. */
    claimCodeHash: text('claim_code_hash').notNull(),
    createdAt: createdAt(),
    completedAt: at('completed_at'),
    cancelledAt: at('cancelled_at'),
  },
  (table) => [
    uniqueIndex('transfers_one_pending_per_reservation')
      .on(table.reservationId)
      .where(sql`${table.status} = 'PENDING'`),
    index('transfers_from_idx').on(table.fromUserId),
    index('transfers_to_idx').on(table.toUserId),
  ],
);

/**
 * A ticket admitted at a door: ticket `ticketNumber` (1…ticket_count) of a reservation. The primary key lets
 * each ticket in exactly once; the row says when, where and by whom (docs/adr/0039).
 */
export const ticketCheckIns = pgTable(
  'ticket_check_ins',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    ticketNumber: integer('ticket_number').notNull(),
    gate: text('gate').notNull(),
    checkedInBy: text('checked_in_by').notNull(),
    checkedInAt: at('checked_in_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.reservationId, table.ticketNumber] }),
    check('ticket_check_ins_ticket_number', sql`${table.ticketNumber} >= 1`),
  ],
);

/** A user's membership of an artist's fan club; its tier decides when presales open for them. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    artistId: uuid('artist_id')
      .notNull()
      .references(() => artists.id),
    tier: membershipTier('tier').notNull(),
    joinedAt: at('joined_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (table) => [unique('memberships_user_artist').on(table.userId, table.artistId)],
);

/**
 * The refunds payment-service reported (`payment.refunded`) of a reservation's own payment, once each: a
 * refund id found here was applied already and changes nothing.
 */
export const reservationRefunds = pgTable('reservation_refunds', {
  refundId: uuid('refund_id').primaryKey(),
  reservationId: uuid('reservation_id')
    .notNull()
    .references(() => reservations.id),
  paymentId: uuid('payment_id').notNull(),
  amount: integer('amount').notNull(),
  createdAt: createdAt(),
});

export const refundRequestStatus = pgEnum('refund_request_status', ['pending', 'done', 'failed']);

/**
 * Payments to give back: a paid reservation that was cancelled, a success that arrived after the hold
 * ended (expired, or cancelled), or one that did not match the reservation's amount. Whatever ends the
 * reservation writes the request in the same transaction; the refund job asks payment-service after the
 * commit, retrying until it answers, with an idempotency key per payment (docs/adr/0010).
 */
export const refundRequests = pgTable(
  'refund_requests',
  {
    /** One payment is refunded once, whatever the number of reports about it. */
    paymentId: uuid('payment_id').primaryKey(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    reason: text('reason').notNull(),
    status: refundRequestStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    /** payment-service's refund, once it accepted the request. */
    refundId: uuid('refund_id'),
    createdAt: createdAt(),
    completedAt: at('completed_at'),
  },
  (table) => [
    index('refund_requests_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
  ],
);

export const admissionStatus = pgEnum('admission_status', admissionStatuses);

/**
 * The admission messages of queue-service (SQS `ticket-events.fifo`) the ticket-worker applied, once each:
 * a message id found here is a redelivery and changes nothing.
 */
export const admissionMessages = pgTable(
  'admission_messages',
  {
    messageId: text('message_id').primaryKey(),
    type: text('type').notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    position: integer('position'),
    occurredAt: at('occurred_at').notNull(),
    appliedAt: at('applied_at').notNull().defaultNow(),
  },
  (table) => [index('admission_messages_event_user_idx').on(table.eventId, table.userId)],
);

/** Each user's admission to an event's booking pages, as the newest of their admission messages tells it. */
export const admissions = pgTable(
  'admissions',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    status: admissionStatus('status').notNull(),
    /** The arrival number of the newest admission. */
    position: integer('position'),
    admittedAt: at('admitted_at'),
    endedAt: at('ended_at'),
    /** When the message that set `status` happened; an older message arriving late does not undo it. */
    changedAt: at('changed_at').notNull(),
    admissionCount: integer('admission_count').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.userId] }),
    index('admissions_event_status_idx').on(table.eventId, table.status),
  ],
);

export const waitingListEntryStatus = pgEnum('waiting_list_entry_status', waitingListEntryStatuses);

/**
 * A fan in line for a sold-out sale's returned seats or tickets (docs/adr/0042). `seq` is the line's
 * order: first come, first offered. One live (waiting or offered) entry per account and event; ended
 * entries stay as history. `reservationId` is the offer: a held reservation made for the entry.
 */
export const waitingListEntries = pgTable(
  'waiting_list_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    /** Seated events: the grades the fan takes. */
    gradeIds: uuid('grade_ids').array().notNull().default(sql`'{}'`),
    /** Standing events: the ticket type the fan takes. */
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id, { onDelete: 'cascade' }),
    /** Seated events: only seats of this performance (any when null). */
    performanceId: uuid('performance_id').references(() => performances.id, { onDelete: 'cascade' }),
    /** The most the fan pays per seat or ticket. */
    maxPrice: integer('max_price').notNull(),
    quantity: integer('quantity').notNull(),
    status: waitingListEntryStatus('status').notNull().default('waiting'),
    reservationId: uuid('reservation_id').references(() => reservations.id),
    offeredAt: at('offered_at'),
    endedAt: at('ended_at'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('waiting_list_entries_one_live_per_account')
      .on(table.eventId, table.userId)
      .where(sql`${table.status} in ('waiting', 'offered')`),
    index('waiting_list_entries_line_idx')
      .on(table.eventId, table.seq)
      .where(sql`${table.status} = 'waiting'`),
    uniqueIndex('waiting_list_entries_offer_idx').on(table.reservationId),
    index('waiting_list_entries_user_idx').on(table.userId, table.createdAt),
    check('waiting_list_entries_quantity', sql`${table.quantity} > 0`),
    check('waiting_list_entries_max_price', sql`${table.maxPrice} >= 0`),
    check(
      'waiting_list_entries_grades_or_ticket_type',
      sql`(cardinality(${table.gradeIds}) > 0) <> (${table.ticketTypeId} is not null)`,
    ),
  ],
);

/**
 * Events whose waiting list is to be matched against their free seats: written in the transaction that
 * gives seats or tickets back (an expiry, a cancel, a refund) and with every join, deleted by the
 * waiting-list job once it has matched them (docs/adr/0042). A release cannot be lost between its commit
 * and the offer: the row commits with it.
 */
export const waitingListWakeups = pgTable(
  'waiting_list_wakeups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('waiting_list_wakeups_event_idx').on(table.eventId)],
);
