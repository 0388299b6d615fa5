import { type DbClient, enqueueOutbox, topics } from '@urr/common';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import {
  artists,
  events,
  performances,
  reservations,
  seatGrades,
  seats,
  sectionRows,
  sections,
  ticketTypes,
  venues,
} from '../db/schema.js';
import { catalogSnapshotOf } from '../domain/catalog-snapshot.js';
import type { SeatMapLayout } from '../domain/seat-map.js';

export type EventRow = typeof events.$inferSelect;
export type PerformanceRow = typeof performances.$inferSelect;

export async function findEvent(db: DbClient, eventId: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, eventId));
  return row;
}

/**
 * Keeps the event from being deleted until the transaction ends (the lock a reservation's foreign key
 * takes, taken up front): false when it is gone already, so the booking answers 404, not a key violation.
 */
export async function holdEventForBooking(tx: DbClient, eventId: string): Promise<boolean> {
  const rows = await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('key share');
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

/** Writes the event's current catalog snapshot to the outbox (`event.upserted` on `catalog-events`). */
export async function publishEventSnapshot(tx: DbClient, eventId: string): Promise<void> {
  const [row] = await tx
    .select({ event: events, artist: artists, venue: venues })
    .from(events)
    .innerJoin(artists, eq(artists.id, events.artistId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, eventId));
  if (!row) return;
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
  const snapshot = catalogSnapshotOf({
    ...row.event,
    artist: row.artist,
    venue: row.venue,
    performances: shows,
    prices: [...gradePrices, ...typePrices].map((price) => price.price),
  });
  await enqueueOutbox(tx, { topic: topics.catalog, key: eventId, type: 'event.upserted', payload: snapshot });
}

export async function publishEventDeleted(tx: DbClient, eventId: string, version: number): Promise<void> {
  await enqueueOutbox(tx, {
    topic: topics.catalog,
    key: eventId,
    type: 'event.deleted',
    payload: { eventId, version },
  });
}

/** Republishes every event of an artist or venue whose name or city changed. */
export async function republishEventsOf(
  tx: DbClient,
  of: { readonly artistId: string } | { readonly venueId: string },
): Promise<void> {
  const rows = await tx
    .select({ id: events.id })
    .from(events)
    .where('artistId' in of ? eq(events.artistId, of.artistId) : eq(events.venueId, of.venueId))
    .orderBy(asc(events.id));
  for (const { id } of rows) {
    await touchEvent(tx, id);
    await publishEventSnapshot(tx, id);
  }
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
  const [row] = await db.select().from(performances).where(eq(performances.id, id));
  return row;
}

/** Creates the seats of the event's seat map for one performance, or for all when none is named. */
export async function expandSeats(tx: DbClient, eventId: string, performanceId?: string): Promise<number> {
  const result = await tx.execute(sql`
    insert into ${seats} (event_id, performance_id, row_id, number)
    select p.event_id, p.id, r.id, n
    from ${performances} p
    join ${sections} s on s.event_id = p.event_id
    join ${sectionRows} r on r.section_id = s.id
    cross join lateral generate_series(1, r.seat_count) as n
    where p.event_id = ${eventId} ${performanceId ? sql`and p.id = ${performanceId}` : sql``}`);
  return result.rowCount ?? 0;
}

/**
 * Deletes the event's seat map: sections first (their rows and seats go with them), then the grades
 * those rows priced; only while nothing was reserved.
 */
export async function deleteSeatMap(tx: DbClient, eventId: string): Promise<void> {
  await tx.delete(sections).where(eq(sections.eventId, eventId));
  await tx.delete(seatGrades).where(eq(seatGrades.eventId, eventId));
}

/** Replaces the event's seat map (and every performance's seats); only while nothing was reserved. */
export async function replaceSeatMap(tx: DbClient, eventId: string, layout: SeatMapLayout): Promise<number> {
  await deleteSeatMap(tx, eventId);
  const grades = await tx
    .insert(seatGrades)
    .values(layout.grades.map((grade) => ({ eventId, name: grade.name, price: grade.price })))
    .returning({ id: seatGrades.id, name: seatGrades.name });
  const gradeIds = new Map(grades.map((grade) => [grade.name, grade.id]));
  for (const [sectionIndex, section] of layout.sections.entries()) {
    const [created] = await tx
      .insert(sections)
      .values({ eventId, name: section.name, position: sectionIndex })
      .returning({ id: sections.id });
    if (!created || section.rows.length === 0) continue;
    await tx.insert(sectionRows).values(
      section.rows.map((row, rowIndex) => ({
        sectionId: created.id,
        label: row.label,
        position: rowIndex,
        seatCount: row.seats,
        gradeId: gradeIds.get(row.grade) ?? '',
      })),
    );
  }
  return expandSeats(tx, eventId);
}

export async function seatMapOf(db: DbClient, eventId: string) {
  const [grades, rows] = await Promise.all([
    db
      .select({ id: seatGrades.id, name: seatGrades.name, price: seatGrades.price })
      .from(seatGrades)
      .where(eq(seatGrades.eventId, eventId))
      .orderBy(desc(seatGrades.price), asc(seatGrades.name)),
    db
      .select({
        section: sections.name,
        label: sectionRows.label,
        seats: sectionRows.seatCount,
        grade: seatGrades.name,
      })
      .from(sectionRows)
      .innerJoin(sections, eq(sections.id, sectionRows.sectionId))
      .innerJoin(seatGrades, eq(seatGrades.id, sectionRows.gradeId))
      .where(eq(sections.eventId, eventId))
      .orderBy(asc(sections.position), asc(sectionRows.position)),
  ]);
  const bySection = new Map<string, { label: string; seats: number; grade: string }[]>();
  for (const { section, ...row } of rows) bySection.set(section, [...(bySection.get(section) ?? []), row]);
  return {
    grades,
    sections: [...bySection].map(([name, sectionRowsOf]) => ({ name, rows: sectionRowsOf })),
  };
}

export type SeatState = 'available' | 'held' | 'sold';

/** Every seat of a performance with its price and whether it is free, held by an unpaid hold, or sold. */
export async function seatAvailability(db: DbClient, performanceId: string, now: Date) {
  const result = await db.execute<{
    id: string;
    section: string;
    row: string;
    number: number;
    grade: string;
    price: number;
    state: SeatState;
  }>(sql`
    select s.id, sec.name as section, r.label as row, s.number, g.name as grade, g.price,
      case
        when bool_or(res.status = 'CONFIRMED') then 'sold'
        when bool_or(res.status = 'PENDING_PAYMENT' and res.expires_at > ${now}) then 'held'
        else 'available'
      end as state
    from ${seats} s
    join ${sectionRows} r on r.id = s.row_id
    join ${sections} sec on sec.id = r.section_id
    join ${seatGrades} g on g.id = r.grade_id
    left join reservation_seats rs on rs.seat_id = s.id and rs.status in ('PENDING_PAYMENT', 'CONFIRMED')
    left join ${reservations} res on res.id = rs.reservation_id
    where s.performance_id = ${performanceId}
    group by s.id, sec.name, sec.position, r.label, r.position, s.number, g.name, g.price
    order by sec.position, r.position, s.number`);
  return result.rows;
}

export async function ticketTypesOf(db: DbClient, eventId: string, performanceId?: string) {
  return db
    .select()
    .from(ticketTypes)
    .where(
      and(
        eq(ticketTypes.eventId, eventId),
        performanceId ? eq(ticketTypes.performanceId, performanceId) : undefined,
      ),
    )
    .orderBy(asc(ticketTypes.price), asc(ticketTypes.name));
}

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
): Promise<PerformanceRow> {
  const [row] = await tx.update(performances).set(changes).where(eq(performances.id, id)).returning();
  if (!row) throw new Error(`performance ${id} vanished inside its transaction`);
  return row;
}

