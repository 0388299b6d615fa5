import { type DbClient, keptStatement } from '@urr/common';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { refunds } from './schema.js';

export type RefundRow = typeof refunds.$inferSelect;
export type NewRefund = typeof refunds.$inferInsert;

const refundsOfPaymentOldestFirst = keptStatement((db) =>
  db
    .select()
    .from(refunds)
    .where(eq(refunds.paymentId, sql.placeholder('paymentId')))
    .orderBy(asc(refunds.createdAt)),
);

export function refundsOfPayment(db: DbClient, paymentId: string): Promise<RefundRow[]> {
  return refundsOfPaymentOldestFirst(db, { paymentId });
}

/** What the payment's pending and succeeded refunds add up to, in minor units. */
export async function committedRefundTotal(db: DbClient, paymentId: string): Promise<number> {
  const [committed] = await db
    .select({ total: sql<string>`coalesce(sum(${refunds.amount}), 0)` })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), inArray(refunds.status, ['pending', 'succeeded'])));
  return Number(committed?.total ?? 0);
}

export async function insertRefund(db: DbClient, refund: NewRefund): Promise<RefundRow> {
  const [inserted] = await db.insert(refunds).values(refund).returning();
  return inserted!;
}

/** The refund by id; `lock` takes its row lock (inside a transaction). */
export async function findRefund(
  db: DbClient,
  id: string,
  options: { readonly lock?: boolean } = {},
): Promise<RefundRow | undefined> {
  const query = db.select().from(refunds).where(eq(refunds.id, id));
  const [refund] = await (options.lock ? query.for('update') : query);
  return refund;
}

export async function updateRefund(
  db: DbClient,
  id: string,
  patch: Partial<Omit<NewRefund, 'id'>>,
): Promise<RefundRow | undefined> {
  const [updated] = await db.update(refunds).set(patch).where(eq(refunds.id, id)).returning();
  return updated;
}

/** Refunds still pending after `stuckAfterMs`: their requester died mid-call or the PSP did not answer. */
export function stuckPendingRefunds(db: DbClient, stuckAfterMs: number, limit: number): Promise<RefundRow[]> {
  return db
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.status, 'pending'),
        lt(refunds.createdAt, sql`now() - ${stuckAfterMs} * interval '1 millisecond'`),
      ),
    )
    .limit(limit);
}
