import { setTimeout as delay } from 'node:timers/promises';
import type { TicketContext } from '../context.js';
import { findReservation, type ReservationRow } from '../db/reservation-store.js';

/** The longest a request may wait: half the gateway's 10 s for an upstream's answer, for a busy service. */
export const maxWaitSeconds = 5;
/** Without a listening connection a wait re-reads this often. */
const recheckMs = 1000;

/** Resolves after `ms`, or at once when `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * While the reservation is PENDING_PAYMENT, waits up to `waitMs` for it to leave that status (paid,
 * cancelled, expired), woken by the `reservation_left_pending` notification of whichever replica's
 * transaction moved it (docs/adr/0054). Each round registers the wait first and reads the row second, so a
 * notification sent between the two is not missed. A wake-up is read once, by the next round (or at the
 * deadline); one without news waits for what is left. Returns the reservation as it is when it left, the
 * wait ran out or the caller went away. The caller has checked that the reservation is the requester's.
 */
export async function waitWhilePending(
  deps: Pick<TicketContext, 'db' | 'settlements'>,
  reservation: ReservationRow,
  waitMs: number,
  signal: AbortSignal,
): Promise<ReservationRow> {
  const deadline = Date.now() + waitMs;
  let current = reservation;
  while (current.status === 'PENDING_PAYMENT' && !signal.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const round = new AbortController();
    const roundSignal = AbortSignal.any([signal, round.signal]);
    const woken = deps.settlements
      ? deps.settlements.next(current.id, left, roundSignal)
      : sleep(Math.min(left, recheckMs), roundSignal);
    current = (await findReservation(deps.db.primary, current.id)) ?? current;
    if (current.status !== 'PENDING_PAYMENT') {
      round.abort();
      break;
    }
    await woken;
    // Woken with time left, the next round reads after registering again; at the deadline, one last read.
    if (Date.now() >= deadline) current = (await findReservation(deps.db.primary, current.id)) ?? current;
  }
  return current;
}