export async function deletePerformanceRow(tx: DbClient, id: string): Promise<void> {
  await tx.delete(performances).where(eq(performances.id, id));
}

export async function updateGradePrice(tx: DbClient, eventId: string, gradeId: string, price: number) {
  const [row] = await tx
    .update(seatGrades)
    .set({ price })
    .where(and(eq(seatGrades.id, gradeId), eq(seatGrades.eventId, eventId)))
    .returning();
  return row;
}

export type TicketTypeRow = typeof ticketTypes.$inferSelect;

export async function insertTicketType(
  tx: DbClient,
  ticketType: Omit<typeof ticketTypes.$inferInsert, 'remaining'>,
): Promise<TicketTypeRow> {
  const [row] = await tx
    .insert(ticketTypes)
    .values({ ...ticketType, remaining: ticketType.quantity })
    .returning();
  if (!row) throw new Error('ticket type insert returned no row');
  return row;
}

export async function lockTicketType(tx: DbClient, id: string): Promise<TicketTypeRow | undefined> {
  const [row] = await tx.select().from(ticketTypes).where(eq(ticketTypes.id, id)).for('update');
  return row;
}

export async function updateTicketTypeFields(
  tx: DbClient,
  id: string,
  changes: Partial<Pick<TicketTypeRow, 'name' | 'price' | 'quantity' | 'remaining' | 'perUserLimit'>>,
): Promise<TicketTypeRow> {
  const [row] = await tx.update(ticketTypes).set(changes).where(eq(ticketTypes.id, id)).returning();
  if (!row) throw new Error(`ticket type ${id} vanished inside its transaction`);
  return row;
}
