import type { DbClient } from '@urr/common';
import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import { type RefundRow, refundsOfPayment } from './refund-store.js';
import { payments } from './schema.js';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type PaymentPatch = Partial<Omit<NewPayment, 'id'>>;

/** Inserts the payment unless its reservation has one already: `undefined` then. */
export async function insertPaymentOnce(db: DbClient, payment: NewPayment): Promise<PaymentRow | undefined> {
  const [inserted] = await db
    .insert(payments)
    .values(payment)
    .onConflictDoNothing({ target: payments.reservationId })
    .returning();
  return inserted;
}

/** The payment by id or by reservation; `lock` takes its row lock (inside a transaction). */
export async function findPaymentRow(
  db: DbClient,
  by: { readonly id: string } | { readonly reservationId: string },
  options: { readonly lock?: boolean } = {},
): Promise<PaymentRow | undefined> {
  const query = db
    .select()
    .from(payments)
    .where('id' in by ? eq(payments.id, by.id) : eq(payments.reservationId, by.reservationId));
  const [payment] = await (options.lock ? query.for('update') : query);
  return payment;
}

/** The payment with its refunds, oldest first. */
export async function findPayment(
  db: DbClient,
  by: { readonly id: string } | { readonly reservationId: string },
): Promise<{ readonly payment: PaymentRow; readonly refunds: RefundRow[] } | undefined> {
  const payment = await findPaymentRow(db, by);
  if (!payment) return undefined;
  return { payment, refunds: await refundsOfPayment(db, payment.id) };
}

export async function updatePayment(
  db: DbClient,
  id: string,
  patch: PaymentPatch,
): Promise<PaymentRow | undefined> {
  const [updated] = await db.update(payments).set(patch).where(eq(payments.id, id)).returning();
  return updated;
}

/**
 * Payments whose outcome the PSP may still change: charges under way for longer than `stuckAfterMs`, and
 * failures still inside their reconcile window.
 */
export function paymentsToReconcile(db: DbClient, stuckAfterMs: number, limit: number) {
  return db
    .select({ id: payments.id, status: payments.status, chargeAttempts: payments.chargeAttempts })
    .from(payments)
    .where(
      or(
        and(
          eq(payments.status, 'processing'),
          lt(payments.chargeStartedAt, sql`now() - ${stuckAfterMs} * interval '1 millisecond'`),
        ),
        and(eq(payments.status, 'failed'), gt(payments.reconcileUntil, sql`now()`)),
      ),
    )
    .limit(limit);
}
