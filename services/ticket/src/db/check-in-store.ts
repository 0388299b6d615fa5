import type { DbClient } from '@urr/common';
import { and, asc, eq } from 'drizzle-orm';
import type { ReservationRow } from './reservation-store.js';
import { reservations, ticketCheckIns } from './schema.js';

/** Tickets admitted at the doors (docs/adr/0039). */

export type CheckInRow = typeof ticketCheckIns.$inferSelect;

/**
 * The reservation, share-locked until the transaction ends: check-ins of its tickets go on side by side,
 * while a transfer (which takes the row's update lock) waits for them, and they for it.
 */
export async function shareLockReservation(tx: DbClient, id: string): Promise<ReservationRow | undefined> {
  const [row] = await tx.select().from(reservations).where(eq(reservations.id, id)).for('share');
  return row;
}

/**
 * Records the ticket as admitted unless it already is: the row, or undefined when another check-in holds
 * it (a concurrent one waits on the primary key for this one's commit, then finds it taken).
 */
export async function insertCheckIn(tx: DbClient, checkIn: CheckInRow): Promise<CheckInRow | undefined> {
  const [row] = await tx.insert(ticketCheckIns).values(checkIn).onConflictDoNothing().returning();
  return row;
}

export async function findCheckIn(
  db: DbClient,
  reservationId: string,
  ticketNumber: number,
): Promise<CheckInRow | undefined> {
  const [row] = await db
    .select()
    .from(ticketCheckIns)
    .where(
      and(eq(ticketCheckIns.reservationId, reservationId), eq(ticketCheckIns.ticketNumber, ticketNumber)),
    );
  return row;
}

export async function checkInsOf(db: DbClient, reservationId: string): Promise<CheckInRow[]> {
  return db
    .select()
    .from(ticketCheckIns)
    .where(eq(ticketCheckIns.reservationId, reservationId))
    .orderBy(asc(ticketCheckIns.ticketNumber));
}
