import { setTimeout as delay } from 'node:timers/promises';
import type { TicketContext } from '../context.js';
import { findReservation, type ReservationRow } from '../db/reservation-store.js';

/** The longest a request may wait: half the gateway's 10 s for an upstream's answer, for a busy service. */
export const maxWaitSeconds = 5;
/** Without a listening connection a wait re-reads this often. */
const recheckMs = 1000;

/** Resolves after `ms`, or at once when `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);

export interface SettledReadOptions {
  /** How long to wait while the reservation is PENDING_PAYMENT; 0 reads once. */
  readonly waitMs: number;
  /** The caller went away: the wait ends. */
  readonly signal: AbortSignal;
  /** Whether the requester may see the reservation; one they may not is never waited on. */
  readonly visible: (reservation: ReservationRow) => boolean;
}

/**
 * Reads the reservation and, while it is PENDING_PAYMENT, waits up to `waitMs` for it to leave that status
 * (paid, cancelled, expired), woken by the `reservation_left_pending` notification of whichever replica's
 * transaction moved it (docs/adr/0054). Each round registers its wait first and reads the row second, so a
 * notification sent between the two is not missed; the first round's read is also the request's own. A
 * wake-up is read by the next round, and once the wait ran out one last read answers. Returns the
 * reservation as it is then, or undefined when there is none the requester may see.
 */
export async function readWhenSettled(
  deps: Pick<TicketContext, 'db' | 'settlements'>,
  id: string,
  options: SettledReadOptions,
): Promise<ReservationRow | undefined> {
  const { signal, visible } = options;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const left = deadline - Date.now();
    const round = new AbortController();
    const roundSignal = AbortSignal.any([signal, round.signal]);
    const woken =
      left > 0 && !signal.aborted
        ? deps.settlements
          ? deps.settlements.next(id, left, roundSignal)
          : sleep(Math.min(left, recheckMs), roundSignal)
        : undefined;
    const found = await findReservation(deps.db.primary, id);
    const shown = found && visible(found) ? found : undefined;
    if (shown?.status !== 'PENDING_PAYMENT' || !woken || signal.aborted) {
      round.abort();
      return shown;
    }
    await woken;
    if (signal.aborted) return shown;
  }
}
