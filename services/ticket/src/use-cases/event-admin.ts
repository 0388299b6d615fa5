import { type DbClient, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import {
  deleteEventRow,
  deletePerformanceRow,
  type EventChanges,
  type EventRow,
  findPerformance,
  insertEvent,
  insertPerformance,
  lockEventForDelete,
  type NewEvent,
  type PerformanceRow,
  reservationCountOf,
  touchEvent,
  updateEventFields,
  updatePerformanceTimes,
} from '../db/event-store.js';
import { findArtist, findVenue } from '../db/lineup-store.js';
import { expandSeats, replaceSeatMap, updateGradePrice } from '../db/seat-map-store.js';
import {
  findTicketType,
  insertTicketType,
  lockTicketType,
  type TicketTypeRow,
  updateTicketTypeFields,
} from '../db/ticket-type-store.js';
import type { EventKind } from '../domain/catalog-snapshot.js';
import { scheduleOf } from '../domain/purchase-window.js';
import { type SeatMapLayout, seatCountOf, seatMapProblems } from '../domain/seat-map.js';
import { conflict, notFound, unprocessable } from '../problems.js';
import { publishEventDeleted, publishEventSnapshot } from './outbox-events.js';

/**
 * What organisers change: events, their performances, seat maps, grades and standing ticket types.
 * Every change locks the event, bumps its version and writes its new catalog snapshot in the same
 * transaction (ADR 0004), so catalog-service follows each one, in order.
 */

type AdminDeps = Pick<TicketContext, 'db' | 'now'>;

interface PerformanceTimes {
  readonly startsAt: Date;
  readonly endsAt?: Date | null | undefined;
}

function assertSchedule(event: Pick<EventRow, 'presaleOpensAt' | 'salesOpenAt' | 'salesCloseAt'>) {
  try {
    scheduleOf({ ...event, status: 'draft' });
  } catch (error) {
    if (error instanceof RangeError) throw unprocessable('invalid-sale-schedule', error.message);
    throw error;
  }
}

function assertTimes(times: PerformanceTimes) {
  if (times.endsAt && times.endsAt <= times.startsAt)
    throw unprocessable('invalid-performance-times', 'a performance must end after it starts');
}

async function assertLineup(db: DbClient, artistId: string | undefined, venueId: string | undefined) {
  if (artistId && !(await findArtist(db, artistId)))
    throw unprocessable('unknown-artist', `no artist ${artistId}`);
  if (venueId && !(await findVenue(db, venueId))) throw unprocessable('unknown-venue', `no venue ${venueId}`);
}

/** Runs `change` on the locked, version-bumped event, then publishes its snapshot. */
async function changeEvent<T>(
  deps: AdminDeps,
  eventId: string,
  change: (tx: DbClient, event: EventRow) => Promise<T>,
): Promise<T> {
  return withTransaction(deps.db.primary, async (tx) => {
    const event = await touchEvent(tx, eventId, deps.now());
    if (!event) throw notFound('event', eventId);
    const result = await change(tx, event);
    await publishEventSnapshot(tx, eventId);
    return result;
  });
}

export async function createEvent(
  deps: AdminDeps,
  event: Omit<NewEvent, 'version' | 'createdAt' | 'updatedAt'> & { kind: EventKind },
  shows: readonly PerformanceTimes[],
): Promise<EventRow> {
  assertSchedule({ presaleOpensAt: event.presaleOpensAt ?? null, ...event });
  shows.forEach(assertTimes);
  await assertLineup(deps.db.primary, event.artistId, event.venueId);
  return withTransaction(deps.db.primary, async (tx) => {
    const now = deps.now();
    const created = await insertEvent(tx, { ...event, createdAt: now, updatedAt: now });
    for (const show of shows)
      await insertPerformance(tx, {
        eventId: created.id,
        startsAt: show.startsAt,
        endsAt: show.endsAt ?? null,
      });
    await publishEventSnapshot(tx, created.id);
    return created;
  });
}

export async function updateEvent(
  deps: AdminDeps,
  eventId: string,
  changes: EventChanges,
): Promise<EventRow> {
  await assertLineup(deps.db.primary, changes.artistId, changes.venueId);
  return changeEvent(deps, eventId, async (tx, event) => {
    assertSchedule({ ...event, ...changes });
    return updateEventFields(tx, eventId, changes);
  });
}

/**
 * Deletes an event nobody ever reserved, with its seat map; one with reservations is cancelled (status)
 * instead. The event row is locked first, so no reservation can start between the count and the delete.
 */
export async function deleteEvent(deps: AdminDeps, eventId: string): Promise<void> {
  await withTransaction(deps.db.primary, async (tx) => {
    if (!(await lockEventForDelete(tx, eventId))) throw notFound('event', eventId);
    const event = await touchEvent(tx, eventId, deps.now());
    if (!event) throw notFound('event', eventId);
    if ((await reservationCountOf(tx, { eventId })) > 0)
      throw conflict(
        'event-has-reservations',
        'an event with reservations cannot be deleted; set its status to cancelled instead',
      );
    await deleteEventRow(tx, eventId);
    await publishEventDeleted(tx, eventId, event.version);
  });
}

/** Sets the seat map, creating every performance's seats from it; only before anything was reserved. */
export async function setSeatMap(deps: AdminDeps, eventId: string, layout: SeatMapLayout) {
  const problems = seatMapProblems(layout);
  if (problems.length > 0)
    throw unprocessable('invalid-seat-map', problems.join('; '), {
      errors: problems.map((message) => ({ path: '', message })),
    });
  return changeEvent(deps, eventId, async (tx, event) => {
    if (event.kind !== 'seated')
      throw conflict('wrong-event-kind', `event ${eventId} sells standing tickets and has no seat map`);
    if ((await reservationCountOf(tx, { eventId })) > 0)
      throw conflict('event-has-reservations', 'the seat map cannot change once seats were reserved');
    const seatsCreated = await replaceSeatMap(tx, eventId, layout);
    return { seatsPerPerformance: seatCountOf(layout), seatsCreated };
  });
}

export async function setGradePrice(deps: AdminDeps, eventId: string, gradeId: string, price: number) {
  return changeEvent(deps, eventId, async (tx) => {
    const grade = await updateGradePrice(tx, eventId, gradeId, price);
    if (!grade) throw notFound(`grade of event ${eventId}:`, gradeId);
    return grade;
  });
}

export async function addPerformance(
  deps: AdminDeps,
  eventId: string,
  times: PerformanceTimes,
): Promise<PerformanceRow> {
  assertTimes(times);
  return changeEvent(deps, eventId, async (tx, event) => {
    const performance = await insertPerformance(tx, {
      eventId,
      startsAt: times.startsAt,
      endsAt: times.endsAt ?? null,
    });
    if (event.kind === 'seated') await expandSeats(tx, eventId, performance.id);
    return performance;
  });
}

async function performanceOrThrow(deps: AdminDeps, id: string): Promise<PerformanceRow> {
  const performance = await findPerformance(deps.db.primary, id);
  if (!performance) throw notFound('performance', id);
  return performance;
}

export async function updatePerformance(
  deps: AdminDeps,
  id: string,
  changes: Partial<PerformanceTimes>,
): Promise<PerformanceRow> {
  const performance = await performanceOrThrow(deps, id);
  assertTimes({ ...performance, ...changes });
  return changeEvent(deps, performance.eventId, async (tx) => {
    // Deleted by another admin between the read above and the event's lock: gone, not a server error.
    const updated = await updatePerformanceTimes(tx, id, changes);
    if (!updated) throw notFound('performance', id);
    return updated;
  });
}

export async function removePerformance(deps: AdminDeps, id: string): Promise<void> {
  const performance = await performanceOrThrow(deps, id);
  await changeEvent(deps, performance.eventId, async (tx) => {
    if ((await reservationCountOf(tx, { performanceId: id })) > 0)
      throw conflict('performance-has-reservations', 'a performance with reservations cannot be deleted');
    await deletePerformanceRow(tx, id);
  });
}

export interface TicketTypeFields {
  readonly name: string;
  readonly price: number;
  readonly quantity: number;
  readonly perUserLimit: number;
}

export async function addTicketType(
  deps: AdminDeps,
  performanceId: string,
  fields: TicketTypeFields,
): Promise<TicketTypeRow> {
  const performance = await performanceOrThrow(deps, performanceId);
  return changeEvent(deps, performance.eventId, async (tx, event) => {
    if (event.kind !== 'standing')
      throw conflict('wrong-event-kind', `event ${event.id} is seated: its prices come from its seat map`);
    return insertTicketType(tx, { eventId: event.id, performanceId, ...fields });
  });
}

/** Changes a ticket type; its quantity never drops below what is already sold or held. */
export async function updateTicketType(
  deps: AdminDeps,
  id: string,
  changes: Partial<TicketTypeFields>,
): Promise<TicketTypeRow> {
  const found = await findTicketType(deps.db.primary, id);
  if (!found) throw notFound('ticket type', id);
  return changeEvent(deps, found.eventId, async (tx) => {
    const ticketType = await lockTicketType(tx, id);
    if (!ticketType) throw notFound('ticket type', id);
    const taken = ticketType.quantity - ticketType.remaining;
    const quantity = changes.quantity ?? ticketType.quantity;
    if (quantity < taken)
      throw conflict(
        'quantity-below-taken',
        `${taken} tickets are already sold or held; the quantity cannot go below that`,
      );
    return updateTicketTypeFields(tx, id, { ...changes, quantity, remaining: quantity - taken });
  });
}
