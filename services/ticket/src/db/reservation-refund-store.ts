import type { DbClient } from '@urr/common';
import { eq, sql } from 'drizzle-orm';
import type { ReservationRow } from './reservation-store.js';
import { reservationRefunds, reservations } from './schema.js';

/**
 * Adds a refund payment-service reported to the reservation's refunded amount, once per refund id;
 * undefined when that refund was applied before.
 */
export async function addReservationRefund(
  tx: DbClient,
  refund: { refundId: string; reservationId: string; paymentId: string; amount: number; now: Date },
): Promise<ReservationRow | undefined> {
  const inserted = await tx
    .insert(reservationRefunds)
    .values({
      refundId: refund.refundId,
      reservationId: refund.reservationId,
      paymentId: refund.paymentId,
      amount: refund.amount,
      createdAt: refund.now,
    })
    .onConflictDoNothing()
    .returning({ refundId: reservationRefunds.refundId });
  if (inserted.length === 0) return undefined;
  const [row] = await tx
    .update(reservations)
    .set({ refundedAmount: sql`${reservations.refundedAmount} + ${refund.amount}`, updatedAt: refund.now })
    .where(eq(reservations.id, refund.reservationId))
    .returning();
  return row;
}
