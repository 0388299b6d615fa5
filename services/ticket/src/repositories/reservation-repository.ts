import { type DbClient, enqueueOutbox, topics } from '@urr/common';
import type { EventTypeOf, PayloadOf, reservationEvents } from '@urr/common/events/domain-events';
import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import {
  reservationSeats,
  reservations,
  seatFencing,
  seatGrades,
  seats,
  sectionRows,
  sections,
  ticketHoldings,
  ticketTypes,
} from '../db/schema.js';
import type { ReservationStatus } from '../domain/reservation-status.js';
import type { SeatLock } from '../seat-lock/seat-lock.js';
import type { TicketTypeRow } from './event-repository.js';

export type ReservationRow = typeof reservations.$inferSelect;

type ReservationEventType = EventTypeOf<typeof reservationEvents>;

/** The facts every reservation event carries. */
export function reservationFactsOf(reservation: ReservationRow) {
  return {
    reservationId: reservation.id,
    eventId: reservation.eventId,
    userId: reservation.userId,
    amount: reservation.amount,
    currency: reservation.currency,
    ticketCount: reservation.ticketCount,
  };
}

/** Writes a reservation event to the outbox, keyed by reservation so its events stay in order. */
export function enqueueReservationEvent<T extends ReservationEventType>(
  tx: DbClient,
  type: T,
  payload: PayloadOf<typeof reservationEvents, T>,
) {
  return enqueueOutbox(tx, { topic: topics.reservation, key: payload.reservationId, type, payload });
}

/** Raised inside a reservation transaction when a seat's fencing token is older than one already written. */
export class StaleFencingTokenError extends Error {
  constructor(readonly seatIds: readonly string[]) {
    super(`stale seat-lock fencing token for seats ${seatIds.join(', ')}`);
    this.name = 'StaleFencingTokenError';
  }
}

/**
 * Records each lock's token as the newest for its seat, and throws {@link StaleFencingTokenError} when
 * the database already saw a newer (or the same) token for any of them: that writer's lock expired and
 * was taken over, so its write must not land.
 */
export async function fenceSeatWrites(tx: DbClient, locks: readonly SeatLock[]): Promise<void> {
  const sorted = [...locks].sort((a, b) => a.seatId.localeCompare(b.seatId));
  const accepted = await tx
    .insert(seatFencing)
    .values(sorted.map((lock) => ({ seatId: lock.seatId, maxToken: lock.token })))
    .onConflictDoUpdate({
      target: seatFencing.seatId,
      set: { maxToken: sql`excluded.max_token`, updatedAt: sql`now()` },
      setWhere: sql`${seatFencing.maxToken} < excluded.max_token`,
    })
    .returning({ seatId: seatFencing.seatId });
  if (accepted.length === sorted.length) return;
  const acceptedIds = new Set(accepted.map((row) => row.seatId));
  throw new StaleFencingTokenError(sorted.map((lock) => lock.seatId).filter((id) => !acceptedIds.has(id)));
}

export async function newestFencingTokens(db: DbClient, seatIds: readonly string[]) {
  if (seatIds.length === 0) return [];
  return db
    .select({ seatId: seatFencing.seatId, maxToken: seatFencing.maxToken })
    .from(seatFencing)
    .where(inArray(seatFencing.seatId, [...seatIds]));
}

export interface SeatForSale {
  readonly seatId: string;
  readonly performanceId: string;
  readonly price: number;
  /** A confirmed reservation or an unpaid hold still within its time holds it. */
  readonly taken: boolean;
}

/** The asked-for seats of `eventId` with their prices and whether someone holds them at `now`. */
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
    })
    .from(seats)
    .innerJoin(sectionRows, eq(sectionRows.id, seats.rowId))
    .innerJoin(seatGrades, eq(seatGrades.id, sectionRows.gradeId))
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
    .groupBy(seats.id, seats.performanceId, seatGrades.price);
  return rows.map((row) => ({ ...row, taken: row.takenBy > 0 }));
}

/** Unpaid holds on these seats whose time ran out (the expiry job has not reached them yet). */
export async function lapsedHoldsOn(tx: DbClient, seatIds: readonly string[], now: Date): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: reservations.id })
    .from(reservationSeats)
    .innerJoin(reservations, eq(reservations.id, reservationSeats.reservationId))
    .where(
      and(
        inArray(reservationSeats.seatId, [...seatIds]),
        eq(reservationSeats.status, 'PENDING_PAYMENT'),
        lte(reservations.expiresAt, now),
      ),
    );
  return rows.map((row) => row.id);
}

export interface NewReservation {
  readonly id: string;
  readonly userId: string;
  readonly eventId: string;
  readonly performanceId: string;
  readonly currency: string;
  readonly expiresAt: Date;
  readonly now: Date;
}

