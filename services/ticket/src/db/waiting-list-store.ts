import { type DbClient, keptStatement, placeholderValue } from '@urr/common';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { FreeSeat } from '../domain/waiting-list.js';
import {
  reservationSeats,
  reservations,
  seatGrades,
  seats,
  sectionRows,
  sections,
  ticketTypes,
  waitingListEntries,
  waitingListWakeups,
} from './schema.js';
import type { SeatLock } from './seat-lock-store.js';

/** Waiting-list entries, the wakeups that make the list be matched, and the free seats it matches. */

export type WaitingListEntryRow = typeof waitingListEntries.$inferSelect;

/**
 * Takes the event's waiting-list lock until the transaction ends. Joins take it shared (they do not wait
 * for each other), the matcher exclusive: while it matches, no join is between drawing its `seq` and
 * committing, so the line it reads has no gap a later commit could fill ahead of someone it offered to.
 */
export async function lockWaitingList(tx: DbClient, eventId: string, mode: 'join' | 'match'): Promise<void> {
  const key = sql`hashtextextended(${`waiting-list:${eventId}`}, 0)`;
  await tx.execute(
    mode === 'join'
      ? sql`select pg_advisory_xact_lock_shared(${key})`
      : sql`select pg_advisory_xact_lock(${key})`,
  );
}

export async function insertEntry(
  tx: DbClient,
  entry: Pick<
    typeof waitingListEntries.$inferInsert,
    | 'eventId'
    | 'userId'
    | 'gradeIds'
    | 'ticketTypeId'
    | 'performanceId'
    | 'maxPrice'
    | 'quantity'
    | 'createdAt'
  >,
): Promise<WaitingListEntryRow> {
  const [row] = await tx.insert(waitingListEntries).values(entry).returning();
  if (!row) throw new Error('waiting-list entry insert returned no row');
  return row;
}

export async function liveEntryOf(
  db: DbClient,
  eventId: string,
  userId: string,
): Promise<WaitingListEntryRow | undefined> {
  const [row] = await db
    .select()
    .from(waitingListEntries)
    .where(
      and(
        eq(waitingListEntries.eventId, eventId),
        eq(waitingListEntries.userId, userId),
        inArray(waitingListEntries.status, ['waiting', 'offered']),
      ),
    );
  return row;
}

export async function lockEntry(tx: DbClient, id: string): Promise<WaitingListEntryRow | undefined> {
  const [row] = await tx.select().from(waitingListEntries).where(eq(waitingListEntries.id, id)).for('update');
  return row;
}

/** A page of the event's entries in line, first come first, after the place `afterSeq`. */
export async function entriesInLine(
  tx: DbClient,
  eventId: string,
  page: { readonly afterSeq: number; readonly limit: number },
): Promise<WaitingListEntryRow[]> {
  return tx
    .select()
    .from(waitingListEntries)
    .where(
      and(
        eq(waitingListEntries.eventId, eventId),
        eq(waitingListEntries.status, 'waiting'),
        gt(waitingListEntries.seq, page.afterSeq),
      ),
    )
    .orderBy(asc(waitingListEntries.seq))
    .limit(page.limit);
}

export async function setEntryStatus(
  tx: DbClient,
  id: string,
  change: Pick<WaitingListEntryRow, 'status'> &
    Partial<Pick<WaitingListEntryRow, 'reservationId' | 'offeredAt' | 'endedAt'>>,
): Promise<WaitingListEntryRow> {
  const [row] = await tx
    .update(waitingListEntries)
    .set(change)
    .where(eq(waitingListEntries.id, id))
    .returning();
  if (!row) throw new Error(`waiting-list entry ${id} vanished inside its transaction`);
  return row;
}

const endOfferOf = keptStatement((db) =>
  db
    .update(waitingListEntries)
    .set({
      status: placeholderValue<WaitingListEntryRow['status']>('status'),
      endedAt: placeholderValue<Date | null>('endedAt'),
    })
    .where(
      and(
        eq(waitingListEntries.reservationId, sql.placeholder('reservationId')),
        eq(waitingListEntries.status, 'offered'),
      ),
    )
    .returning(),
);

/** Ends the entry whose offer this reservation is, if it still holds it; the entry when there was one. */
export async function endOffer(
  tx: DbClient,
  reservationId: string,
  change: Pick<WaitingListEntryRow, 'status' | 'endedAt'>,
): Promise<WaitingListEntryRow | undefined> {
  const [row] = await endOfferOf(tx, { reservationId, status: change.status, endedAt: change.endedAt });
  return row;
}

