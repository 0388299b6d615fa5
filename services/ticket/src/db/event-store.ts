import { type DbClient, keptStatement, type MembershipTier } from '@urr/common';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { EventFacts } from '../domain/catalog-snapshot.js';
import {
  artists,
  events,
  memberships,
  performances,
  reservations,
  seatGrades,
  ticketTypes,
  venues,
} from './schema.js';
import { deleteSeatMap } from './seat-map-store.js';

/** Events and their performances; what their catalog snapshot is made of. */

export type EventRow = typeof events.$inferSelect;

export type PerformanceRow = typeof performances.$inferSelect;

export type NewEvent = typeof events.$inferInsert;

export type EventChanges = Partial<
  Pick<
    EventRow,
    | 'title'
    | 'description'
    | 'category'
    | 'status'
    | 'artistId'
    | 'venueId'
    | 'presaleOpensAt'
    | 'salesOpenAt'
    | 'salesCloseAt'
    | 'maxTicketsPerReservation'
    | 'maxHeldTicketsPerAccount'
  >
>;

const eventById = keptStatement((db) =>
  db
    .select()
    .from(events)
    .where(eq(events.id, sql.placeholder('eventId'))),
);
const eventForBuyer = keptStatement((db) =>
  db
    .select({ event: events, tier: memberships.tier })
    .from(events)
    .leftJoin(
      memberships,
      and(eq(memberships.artistId, events.artistId), eq(memberships.userId, sql.placeholder('userId'))),
    )
    .where(eq(events.id, sql.placeholder('eventId'))),
);
const eventKeyShared = keptStatement((db) =>
  db
    .select({ id: events.id })
    .from(events)
    .where(eq(events.id, sql.placeholder('eventId')))
    .for('key share'),
);
const performanceById = keptStatement((db) =>
  db
    .select()
    .from(performances)
    .where(eq(performances.id, sql.placeholder('id'))),
);

export async function findEvent(db: DbClient, eventId: string): Promise<EventRow | undefined> {
  const [row] = await eventById(db, { eventId });
  return row;
}

/** The event with the buyer's tier in its artist's fan club (undefined when not a member), in one query. */
export async function findEventForBuyer(
  db: DbClient,
  eventId: string,
  userId: string,
): Promise<{ readonly event: EventRow; readonly tier: MembershipTier | undefined } | undefined> {
  const [row] = await eventForBuyer(db, { eventId, userId });
  return row ? { event: row.event, tier: row.tier ?? undefined } : undefined;
}

/**
 * Keeps the event from being deleted until the transaction ends (the lock a reservation's foreign key
 * takes, taken up front): false when it is gone already, so the booking answers 404, not a key violation.
 */
export async function holdEventForBooking(tx: DbClient, eventId: string): Promise<boolean> {
  const rows = await eventKeyShared(tx, { eventId });
  return rows.length === 1;
}

/** Locks the event row against every other writer and every new booking (see holdEventForBooking). */
export async function lockEventForDelete(tx: DbClient, eventId: string): Promise<EventRow | undefined> {
  const [row] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  return row;
}

/**
 * Locks the event row and bumps its version: the first step of every change to an event, its
 * performances or prices, so concurrent changes of one event take turns and each snapshot gets a
 * newer version than the last.
 */
export async function touchEvent(tx: DbClient, eventId: string, now = new Date()) {
  const [row] = await tx
    .update(events)
    .set({ version: sql`${events.version} + 1`, updatedAt: now })
    .where(eq(events.id, eventId))
    .returning();
  return row;
}

/** What the event's catalog snapshot is made of, read in the caller's transaction; undefined when it is gone. */
export async function catalogFactsOf(tx: DbClient, eventId: string): Promise<EventFacts | undefined> {
  const [row] = await tx
    .select({ event: events, artist: artists, venue: venues })
    .from(events)
    .innerJoin(artists, eq(artists.id, events.artistId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, eventId));
  if (!row) return undefined;
  // One after another: a transaction's client runs one statement at a time.
  const shows = await tx
    .select({ id: performances.id, startsAt: performances.startsAt })
    .from(performances)
    .where(eq(performances.eventId, eventId));
  const gradePrices = await tx
    .select({ price: seatGrades.price })
    .from(seatGrades)
    .where(eq(seatGrades.eventId, eventId));
  const typePrices = await tx
    .select({ price: ticketTypes.price })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId));
  return {
    ...row.event,
    artist: row.artist,
    venue: row.venue,
    performances: shows,
    prices: [...gradePrices, ...typePrices].map((price) => price.price),
  };
}

/** The ids of every event of an artist or venue, in id order. */
export async function eventIdsOf(
  tx: DbClient,
  of: { readonly artistId: string } | { readonly venueId: string },
): Promise<string[]> {
  const rows = await tx
    .select({ id: events.id })
    .from(events)
    .where('artistId' in of ? eq(events.artistId, of.artistId) : eq(events.venueId, of.venueId))
    .orderBy(asc(events.id));
  return rows.map((row) => row.id);
}

export async function reservationCountOf(
  db: DbClient,
  where: { readonly eventId: string } | { readonly performanceId: string },
): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(reservations)
    .where(
      'eventId' in where
        ? eq(reservations.eventId, where.eventId)
        : eq(reservations.performanceId, where.performanceId),
    );
  return row?.total ?? 0;
}

export async function performancesOf(db: DbClient, eventId: string): Promise<PerformanceRow[]> {
  return db
    .select()
    .from(performances)
    .where(eq(performances.eventId, eventId))
    .orderBy(asc(performances.startsAt), asc(performances.id));
}

export async function findPerformance(db: DbClient, id: string): Promise<PerformanceRow | undefined> {
  const [row] = await performanceById(db, { id });
  return row;
}

export async function insertEvent(tx: DbClient, event: NewEvent): Promise<EventRow> {
  const [row] = await tx
    .insert(events)
    .values({ ...event, version: 1 })
    .returning();
  if (!row) throw new Error('event insert returned no row');
  return row;
}

export async function updateEventFields(tx: DbClient, id: string, changes: EventChanges): Promise<EventRow> {
  const [row] = await tx.update(events).set(changes).where(eq(events.id, id)).returning();
  if (!row) throw new Error(`event ${id} vanished inside its transaction`);
  return row;
}

/** Deletes the event, its seat map first (the event's own cascade would reach the grades too early). */
export async function deleteEventRow(tx: DbClient, id: string): Promise<void> {
  await deleteSeatMap(tx, id);
  await tx.delete(events).where(eq(events.id, id));
}

export async function listEvents(db: DbClient, page: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(events)
      .orderBy(desc(events.salesOpenAt), asc(events.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(events),
  ]);
  return { rows, total: total?.total ?? 0 };
}

export async function insertPerformance(
  tx: DbClient,
  performance: typeof performances.$inferInsert,
): Promise<PerformanceRow> {
  const [row] = await tx.insert(performances).values(performance).returning();
  if (!row) throw new Error('performance insert returned no row');
  return row;
}

export async function updatePerformanceTimes(
  tx: DbClient,
  id: string,
  changes: Partial<Pick<PerformanceRow, 'startsAt' | 'endsAt'>>,
): Promise<PerformanceRow | undefined> {
  const [row] = await tx.update(performances).set(changes).where(eq(performances.id, id)).returning();
  return row;
}

export async function deletePerformanceRow(tx: DbClient, id: string): Promise<void> {
  await tx.delete(performances).where(eq(performances.id, id));
}
