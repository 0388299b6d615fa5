import { type AuthUser, sqlStateOf, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import { type EventRow, findEvent, performancesOf } from '../db/event-store.js';
import { findReservation } from '../db/reservation-store.js';
import { seatMapOf } from '../db/seat-map-store.js';
import { ticketTypesOf } from '../db/ticket-type-store.js';
import type { WaitingListStates } from '../db/waiting-list-state-store.js';
import {
  entriesOfUser,
  insertEntry,
  insertWakeup,
  liveEntryOf,
  lockEntry,
  lockWaitingList,
  placesOf,
  setEntryStatus,
  type WaitingListEntryRow,
} from '../db/waiting-list-store.js';
import type { WaitingListState } from '../domain/waiting-list.js';
import { conflict, notFound, unprocessable } from '../problems.js';

/** A fan joins, looks at and leaves a sale's waiting list (docs/adr/0042). */

export interface WaitingListViewDeps extends Pick<TicketContext, 'db' | 'now'> {
  readonly listStates: WaitingListStates;
}

export interface JoinInput {
  /** Seated events: the grades taken, by name (unique within the event). */
  readonly grades?: readonly string[] | undefined;
  readonly ticketTypeId?: string | undefined;
  readonly performanceId?: string | undefined;
  readonly maxPrice: number;
  readonly quantity: number;
}

export interface EntryView {
  readonly entry: WaitingListEntryRow;
  /** The names of the entry's grades (seated events). */
  readonly grades: string[];
  /** Where a waiting entry stands for each grade (or its ticket type), named. */
  readonly places: { readonly forId: string; readonly name: string; readonly position: number }[];
  /** The held reservation offered to the entry, while it is offered. */
  readonly offer: { readonly reservationId: string; readonly expiresAt: Date } | null;
  readonly listState: WaitingListState;
}

async function publishedEvent(deps: Pick<TicketContext, 'db'>, eventId: string): Promise<EventRow> {
  const event = await findEvent(deps.db.primary, eventId);
  if (!event || event.status === 'draft') throw notFound('event', eventId);
  return event;
}

/** Joins the event's waiting list: one live entry per account, at the back of the line. */
export async function joinWaitingList(
  deps: WaitingListViewDeps,
  user: AuthUser,
  eventId: string,
  input: JoinInput,
): Promise<EntryView> {
  const event = await publishedEvent(deps, eventId);
  const listState = await deps.listStates(event.id);
  if (listState !== 'open' || event.status === 'cancelled')
    throw conflict(
      listState === 'not-open' ? 'waiting-list-not-open' : 'waiting-list-closed',
      listState === 'not-open'
        ? `the waiting list of event ${event.id} opens once the sale sells out`
        : `the waiting list of event ${event.id} is closed`,
    );
  const wish = await checkedWish(deps, event, input);
  try {
    const entry = await withTransaction(deps.db.primary, async (tx) => {
      await lockWaitingList(tx, event.id, 'join');
      const joined = await insertEntry(tx, {
        eventId: event.id,
        userId: user.id,
        ...wish,
        createdAt: deps.now(),
      });
      // A seat may be free already (given back while nobody matched it): the list is matched at once.
      await insertWakeup(tx, event.id);
      return joined;
    });
    return viewOf(deps, entry, listState);
  } catch (error) {
    if (sqlStateOf(error) !== '23505') throw error;
    const existing = await liveEntryOf(deps.db.primary, event.id, user.id);
    throw conflict('already-on-waiting-list', `you are on the waiting list of event ${event.id} already`, {
      entryId: existing?.id ?? null,
    });
  }
}

/** What the entry asks for, once it is sure the event can ever offer it. */
async function checkedWish(deps: Pick<TicketContext, 'db'>, event: EventRow, input: JoinInput) {
  const maxQuantity = Math.min(event.maxTicketsPerReservation, event.maxHeldTicketsPerAccount);
  if (input.quantity > maxQuantity)
    throw unprocessable(
      'too-many-tickets',
      `an offer holds at most ${maxQuantity} tickets of event ${event.id}; you asked for ${input.quantity}`,
      { maxQuantity },
    );
  if (event.kind === 'standing') {
    if (!input.ticketTypeId || (input.grades?.length ?? 0) > 0 || input.performanceId)
      throw unprocessable(
        'ticket-type-required',
        `event ${event.id} sells standing tickets: name one ticketTypeId (no grades, no performanceId)`,
      );
    const ticketType = (await ticketTypesOf(deps.db.primary, event.id)).find(
      (t) => t.id === input.ticketTypeId,
    );
    if (!ticketType)
      throw unprocessable(
        'unknown-ticket-type',
        `event ${event.id} has no ticket type ${input.ticketTypeId}`,
      );
    if (input.quantity > ticketType.perUserLimit)
      throw unprocessable(
        'too-many-tickets',
        `one account holds at most ${ticketType.perUserLimit} "${ticketType.name}" tickets`,
        { maxQuantity: ticketType.perUserLimit },
      );
    if (input.maxPrice < ticketType.price)
      throw unprocessable(
        'max-price-too-low',
        `"${ticketType.name}" costs ${ticketType.price}; your maximum price is ${input.maxPrice}`,
      );
    return {
      gradeIds: [],
      ticketTypeId: ticketType.id,
      performanceId: null,
      maxPrice: input.maxPrice,
      quantity: input.quantity,
    };
  }
  const names = [...new Set(input.grades ?? [])];
  if (names.length === 0 || input.ticketTypeId)
    throw unprocessable(
      'grades-required',
      `event ${event.id} sells seats: name the grades you take (no ticketTypeId)`,
    );
  const grades = (await seatMapOf(deps.db.primary, event.id)).grades;
  const unknown = names.filter((name) => !grades.some((grade) => grade.name === name));
  if (unknown.length > 0)
    throw unprocessable('unknown-grade', `event ${event.id} has no grade ${unknown.join(', ')}`, {
      grades: unknown,
    });
  const chosen = grades.filter((grade) => names.includes(grade.name));
  if (!chosen.some((grade) => grade.price <= input.maxPrice))
    throw unprocessable(
      'max-price-too-low',
      `every grade you chose costs more than your maximum price of ${input.maxPrice}`,
    );
  const gradeIds = chosen.map((grade) => grade.id);
  if (input.performanceId) {
    const shows = await performancesOf(deps.db.primary, event.id);
    if (!shows.some((show) => show.id === input.performanceId))
      throw unprocessable(
        'unknown-performance',
        `event ${event.id} has no performance ${input.performanceId}`,
      );
  }
  return {
    gradeIds,
    ticketTypeId: null,
    performanceId: input.performanceId ?? null,
    maxPrice: input.maxPrice,
    quantity: input.quantity,
  };
}

/** The list's state and my live entry of the event, if I have one. */
export async function myWaitingListPlace(deps: WaitingListViewDeps, user: AuthUser, eventId: string) {
  const event = await publishedEvent(deps, eventId);
  const listState = await deps.listStates(event.id);
  const entry = await liveEntryOf(deps.db.primary, event.id, user.id);
  return { eventId: event.id, listState, entry: entry ? await viewOf(deps, entry, listState) : null };
}

/** Leaves the list; an entry holding an offer leaves by paying or cancelling that reservation. */
export async function leaveWaitingList(
  deps: WaitingListViewDeps,
  user: AuthUser,
  eventId: string,
): Promise<EntryView> {
  const event = await publishedEvent(deps, eventId);
  const left = await withTransaction(deps.db.primary, async (tx) => {
    const live = await liveEntryOf(tx, event.id, user.id);
    const entry = live && (await lockEntry(tx, live.id));
    if (!entry || (entry.status !== 'waiting' && entry.status !== 'offered'))
      throw notFound(`waiting-list entry of event ${event.id} for`, 'you');
    if (entry.status === 'offered')
      throw conflict(
        'offer-pending',
        'seats are held for you: pay for them or cancel that reservation instead of leaving',
        { reservationId: entry.reservationId },
      );
    return setEntryStatus(tx, entry.id, { status: 'left', endedAt: deps.now() });
  });
  return viewOf(deps, left, await deps.listStates(event.id));
}

/** My entries of every event, newest first. */
export async function myWaitingListEntries(deps: WaitingListViewDeps, user: AuthUser): Promise<EntryView[]> {
  const entries = await entriesOfUser(deps.db.primary, user.id);
  const states = new Map<string, WaitingListState>();
  for (const eventId of new Set(entries.map((entry) => entry.eventId)))
    states.set(eventId, await deps.listStates(eventId));
  return Promise.all(entries.map((entry) => viewOf(deps, entry, states.get(entry.eventId) ?? 'not-open')));
}

async function viewOf(
  deps: Pick<TicketContext, 'db'>,
  entry: WaitingListEntryRow,
  listState: WaitingListState,
): Promise<EntryView> {
  const [places, names, offered] = await Promise.all([
    placesOf(deps.db.primary, entry),
    namesOf(deps, entry),
    entry.status === 'offered' && entry.reservationId
      ? findReservation(deps.db.primary, entry.reservationId)
      : undefined,
  ]);
  return {
    entry,
    grades: entry.gradeIds.map((id) => names.get(id) ?? ''),
    places: places.map((place) => ({ ...place, name: names.get(place.forId) ?? '' })),
    offer: offered ? { reservationId: offered.id, expiresAt: offered.expiresAt } : null,
    listState,
  };
}

async function namesOf(
  deps: Pick<TicketContext, 'db'>,
  entry: WaitingListEntryRow,
): Promise<Map<string, string>> {
  if (entry.ticketTypeId)
    return new Map((await ticketTypesOf(deps.db.primary, entry.eventId)).map((t) => [t.id, t.name]));
  return new Map(
    (await seatMapOf(deps.db.primary, entry.eventId)).grades.map((grade) => [grade.id, grade.name]),
  );
}
