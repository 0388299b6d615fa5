import { type DbClient, keptStatement } from '@urr/common';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { GradePrice, SeatPlace, TakenSeat } from '../domain/seat-availability.js';
import type { SeatMapLayout } from '../domain/seat-map.js';
import type { ReservationSeatView } from './reservation-store.js';
import {
  performances,
  reservationSeats,
  reservations,
  seatFencing,
  seatGrades,
  seats,
  sectionRows,
  sections,
} from './schema.js';

/** A seated event's seat map (grades, sections, rows) and its performances' seats, with what is free. */

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

/** Every seat of a performance in map order (block, row, number). */
export async function seatPlacesOf(db: DbClient, performanceId: string): Promise<SeatPlace[]> {
  return db
    .select({
      id: seats.id,
      section: sections.name,
      row: sectionRows.label,
      number: seats.number,
      gradeId: sectionRows.gradeId,
    })
    .from(seats)
    .innerJoin(sectionRows, eq(sectionRows.id, seats.rowId))
    .innerJoin(sections, eq(sections.id, sectionRows.sectionId))
    .where(eq(seats.performanceId, performanceId))
    .orderBy(asc(sections.position), asc(sectionRows.position), asc(seats.number));
}

/** The event's grades with their names and current prices. */
export async function gradesOf(db: DbClient, eventId: string): Promise<GradePrice[]> {
  return db
    .select({ id: seatGrades.id, name: seatGrades.name, price: seatGrades.price })
    .from(seatGrades)
    .where(eq(seatGrades.eventId, eventId))
    .orderBy(asc(seatGrades.id));
}

/**
 * The performance's seats that are taken at `now`: sold (a CONFIRMED reservation) or held (an unpaid hold
 * still within its time); every other seat is available. Ordered by seat id.
 */
export async function takenSeatsOf(db: DbClient, performanceId: string, now: Date): Promise<TakenSeat[]> {
  const rows = await db
    .select({
      seatId: reservationSeats.seatId,
      sold: sql<boolean>`bool_or(${reservations.status} = 'CONFIRMED')`,
    })
    .from(reservations)
    .innerJoin(
      reservationSeats,
      and(
        eq(reservationSeats.reservationId, reservations.id),
        inArray(reservationSeats.status, ['PENDING_PAYMENT', 'CONFIRMED']),
      ),
    )
    .where(
      and(
        eq(reservations.performanceId, performanceId),
        inArray(reservations.status, ['PENDING_PAYMENT', 'CONFIRMED']),
        sql`(${reservations.status} = 'CONFIRMED' or ${reservations.expiresAt} > ${now})`,
      ),
    )
    .groupBy(reservationSeats.seatId)
    .orderBy(asc(reservationSeats.seatId));
  return rows.map(({ seatId, sold }) => ({ seatId, state: sold ? ('sold' as const) : ('held' as const) }));
}

export async function updateGradePrice(tx: DbClient, eventId: string, gradeId: string, price: number) {
  const [row] = await tx
    .update(seatGrades)
    .set({ price })
    .where(and(eq(seatGrades.id, gradeId), eq(seatGrades.eventId, eventId)))
    .returning();
  return row;
}

export interface SeatForSale {
  readonly seatId: string;
  readonly performanceId: string;
  readonly price: number;
  /** A confirmed reservation or an unpaid hold still within its time holds it. */
  readonly taken: boolean;
  /** The newest seat-lock fencing token the database accepted for the seat, 0 before any (ADR 0005). */
  readonly newestToken: number;
  /** Where the seat is, as a reservation shows it. */
  readonly view: ReservationSeatView;
}

/**
 * The asked-for seats of `eventId` with their prices, whether someone holds them at `now`, their newest
 * fencing token and where they are: what a hold needs before it locks them and to answer, in one query;
 * in the order a reservation lists its seats.
 */
const seatsForSaleByIds = keptStatement((db) =>
  db
    .select({
      seatId: seats.id,
      performanceId: seats.performanceId,
      price: seatGrades.price,
      takenBy: sql<number>`count(${reservations.id})::int`,
      newestToken: sql<number>`coalesce(${seatFencing.maxToken}, 0)::float8`,
      section: sections.name,
      row: sectionRows.label,
      number: seats.number,
      grade: seatGrades.name,
    })
    .from(seats)
    .innerJoin(sectionRows, eq(sectionRows.id, seats.rowId))
    .innerJoin(sections, eq(sections.id, sectionRows.sectionId))
    .innerJoin(seatGrades, eq(seatGrades.id, sectionRows.gradeId))
    .leftJoin(seatFencing, eq(seatFencing.seatId, seats.id))
    .leftJoin(
      reservationSeats,
      and(
        eq(reservationSeats.seatId, seats.id),
        inArray(reservationSeats.status, ['PENDING_PAYMENT', 'CONFIRMED']),
      ),
    )
    .leftJoin(
      reservations,
      and(
        eq(reservations.id, reservationSeats.reservationId),
        sql`(${reservations.status} = 'CONFIRMED' or ${reservations.expiresAt} > ${sql.placeholder('now')})`,
      ),
    )
    .where(
      and(
        eq(seats.eventId, sql.placeholder('eventId')),
        sql`${seats.id} = any(${sql.placeholder('seatIds')}::uuid[])`,
      ),
    )
    .groupBy(seats.id, sections.id, sectionRows.id, seatGrades.id, seatFencing.maxToken)
    .orderBy(asc(sections.position), asc(sectionRows.position), asc(seats.number)),
);

export async function seatsForSale(
  db: DbClient,
  eventId: string,
  seatIds: readonly string[],
  now: Date,
): Promise<SeatForSale[]> {
  const rows = await seatsForSaleByIds(db, { eventId, seatIds: [...seatIds], now });
  return rows.map(({ takenBy, newestToken, section, row, number, grade, ...seat }) => ({
    ...seat,
    taken: takenBy > 0,
    newestToken: Number(newestToken),
    view: { seatId: seat.seatId, section, row, number, grade, price: seat.price },
  }));
}
