import { randomUUID } from 'node:crypto';
import { type DbClient, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import { type EventRow, findEvent } from '../db/event-store.js';
import type { ReservationRow } from '../db/reservation-store.js';
import { newestFencingTokens } from '../db/seat-fencing-store.js';
import type { SeatLock } from '../db/seat-lock-store.js';
import { findTicketType } from '../db/ticket-type-store.js';
import type { WaitingListStates } from '../db/waiting-list-state-store.js';
import {
  endedLocksOn,
  entriesInLine,
  freeSeatsOf,
  freeTicketsOf,
  lockWaitingList,
  setEntryStatus,
  type WaitingListEntryRow,
} from '../db/waiting-list-store.js';
import { seatsFor, ticketsFit } from '../domain/waiting-list.js';
import { publishWaitingListOffer } from './outbox-events.js';
import { failedSeatHold, insertSeatHold } from './reserve-seats.js';
import { insertStandingHold } from './reserve-standing.js';

export interface WaitingListDeps extends Pick<TicketContext, 'db' | 'seatLocks' | 'now' | 'logger'> {
  /** How long an offer is held for its fan to pay. */
  readonly offerSeconds: number;
  readonly listStates: WaitingListStates;
}

export interface MatchResult {
  readonly offers: number;
  /** A seat lock someone else holds stood in the way of an offer: match again later. */
  readonly retry: boolean;
}

/** Events whose status still sells: an offer is a sale. */
const offering = new Set<EventRow['status']>(['scheduled', 'on-sale', 'sold-out']);

/**
 * Offers the event's free seats or tickets to its waiting list, first come first offered, while the list
 * is open: each offer is a held reservation made for the entry's account, under the same seat locks,
 * fencing tokens and checks as a booking, held `offerSeconds`, with `waitlist.offer` on the outbox. One
 * offer per transaction, each under the list's lock, so two matchers (two replicas) take turns and never
 * offer a seat twice; an entry whose offer is refused is passed over for this round (docs/adr/0042).
 */
export async function offerToWaitingList(deps: WaitingListDeps, eventId: string): Promise<MatchResult> {
  if ((await deps.listStates(eventId)) !== 'open') return { offers: 0, retry: false };
  const passedOver = new Set<string>();
  let offers = 0;
  let retry = false;
  for (;;) {
    const step = await offerNext(deps, eventId, passedOver);
    if (step.outcome === 'none') return { offers, retry };
    if (step.outcome === 'offered') offers += 1;
    else {
      passedOver.add(step.entryId);
      retry ||= step.retry;
    }
  }
}

type Step =
  | { readonly outcome: 'none' }
  | { readonly outcome: 'offered'; readonly reservation: ReservationRow }
  | { readonly outcome: 'passed-over'; readonly entryId: string; readonly retry: boolean };

type Match =
  | {
      readonly entry: WaitingListEntryRow;
      readonly seats: { seatId: string; performanceId: string; price: number }[];
    }
  | { readonly entry: WaitingListEntryRow; readonly ticketTypeId: string };

async function offerNext(
  deps: WaitingListDeps,
  eventId: string,
  passedOver: ReadonlySet<string>,
): Promise<Step> {
  const now = deps.now();
  let locks: SeatLock[] = [];
  let entry: WaitingListEntryRow | undefined;
  try {
    return await withTransaction(deps.db.primary, async (tx): Promise<Step> => {
      await lockWaitingList(tx, eventId, 'match');
      const event = await findEvent(tx, eventId);
      if (!event || !offering.has(event.status)) return { outcome: 'none' };
      const match = await firstMatch(tx, event, passedOver, now);
      if (!match) return { outcome: 'none' };
      entry = match.entry;
      const expiresAt = new Date(now.getTime() + deps.offerSeconds * 1000);
      let reservation: ReservationRow;
      if ('seats' in match) {
        locks = await lockOfferedSeats(
          deps,
          tx,
          event.id,
          match.seats.map((seat) => seat.seatId),
        );
        reservation = await insertSeatHold(tx, {
          user: { id: match.entry.userId },
          event,
          performanceId: match.seats[0]?.performanceId ?? '',
          locks,
          prices: new Map(match.seats.map((seat) => [seat.seatId, seat.price])),
          now,
          expiresAt,
        });
      } else {
        const ticketType = await findTicketType(tx, match.ticketTypeId);
        if (!ticketType) throw new Error(`ticket type ${match.ticketTypeId} vanished`);
        reservation = await insertStandingHold(tx, {
          userId: match.entry.userId,
          event,
          ticketType,
          quantity: match.entry.quantity,
          now,
          expiresAt,
        });
      }
      const offered = await setEntryStatus(tx, match.entry.id, {
        status: 'offered',
        reservationId: reservation.id,
        offeredAt: now,
      });
      await publishWaitingListOffer(tx, offered, reservation);
      return { outcome: 'offered', reservation };
    });
  } catch (error) {
    if (!entry) throw error;
    if (locks.length > 0) await failedSeatHold(deps, locks, error);
    deps.logger.warn(
      { err: error, eventId, entryId: entry.id },
      'could not make a waiting-list offer; passing the entry over this round',
    );
    // A lock someone else holds may be let go without a release (a booking refused after locking): look
    // again. A refusal of the fan's hold (their cap on unpaid tickets, a per-user limit) or a seat taken
    // meanwhile is settled by the next release, which wakes the list anyway.
    return { outcome: 'passed-over', entryId: entry.id, retry: error instanceof OfferSeatLocked };
  }
}

/** Entries read per page of the line while looking for the first one the free seats fit. */
const linePage = 500;

/** The first entry in line (not passed over) that the event's free seats or tickets fit, with what it gets. */
async function firstMatch(
  tx: DbClient,
  event: EventRow,
  passedOver: ReadonlySet<string>,
  now: Date,
): Promise<Match | undefined> {
  let free: Awaited<ReturnType<typeof freeSeatsOf>> | undefined;
  let tickets: Awaited<ReturnType<typeof freeTicketsOf>> | undefined;
  let afterSeq = 0;
  for (;;) {
    const line = await entriesInLine(tx, event.id, { afterSeq, limit: linePage });
    for (const entry of line) {
      if (passedOver.has(entry.id)) continue;
      if (event.kind === 'seated') {
        free ??= await freeSeatsOf(tx, event.id, now);
        // Nothing free: no need to read the rest of a long line.
        if (free.length === 0) return undefined;
        const seats = seatsFor(entry, free);
        if (seats) return { entry, seats };
      } else {
        tickets ??= await freeTicketsOf(tx, event.id);
        if (!tickets.some((ticketType) => ticketType.remaining > 0)) return undefined;
        const fits = tickets.find((ticketType) => ticketsFit(entry, ticketType));
        if (fits) return { entry, ticketTypeId: fits.ticketTypeId };
      }
    }
    if (line.length < linePage) return undefined;
    afterSeq = line.at(-1)?.seq ?? afterSeq;
  }
}

class OfferSeatLocked extends Error {
  constructor(readonly seatId: string) {
    super(`seat ${seatId} is locked by someone else`);
  }
}

/**
 * The offered seats' locks, as a booking takes them: the lock a crash may have left behind by the seat's
 * ended reservation is dropped first (only that exact lock), then every seat is locked with a fencing
 * token above the newest the database accepted.
 */
async function lockOfferedSeats(
  deps: WaitingListDeps,
  tx: DbClient,
  eventId: string,
  seatIds: readonly string[],
): Promise<SeatLock[]> {
  await deps.seatLocks.release(await endedLocksOn(tx, eventId, seatIds));
  const floors = new Map((await newestFencingTokens(tx, seatIds)).map((row) => [row.seatId, row.maxToken]));
  const acquired = await deps.seatLocks.acquire(eventId, [...seatIds].sort(), randomUUID(), floors);
  if (!acquired.acquired) throw new OfferSeatLocked(acquired.heldSeatId);
  return acquired.locks;
}
