import type { DbClient } from '@urr/common';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
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
export async function seatsForSale(
  db: DbClient,
  eventId: string,
  seatIds: readonly string[],
  now: Date,
): Promise<SeatForSale[]> {
  const rows = await db
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
        sql`(${reservations.status} = 'CONFIRMED' or ${reservations.expiresAt} > ${now})`,
      ),
    )
    .where(and(eq(seats.eventId, eventId), inArray(seats.id, [...seatIds])))
    .groupBy(seats.id, sections.id, sectionRows.id, seatGrades.id, seatFencing.maxToken)
    .orderBy(asc(sections.position), asc(sectionRows.position), asc(seats.number));
  return rows.map(({ takenBy, newestToken, section, row, number, grade, ...seat }) => ({
    ...seat,
    taken: takenBy > 0,
    newestToken: Number(newestToken),
    view: { seatId: seat.seatId, section, row, number, grade, price: seat.price },
  }));
}
