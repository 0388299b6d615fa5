import { type DbClient, withTransaction } from '@urr/common';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { refundRequests } from './schema.js';

export type RefundRequestRow = typeof refundRequests.$inferSelect;

/**
 * Why a payment is given back: its paid reservation was cancelled, it succeeded after the hold ended, or
 * it did not match the reservation's amount.
 */
export type RefundReason = 'cancelled' | 'late-payment' | 'amount-mismatch';

/** Asks for the payment to be refunded; a second request for the same payment changes nothing. */
export async function requestRefund(
  tx: DbClient,
  request: { paymentId: string; reservationId: string; reason: RefundReason; now: Date },
): Promise<boolean> {
  const inserted = await tx
    .insert(refundRequests)
    .values({
      paymentId: request.paymentId,
      reservationId: request.reservationId,
      reason: request.reason,
      nextAttemptAt: request.now,
      createdAt: request.now,
    })
    .onConflictDoNothing()
    .returning({ paymentId: refundRequests.paymentId });
  return inserted.length > 0;
}

/**
 * Takes up to `limit` due requests and moves their next attempt `leaseMs` ahead, so another replica's job
 * leaves them alone while this one calls payment-service (outside any transaction).
 */
export function claimDueRefunds(
  db: DbClient,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<RefundRequestRow[]> {
  return withTransaction(db, async (tx) => {
    const due = await tx
      .select()
      .from(refundRequests)
      .where(and(eq(refundRequests.status, 'pending'), lte(refundRequests.nextAttemptAt, now)))
      .orderBy(asc(refundRequests.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const request of due)
      await tx
        .update(refundRequests)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
        .where(eq(refundRequests.paymentId, request.paymentId));
    return due;
  });
}

export async function settleRefundRequest(
  db: DbClient,
  paymentId: string,
  settled:
    | { status: 'done'; refundId: string | null; now: Date }
    | { status: 'failed'; error: string; now: Date }
    | { status: 'pending'; error: string; nextAttemptAt: Date },
): Promise<void> {
  await db
    .update(refundRequests)
    .set(
      settled.status === 'pending'
        ? {
            attempts: sql`${refundRequests.attempts} + 1`,
            lastError: settled.error,
            nextAttemptAt: settled.nextAttemptAt,
          }
        : {
            status: settled.status,
            attempts: sql`${refundRequests.attempts} + 1`,
            completedAt: settled.now,
            ...(settled.status === 'done' ? { refundId: settled.refundId } : { lastError: settled.error }),
          },
    )
    .where(eq(refundRequests.paymentId, paymentId));
}

export async function findRefundRequest(db: DbClient, paymentId: string) {
  const [row] = await db.select().from(refundRequests).where(eq(refundRequests.paymentId, paymentId));
  return row;
}
