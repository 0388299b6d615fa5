import type { DbClient } from '@urr/common';
import { and, count, desc, eq, or } from 'drizzle-orm';
import type { ReservationRow } from './reservation-store.js';
import { transfers } from './schema.js';

export type TransferRow = typeof transfers.$inferSelect;

export async function insertTransfer(
  tx: DbClient,
  reservation: ReservationRow,
  claimCodeHash: string,
  now: Date,
): Promise<TransferRow> {
  const [row] = await tx
    .insert(transfers)
    .values({ reservationId: reservation.id, fromUserId: reservation.userId, claimCodeHash, createdAt: now })
    .returning();
  if (!row) throw new Error('transfer insert returned no row');
  return row;
}

export async function findTransfer(db: DbClient, id: string): Promise<TransferRow | undefined> {
  const [row] = await db.select().from(transfers).where(eq(transfers.id, id));
  return row;
}

export async function lockTransfer(tx: DbClient, id: string): Promise<TransferRow | undefined> {
  const [row] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
  return row;
}

export async function setTransferStatus(
  tx: DbClient,
  id: string,
  change: Pick<TransferRow, 'status'> &
    Partial<Pick<TransferRow, 'toUserId' | 'completedAt' | 'cancelledAt'>>,
): Promise<TransferRow> {
  const [row] = await tx.update(transfers).set(change).where(eq(transfers.id, id)).returning();
  if (!row) throw new Error(`transfer ${id} vanished inside its transaction`);
  return row;
}

/** Ends the pending transfer of a reservation that is being cancelled. */
export async function cancelPendingTransfers(tx: DbClient, reservationId: string, now: Date): Promise<void> {
  await tx
    .update(transfers)
    .set({ status: 'CANCELLED', cancelledAt: now })
    .where(and(eq(transfers.reservationId, reservationId), eq(transfers.status, 'PENDING')));
}

export async function transfersOfUser(db: DbClient, userId: string, page: { limit: number; offset: number }) {
  const where = or(eq(transfers.fromUserId, userId), eq(transfers.toUserId, userId));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(transfers)
      .where(where)
      .orderBy(desc(transfers.createdAt), desc(transfers.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(transfers).where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}