/** Inserts a seat reservation and its seats; a seat another active reservation holds fails with 23505. */
export async function insertSeatReservation(
  tx: DbClient,
  reservation: NewReservation,
  seatsHeld: readonly { readonly lock: SeatLock; readonly price: number }[],
): Promise<ReservationRow> {
  const [row] = await tx
    .insert(reservations)
    .values({
      id: reservation.id,
      userId: reservation.userId,
      eventId: reservation.eventId,
      performanceId: reservation.performanceId,
      kind: 'seat',
      ticketCount: seatsHeld.length,
      amount: seatsHeld.reduce((sum, seat) => sum + seat.price, 0),
      currency: reservation.currency,
      expiresAt: reservation.expiresAt,
      createdAt: reservation.now,
      updatedAt: reservation.now,
    })
    .returning();
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

export async function findTicketType(db: DbClient, ticketTypeId: string): Promise<TicketTypeRow | undefined> {
  const [row] = await db.select().from(ticketTypes).where(eq(ticketTypes.id, ticketTypeId));
  return row;
}

/** Adds `quantity` to the user's holding of a ticket type unless that passes `limit`; false when it would. */
export async function addToHolding(
  tx: DbClient,
  ticketTypeId: string,
  userId: string,
  quantity: number,
  limit: number,
): Promise<boolean> {
  if (quantity > limit) return false;
  const rows = await tx
    .insert(ticketHoldings)
    .values({ ticketTypeId, userId, quantity })
    .onConflictDoUpdate({
      target: [ticketHoldings.ticketTypeId, ticketHoldings.userId],
      set: { quantity: sql`${ticketHoldings.quantity} + excluded.quantity` },
      setWhere: sql`${ticketHoldings.quantity} + excluded.quantity <= ${limit}`,
    })
    .returning({ quantity: ticketHoldings.quantity });
  return rows.length === 1;
}

export async function removeFromHolding(
  tx: DbClient,
  ticketTypeId: string,
  userId: string,
  quantity: number,
) {
  await tx
    .update(ticketHoldings)
    .set({ quantity: sql`${ticketHoldings.quantity} - ${quantity}` })
    .where(and(eq(ticketHoldings.ticketTypeId, ticketTypeId), eq(ticketHoldings.userId, userId)));
}

/** Takes `quantity` tickets off what is left, only if that many are left; false when sold out. */
export async function takeTickets(tx: DbClient, ticketTypeId: string, quantity: number): Promise<boolean> {
  const rows = await tx
    .update(ticketTypes)
    .set({ remaining: sql`${ticketTypes.remaining} - ${quantity}` })
    .where(and(eq(ticketTypes.id, ticketTypeId), sql`${ticketTypes.remaining} >= ${quantity}`))
    .returning({ id: ticketTypes.id });
  return rows.length === 1;
}

export async function returnTickets(tx: DbClient, ticketTypeId: string, quantity: number) {
  await tx
    .update(ticketTypes)
    .set({ remaining: sql`${ticketTypes.remaining} + ${quantity}` })
    .where(eq(ticketTypes.id, ticketTypeId));
}

export async function insertStandingReservation(
  tx: DbClient,
  reservation: NewReservation,
  ticketType: TicketTypeRow,
  quantity: number,
): Promise<ReservationRow> {
  const [row] = await tx
    .insert(reservations)
    .values({
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
    })
    .returning();
  if (!row) throw new Error('reservation insert returned no row');
  return row;
}

/** The reservation, row-locked until the transaction ends. */
export async function lockReservation(tx: DbClient, id: string): Promise<ReservationRow | undefined> {
  const [row] = await tx.select().from(reservations).where(eq(reservations.id, id)).for('update');
  return row;
}

export async function findReservation(db: DbClient, id: string): Promise<ReservationRow | undefined> {
  const [row] = await db.select().from(reservations).where(eq(reservations.id, id));
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

/** The seat locks a reservation was made under, for releasing them once it ends. */
export async function seatLocksOf(db: DbClient, reservation: ReservationRow): Promise<SeatLock[]> {
  const rows = await db
    .select({ seatId: reservationSeats.seatId, token: reservationSeats.fencingToken })
    .from(reservationSeats)
    .where(eq(reservationSeats.reservationId, reservation.id));
  return rows.map((row) => ({
    eventId: reservation.eventId,
    seatId: row.seatId,
    token: row.token,
    reservationId: reservation.id,
  }));
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

export interface ReservationSeatView {
  readonly seatId: string;
  readonly section: string;
  readonly row: string;
  readonly number: number;
  readonly grade: string;
  readonly price: number;
}

export async function seatViewsOf(db: DbClient, reservationIds: readonly string[]) {
  if (reservationIds.length === 0) return new Map<string, ReservationSeatView[]>();
  const rows = await db
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
    .where(inArray(reservationSeats.reservationId, [...reservationIds]))
    .orderBy(asc(sections.position), asc(sectionRows.position), asc(seats.number));
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