export async function entriesOfUser(db: DbClient, userId: string): Promise<WaitingListEntryRow[]> {
  return db
    .select()
    .from(waitingListEntries)
    .where(eq(waitingListEntries.userId, userId))
    .orderBy(desc(waitingListEntries.createdAt), desc(waitingListEntries.seq))
    .limit(100);
}

export interface LinePlace {
  /** The grade or the ticket type the place is for. */
  readonly forId: string;
  /** 1 for the first in line for it. */
  readonly position: number;
}

/** Where a waiting entry stands: per grade (or for its ticket type), 1 + the entries before it for that. */
export async function placesOf(db: DbClient, entry: WaitingListEntryRow): Promise<LinePlace[]> {
  const forIds = entry.ticketTypeId ? [entry.ticketTypeId] : entry.gradeIds;
  if (entry.status !== 'waiting' || forIds.length === 0) return [];
  const result = await db.execute<{ for_id: string; ahead: number }>(sql`
    select wanted.id as for_id,
      (select count(*) from ${waitingListEntries} other
        where other.event_id = ${entry.eventId} and other.status = 'waiting' and other.seq < ${entry.seq}
          and (wanted.id = any(other.grade_ids) or other.ticket_type_id = wanted.id))::int as ahead
    from unnest(array[${sql.join(
      forIds.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]) as wanted(id)`);
  return result.rows.map((row) => ({ forId: row.for_id, position: Number(row.ahead) + 1 }));
}

/** Records that the event's waiting list is to be matched, in the caller's transaction. */
export async function insertWakeup(tx: DbClient, eventId: string): Promise<void> {
  await tx.insert(waitingListWakeups).values({ eventId });
}

/** The oldest wakeups, grouped by event: the ids to delete once that event was matched. */
export async function dueWakeups(db: DbClient, limit: number): Promise<Map<string, number[]>> {
  const rows = await db
    .select({ id: waitingListWakeups.id, eventId: waitingListWakeups.eventId })
    .from(waitingListWakeups)
    .orderBy(asc(waitingListWakeups.id))
    .limit(limit);
  const byEvent = new Map<string, number[]>();
  for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row.id]);
  return byEvent;
}

export async function deleteWakeups(db: DbClient, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.delete(waitingListWakeups).where(inArray(waitingListWakeups.id, [...ids]));
}

/**
 * The event's seats that nobody holds at `now` (no paid reservation, no unpaid hold still within its
 * time), in seat-map order, with their grade and price.
 */
export async function freeSeatsOf(tx: DbClient, eventId: string, now: Date): Promise<FreeSeat[]> {
  const result = await tx.execute<{
    seat_id: string;
    performance_id: string;
    grade_id: string;
    price: number;
  }>(sql`
    select s.id as seat_id, s.performance_id, g.id as grade_id, g.price
    from ${seats} s
    join ${sectionRows} r on r.id = s.row_id
    join ${sections} sec on sec.id = r.section_id
    join ${seatGrades} g on g.id = r.grade_id
    where s.event_id = ${eventId}
      and not exists (
        select 1 from ${reservationSeats} rs join ${reservations} res on res.id = rs.reservation_id
        where rs.seat_id = s.id and rs.status in ('PENDING_PAYMENT', 'CONFIRMED')
          and (res.status = 'CONFIRMED' or res.expires_at > ${now}))
    order by s.performance_id, sec.position, r.position, s.number`);
  return result.rows.map((row) => ({
    seatId: row.seat_id,
    performanceId: row.performance_id,
    gradeId: row.grade_id,
    price: Number(row.price),
  }));
}

/**
 * The lock each seat's newest ended reservation was made under: after a crash between that reservation's
 * commit and its lock release, the lock may still be in Redis until its TTL.
 */
export async function endedLocksOn(
  tx: DbClient,
  eventId: string,
  seatIds: readonly string[],
): Promise<SeatLock[]> {
  if (seatIds.length === 0) return [];
  const rows = await tx
    .selectDistinctOn([reservationSeats.seatId], {
      seatId: reservationSeats.seatId,
      token: reservationSeats.fencingToken,
      reservationId: reservationSeats.reservationId,
    })
    .from(reservationSeats)
    .where(
      and(
        inArray(reservationSeats.seatId, [...seatIds]),
        inArray(reservationSeats.status, ['EXPIRED', 'CANCELLED']),
      ),
    )
    .orderBy(reservationSeats.seatId, desc(reservationSeats.fencingToken));
  return rows.map((row) => ({ eventId, ...row }));
}

/** The event's standing ticket types with what is left of each. */
export async function freeTicketsOf(tx: DbClient, eventId: string) {
  return tx
    .select({ ticketTypeId: ticketTypes.id, price: ticketTypes.price, remaining: ticketTypes.remaining })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId));
}
