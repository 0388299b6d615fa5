import { type DbClient, keptStatement } from '@urr/common';
import { and, asc, count, desc, eq, lte, sql } from 'drizzle-orm';
import type { ReservationStatus } from '../domain/reservation-status.js';
import {
  performances,
  reservationSeats,
  reservations,
  seatGrades,
  seats,
  sectionRows,
  sections,
  ticketTypes,
} from './schema.js';
import type { SeatLock } from './seat-lock-store.js';
import type { TicketTypeRow } from './ticket-type-store.js';

/** Reservations and their seats. */

export type ReservationRow = typeof reservations.$inferSelect;

export interface NewReservation {
  readonly id: string;
  readonly userId: string;
  readonly eventId: string;
  readonly performanceId: string;
  readonly currency: string;
  readonly expiresAt: Date;
  readonly now: Date;
}

const insertReservationRow = keptStatement((db) =>
  db
    .insert(reservations)
    .values({
      id: sql.placeholder('id'),
      userId: sql.placeholder('userId'),
      eventId: sql.placeholder('eventId'),
      performanceId: sql.placeholder('performanceId'),
      kind: sql.placeholder('kind'),
      ticketTypeId: sql.placeholder('ticketTypeId'),
      ticketCount: sql.placeholder('ticketCount'),
      amount: sql.placeholder('amount'),
      currency: sql.placeholder('currency'),
      expiresAt: sql.placeholder('expiresAt'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning(),
);

/** Inserts a seat reservation and its seats; a seat another active reservation holds fails with 23505. */
export async function insertSeatReservation(
  tx: DbClient,
  reservation: NewReservation,
  seatsHeld: readonly { readonly lock: SeatLock; readonly price: number }[],
): Promise<ReservationRow> {
  const [row] = await insertReservationRow(tx, {
    id: reservation.id,
    userId: reservation.userId,
    eventId: reservation.eventId,
    performanceId: reservation.performanceId,
    kind: 'seat',
    ticketTypeId: null,
    ticketCount: seatsHeld.length,
    amount: seatsHeld.reduce((sum, seat) => sum + seat.price, 0),
    currency: reservation.currency,
    expiresAt: reservation.expiresAt,
    createdAt: reservation.now,
    updatedAt: reservation.now,
  });
  if (!row) throw new Error('reservation insert returned no row');
  await tx.insert(reservationSeats).values(
    seatsHeld.map(({ lock, price }) => ({
      reservationId: row.id,
      status: row.status,
      seatId: lock.seatId,
      fencingToken: lock.token,
      price,
    })),
  );
  return row;
}

export async function insertStandingReservation(
  tx: DbClient,
  reservation: NewReservation,
  ticketType: TicketTypeRow,
  quantity: number,
): Promise<ReservationRow> {
  const [row] = await insertReservationRow(tx, {
    id: reservation.id,
    userId: reservation.userId,
    eventId: reservation.eventId,
    performanceId: ticketType.performanceId,
    kind: 'standing',
    ticketTypeId: ticketType.id,
    ticketCount: quantity,
    amount: ticketType.price * quantity,
    currency: reservation.currency,
    expiresAt: reservation.expiresAt,
    createdAt: reservation.now,
    updatedAt: reservation.now,
  });
  if (!row) throw new Error('reservation insert returned no row');
  return row;
}

const reservationById = keptStatement((db) =>
  db
    .select()
    .from(reservations)
    .where(eq(reservations.id, sql.placeholder('id'))),
);
const lockedReservationById = keptStatement((db) =>
  db
    .select()
    .from(reservations)
    .where(eq(reservations.id, sql.placeholder('id')))
    .for('update'),
);

/** The reservation, row-locked until the transaction ends. */
export async function lockReservation(tx: DbClient, id: string): Promise<ReservationRow | undefined> {
  const [row] = await lockedReservationById(tx, { id });
  return row;
}

export async function findReservation(db: DbClient, id: string): Promise<ReservationRow | undefined> {
  const [row] = await reservationById(db, { id });
  return row;
}

type StatusChange = Partial<
  Pick<ReservationRow, 'paymentId' | 'cancelReason' | 'confirmedAt' | 'cancelledAt' | 'expiredAt'>
>;

/** Moves the reservation (and, through the cascading key, its seats) to `status`. */
export async function setReservationStatus(
  tx: DbClient,
  reservation: ReservationRow,
  status: ReservationStatus,
  now: Date,
  change: StatusChange = {},
): Promise<ReservationRow> {
  const [row] = await tx
    .update(reservations)
    .set({ status, updatedAt: now, ...change })
    .where(eq(reservations.id, reservation.id))
    .returning();
  if (!row) throw new Error(`reservation ${reservation.id} vanished inside its transaction`);
  return row;
}

const lapsedHoldsOnSeats = keptStatement((db) =>
  db
    .selectDistinct({ id: reservations.id })
    .from(reservationSeats)
    .innerJoin(reservations, eq(reservations.id, reservationSeats.reservationId))
    .where(
      and(
        sql`${reservationSeats.seatId} = any(${sql.placeholder('seatIds')}::uuid[])`,
        eq(reservationSeats.status, 'PENDING_PAYMENT'),
        lte(reservations.expiresAt, sql.placeholder('now')),
      ),
    ),
);

/** Unpaid holds on these seats whose time ran out (the expiry job has not reached them yet). */
export async function lapsedHoldsOn(tx: DbClient, seatIds: readonly string[], now: Date): Promise<string[]> {
  const rows = await lapsedHoldsOnSeats(tx, { seatIds: [...seatIds], now });
  return rows.map((row) => row.id);
}

/** Unpaid holds past their deadline, locked for this transaction; other expiry runs skip them. */
export async function lockLapsedHolds(tx: DbClient, now: Date, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.status, 'PENDING_PAYMENT'), lte(reservations.expiresAt, now)))
    .orderBy(asc(reservations.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return rows.map((row) => row.id);
}

const seatTokensOf = keptStatement((db) =>
  db
    .select({ seatId: reservationSeats.seatId, token: reservationSeats.fencingToken })
    .from(reservationSeats)
    .where(eq(reservationSeats.reservationId, sql.placeholder('reservationId'))),
);

/** The seat locks a reservation was made under, for releasing them once it ends. */
export async function seatLocksOf(db: DbClient, reservation: ReservationRow): Promise<SeatLock[]> {
  const rows = await seatTokensOf(db, { reservationId: reservation.id });
  return rows.map((row) => ({
    eventId: reservation.eventId,
    seatId: row.seatId,
    token: row.token,
    reservationId: reservation.id,
  }));
}

export interface ReservationSeatView {
  readonly seatId: string;
  readonly section: string;
  readonly row: string;
  readonly number: number;
  readonly grade: string;
  readonly price: number;
}

const seatViewsOfReservations = keptStatement((db) =>
  db
    .select({
      reservationId: reservationSeats.reservationId,
      seatId: reservationSeats.seatId,
      section: sections.name,
      row: sectionRows.label,
      number: seats.number,
      grade: seatGrades.name,
      price: reservationSeats.price,
    })
    .from(reservationSeats)
    .innerJoin(seats, eq(seats.id, reservationSeats.seatId))
    .innerJoin(sectionRows, eq(sectionRows.id, seats.rowId))
    .innerJoin(sections, eq(sections.id, sectionRows.sectionId))
    .innerJoin(seatGrades, eq(seatGrades.id, sectionRows.gradeId))
    .where(sql`${reservationSeats.reservationId} = any(${sql.placeholder('reservationIds')}::uuid[])`)
    .orderBy(asc(sections.position), asc(sectionRows.position), asc(seats.number)),
);

export async function seatViewsOf(db: DbClient, reservationIds: readonly string[]) {
  if (reservationIds.length === 0) return new Map<string, ReservationSeatView[]>();
  const rows = await seatViewsOfReservations(db, { reservationIds: [...reservationIds] });
  const byReservation = new Map<string, ReservationSeatView[]>();
  for (const { reservationId, ...seat } of rows)
    byReservation.set(reservationId, [...(byReservation.get(reservationId) ?? []), seat]);
  return byReservation;
}

export async function reservationsOfUser(
  db: DbClient,
  userId: string,
  options: {
    readonly status?: ReservationStatus | undefined;
    readonly limit: number;
    readonly offset: number;
  },
) {
  const where = and(
    eq(reservations.userId, userId),
    options.status ? eq(reservations.status, options.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(reservations)
      .where(where)
      .orderBy(desc(reservations.createdAt), desc(reservations.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(reservations).where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}

export async function hasConfirmedReservation(db: DbClient, userId: string, eventId: string) {
  const [row] = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(
      and(
        eq(reservations.userId, userId),
        eq(reservations.eventId, eventId),
        eq(reservations.status, 'CONFIRMED'),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** What the operator reads: capacity, and tickets in paid and unpaid reservations. */
export async function salesFiguresOf(db: DbClient, eventId: string) {
  const [figures] = await db
    .execute<{ seats_total: number; seats_sold: number; seats_held: number }>(sql`
    select
      (select count(*) from ${seats} where ${seats.eventId} = ${eventId})::int
        + coalesce((select sum(${ticketTypes.quantity}) from ${ticketTypes} where ${ticketTypes.eventId} = ${eventId}), 0)::int
        as seats_total,
      coalesce((select sum(${reservations.ticketCount}) from ${reservations}
        where ${reservations.eventId} = ${eventId} and ${reservations.status} = 'CONFIRMED'), 0)::int as seats_sold,
      coalesce((select sum(${reservations.ticketCount}) from ${reservations}
        where ${reservations.eventId} = ${eventId} and ${reservations.status} = 'PENDING_PAYMENT'), 0)::int as seats_held
  `)
    .then((result) => result.rows);
  return {
    seatsTotal: Number(figures?.seats_total ?? 0),
    seatsSold: Number(figures?.seats_sold ?? 0),
    seatsHeld: Number(figures?.seats_held ?? 0),
  };
}

export interface GradeSalesRow {
  readonly kind: 'grade' | 'ticket-type';
  readonly id: string;
  readonly name: string;
  readonly price: number;
  /** A standing ticket type's performance; grades span every performance. */
  readonly performanceId: string | null;
  readonly seatsTotal: number;
  readonly seatsSold: number;
  readonly seatsHeld: number;
  /** Minor units paid for the sold seats or tickets, at the prices they were bought at. */
  readonly takings: number;
}

/**
 * `salesFiguresOf` split by seat grade (a seated event) or ticket type (a standing one), counted the same
 * way so the parts add up to the event's figures: an unpaid hold is held until the expiry job ends it, and
 * a partial refund does not unsell a seat (docs/adr/0048-sales-per-grade.md).
 */
export async function gradeSalesOf(db: DbClient, eventId: string): Promise<GradeSalesRow[]> {
  const result = await db.execute<{
    kind: 'grade' | 'ticket-type';
    id: string;
    name: string;
    price: number;
    performance_id: string | null;
    seats_total: number;
    seats_sold: number;
    seats_held: number;
    takings: string;
  }>(sql`
    select * from (
      select 'grade' as kind, ${seatGrades.id} as id, ${seatGrades.name} as name, ${seatGrades.price} as price,
        null::uuid as performance_id, null::timestamptz as starts_at,
        count(${seats.id})::int as seats_total,
        count(*) filter (where ${reservationSeats.status} = 'CONFIRMED')::int as seats_sold,
        count(*) filter (where ${reservationSeats.status} = 'PENDING_PAYMENT')::int as seats_held,
        coalesce(sum(${reservationSeats.price}) filter (where ${reservationSeats.status} = 'CONFIRMED'), 0)::bigint
          as takings
      from ${seatGrades}
      left join (${seats} join ${sectionRows} on ${sectionRows.id} = ${seats.rowId})
        on ${sectionRows.gradeId} = ${seatGrades.id} and ${seats.eventId} = ${seatGrades.eventId}
      left join ${reservationSeats} on ${reservationSeats.seatId} = ${seats.id}
        and ${reservationSeats.status} in ('PENDING_PAYMENT', 'CONFIRMED')
      where ${seatGrades.eventId} = ${eventId}
      group by ${seatGrades.id}
      union all
      select 'ticket-type', ${ticketTypes.id}, ${ticketTypes.name}, ${ticketTypes.price},
        ${ticketTypes.performanceId}, ${performances.startsAt},
        ${ticketTypes.quantity},
        coalesce(sum(${reservations.ticketCount}) filter (where ${reservations.status} = 'CONFIRMED'), 0)::int,
        coalesce(sum(${reservations.ticketCount}) filter (where ${reservations.status} = 'PENDING_PAYMENT'), 0)::int,
        coalesce(sum(${reservations.amount}) filter (where ${reservations.status} = 'CONFIRMED'), 0)::bigint
      from ${ticketTypes}
      join ${performances} on ${performances.id} = ${ticketTypes.performanceId}
      left join ${reservations} on ${reservations.ticketTypeId} = ${ticketTypes.id}
        and ${reservations.status} in ('PENDING_PAYMENT', 'CONFIRMED')
      where ${ticketTypes.eventId} = ${eventId}
      group by ${ticketTypes.id}, ${performances.startsAt}
    ) figures
    order by starts_at nulls first, price desc, name
  `);
  return result.rows.map((row) => ({
    kind: row.kind,
    id: row.id,
    name: row.name,
    price: Number(row.price),
    performanceId: row.performance_id,
    seatsTotal: Number(row.seats_total),
    seatsSold: Number(row.seats_sold),
    seatsHeld: Number(row.seats_held),
    takings: Number(row.takings),
  }));
}

/** Hands the reservation to `toUserId`; the new holder generation voids the old holder's ticket codes. */
export async function moveReservation(
  tx: DbClient,
  reservation: ReservationRow,
  toUserId: string,
  now: Date,
): Promise<ReservationRow> {
  const [row] = await tx
    .update(reservations)
    .set({ userId: toUserId, holderGeneration: sql`${reservations.holderGeneration} + 1`, updatedAt: now })
    .where(eq(reservations.id, reservation.id))
    .returning();
  if (!row) throw new Error(`reservation ${reservation.id} vanished inside its transaction`);
  return row;
}
