import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  ChargeOutcomeKind,
  FailureReason,
  PaymentStatus,
  RefundStatus,
} from '../domain/payment-state.js';

export { outbox, processedMessages } from '@urr/common/kafka/outbox-schema';

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One payment per reservation: ticket-service creates it when the seat is held (or cancelled, when the
 * reservation is cancelled before it had one), the fan pays it once, in up to `MAX_CHARGE_ATTEMPTS`
 * charges while declined cards leave it payable (`payment_attempts`).
 * Its id is the payment id in `payment-events` and the reference the PSP knows its charges by.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    reservationId: uuid('reservation_id').notNull().unique(),
    userId: text('user_id').notNull(),
    eventId: text('event_id').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    status: text('status').$type<PaymentStatus>().notNull().default('requires_payment'),
    failureReason: text('failure_reason').$type<FailureReason>(),
    declineCode: text('decline_code'),
    capturedAmount: money('captured_amount').notNull().default(0),
    refundedAmount: money('refunded_amount').notNull().default(0),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    pspChargeId: text('psp_charge_id'),
    /** How many charges were sent to the PSP; the latest is the only one whose outcome still counts. */
    chargeAttempts: integer('charge_attempts').notNull().default(0),
    chargeStartedAt: at('charge_started_at'),
    /** Until then the reconciler asks the PSP about a charge whose outcome was unknown (timeout, error). */
    reconcileUntil: at('reconcile_until'),
    /** The reservation's hold ends here; a payment is not taken after it. */
    expiresAt: at('expires_at').notNull(),
    succeededAt: at('succeeded_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('payments_user_idx').on(table.userId),
    index('payments_reconcile_idx').on(table.reconcileUntil).where(sql`${table.reconcileUntil} is not null`),
    check('payments_amount_not_negative', sql`${table.amount} >= 0`),
    check('payments_refunds_within_capture', sql`${table.refundedAmount} <= ${table.capturedAmount}`),
  ],
);

/** Each charge of a payment: which card, what the PSP said and when (docs/adr/0045). */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    /** 1, 2, …; the PSP's idempotency key of the charge is `<payment id>:<attempt>`. */
    attempt: integer('attempt').notNull(),
    cardBrand: text('card_brand').notNull(),
    cardLast4: text('card_last4').notNull(),
    /** Null while the charge is under way. */
    outcome: text('outcome').$type<ChargeOutcomeKind>(),
    declineCode: text('decline_code'),
    pspChargeId: text('psp_charge_id'),
    startedAt: at('started_at').notNull(),
    settledAt: at('settled_at'),
  },
  (table) => [
    primaryKey({ columns: [table.paymentId, table.attempt] }),
    check('payment_attempts_attempt_positive', sql`${table.attempt} > 0`),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    /** `pending` counts against the refundable amount until the PSP answers. */
    status: text('status').$type<RefundStatus>().notNull(),
    reason: text('reason'),
    /** `internal` (a service) or the admin's user id. */
    requestedBy: text('requested_by').notNull(),
    pspRefundId: text('psp_refund_id'),
    failure: text('failure'),
    createdAt: at('created_at').notNull().defaultNow(),
    completedAt: at('completed_at'),
  },
  (table) => [
    index('refunds_payment_idx').on(table.paymentId),
    check('refunds_amount_positive', sql`${table.amount} > 0`),
  ],
);

/** Stripe-style idempotency keys: the first request's response, replayed to retries for 24 h. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key it is (`user:<id>` or `internal`): two callers may pick the same key. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** Hash of method, path and body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    status: text('status').$type<'in_flight' | 'completed'>().notNull(),
    responseStatus: integer('response_status'),
    responseContentType: text('response_content_type'),
    responseBody: jsonb('response_body'),
    /** When the request holding the key started; a holder gone for long (crashed) loses the key. */
    lockedAt: at('locked_at').notNull().defaultNow(),
    createdAt: at('created_at').notNull().defaultNow(),
    completedAt: at('completed_at'),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.key] }),
    index('idempotency_keys_created_idx').on(table.createdAt),
  ],
);
