/**
 * The waiting list of a sold-out sale, as pure rules: what an entry may ask for, which free seats or
 * tickets an entry takes, and what an entry's state is (docs/adr/0042).
 */

export const waitingListEntryStatuses = [
  /** In line. */
  'waiting',
  /** Holding an offer: a held reservation made for it, to pay within the offer window. */
  'offered',
  /** The offer was paid. */
  'fulfilled',
  /** The offer ran out unpaid or its payment failed: it passed on to the next in line. */
  'missed',
  /** The fan cancelled the offered reservation. */
  'declined',
  /** The fan left the list. */
  'left',
] as const;
export type WaitingListEntryStatus = (typeof waitingListEntryStatuses)[number];

/** An account has one live entry per event; ended entries are history. */
export const liveEntryStatuses = ['waiting', 'offered'] as const satisfies readonly WaitingListEntryStatus[];

/**
 * The list's state as the operator's phase sets it: `open` from the sale's SoldOut phase on (fans join,
 * returned seats are offered), `closed` once the sale closed (no joins, no offers); unset before.
 */
export const waitingListStates = ['not-open', 'open', 'closed'] as const;
export type WaitingListState = (typeof waitingListStates)[number];

/** What an entry asks for: seats of some grades, or tickets of one standing ticket type. */
export interface EntryWish {
  readonly gradeIds: readonly string[];
  readonly ticketTypeId: string | null;
  /** Only seats of this performance; any performance when null. */
  readonly performanceId: string | null;
  /** Per seat or ticket, in the event's currency. */
  readonly maxPrice: number;
  readonly quantity: number;
}

export interface FreeSeat {
  readonly seatId: string;
  readonly performanceId: string;
  readonly gradeId: string;
  readonly price: number;
}

/**
 * The seats an entry is offered: `quantity` free seats of one performance, of its grades and within its
 * price, in the seat map's order (the list gives the free seats in that order); undefined when there are
 * not enough.
 */
export function seatsFor(wish: EntryWish, free: readonly FreeSeat[]): FreeSeat[] | undefined {
  const grades = new Set(wish.gradeIds);
  const byPerformance = new Map<string, FreeSeat[]>();
  for (const seat of free) {
    if (!grades.has(seat.gradeId) || seat.price > wish.maxPrice) continue;
    if (wish.performanceId !== null && seat.performanceId !== wish.performanceId) continue;
    const seats = [...(byPerformance.get(seat.performanceId) ?? []), seat];
    if (seats.length === wish.quantity) return seats;
    byPerformance.set(seat.performanceId, seats);
  }
  return undefined;
}

export interface FreeTickets {
  readonly ticketTypeId: string;
  readonly price: number;
  readonly remaining: number;
}

/** Whether the ticket type has what the entry asks for, within its price. */
export function ticketsFit(wish: EntryWish, ticketType: FreeTickets): boolean {
  return (
    wish.ticketTypeId === ticketType.ticketTypeId &&
    ticketType.price <= wish.maxPrice &&
    ticketType.remaining >= wish.quantity
  );
}

/** How a held reservation that was an offer ended, as its entry records it. */
export function entryStatusAfter(
  ending: 'confirmed' | 'expired' | 'cancelled',
  cancelReason?: string,
): WaitingListEntryStatus {
  if (ending === 'confirmed') return 'fulfilled';
  if (ending === 'cancelled' && cancelReason === 'user') return 'declined';
  return 'missed';
}
