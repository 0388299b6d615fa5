import { type DbClient, enqueueOutbox, topics } from '@urr/common';
import { and, count, desc, eq, or } from 'drizzle-orm';
import { reservations, transfers } from '../db/schema.js';
import type { ReservationRow } from './reservation-repository.js';

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

/** Hands the reservation to `toUserId`. */
export async function moveReservation(
  tx: DbClient,
  reservation: ReservationRow,
  toUserId: string,
  now: Date,
): Promise<ReservationRow> {
  const [row] = await tx
    .update(reservations)
    .set({ userId: toUserId, updatedAt: now })
    .where(eq(reservations.id, reservation.id))
    .returning();
  if (!row) throw new Error(`reservation ${reservation.id} vanished inside its transaction`);
  return row;
}

export function enqueueTransferCompleted(tx: DbClient, transfer: TransferRow, reservation: ReservationRow) {
  return enqueueOutbox(tx, {
    topic: topics.transfer,
    key: reservation.id,
    type: 'transfer.completed',
    payload: {
      transferId: transfer.id,
      reservationId: reservation.id,
      eventId: reservation.eventId,
      fromUserId: transfer.fromUserId,
      toUserId: transfer.toUserId ?? '',
    },
  });
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
