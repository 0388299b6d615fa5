import type { DbClient } from '@urr/common';
import type { ReservationRow } from '../db/reservation-store.js';
import { endOffer, insertWakeup } from '../db/waiting-list-store.js';
import { entryStatusAfter } from '../domain/waiting-list.js';

/**
 * What a reservation's end means for the waiting list, in the transaction that ends it (docs/adr/0042):
 * seats or tickets given back wake the event's list (a row committed with the release, so no release is
 * lost between its commit and the offer), and an offer that ended settles its entry.
 */

/** The reservation expired or was cancelled: its seats or tickets are free again. */
export async function releasedToWaitingList(
  tx: DbClient,
  reservation: ReservationRow,
  ending: 'expired' | 'cancelled',
  now: Date,
): Promise<void> {
  await insertWakeup(tx, reservation.eventId);
  await endOffer(tx, reservation.id, {
    status: entryStatusAfter(ending, reservation.cancelReason ?? undefined),
    endedAt: now,
  });
}

/** The reservation was paid: when it was an offer, its entry is fulfilled. */
export async function paidOffer(tx: DbClient, reservation: ReservationRow, now: Date): Promise<void> {
  await endOffer(tx, reservation.id, { status: entryStatusAfter('confirmed'), endedAt: now });
}
