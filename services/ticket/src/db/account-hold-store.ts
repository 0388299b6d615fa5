import { type DbClient, keptStatement } from '@urr/common';
import { and, eq, gt, sql } from 'drizzle-orm';
import { reservations } from './schema.js';

/**
 * Takes the account's hold lock for the event until the transaction ends: concurrent reservations of
 * one account for one event take turns, so each counts the holds the others committed.
 */
export async function lockAccountHolds(tx: DbClient, eventId: string, userId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`account-holds:${eventId}:${userId}`}, 0))`,
  );
}

const unpaidTicketsHeld = keptStatement((db) =>
  db
    .select({ held: sql<number>`coalesce(sum(${reservations.ticketCount}), 0)::int` })
    .from(reservations)
    .where(
      and(
        eq(reservations.userId, sql.placeholder('userId')),
        eq(reservations.eventId, sql.placeholder('eventId')),
        eq(reservations.status, 'PENDING_PAYMENT'),
        gt(reservations.expiresAt, sql.placeholder('now')),
      ),
    ),
);

/** Tickets the account holds unpaid for the event at `now` (holds whose time ran out do not count). */
export async function unpaidTicketsHeldBy(
  tx: DbClient,
  eventId: string,
  userId: string,
  now: Date,
): Promise<number> {
  const [row] = await unpaidTicketsHeld(tx, { userId, eventId, now });
  return Number(row?.held ?? 0);
}
