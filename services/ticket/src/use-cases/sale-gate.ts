import type { AuthUser, DbClient } from '@urr/common';
import type { TicketContext } from '../context.js';
import { type EventRow, findEventForBuyer, holdEventForBooking } from '../db/event-store.js';
import type { EventKind } from '../domain/catalog-snapshot.js';
import { checkPurchase } from '../domain/purchase-window.js';
import { conflict, forbidden, notFound } from '../problems.js';

/** A buyer reserves only for the event their Tier-2 queue admission was for. */
export function requireEntryFor(entryEventId: string | undefined, eventId: string): void {
  if (!entryEventId)
    throw forbidden(
      'entry-required',
      `reserving needs an admission through the queue of event ${eventId}; join it first`,
      { eventId },
    );
  if (entryEventId !== eventId)
    throw forbidden(
      'entry-for-other-event',
      `your queue admission is for event ${entryEventId}, not for event ${eventId}`,
      { eventId, admittedEventId: entryEventId },
    );
}

/**
 * The event, once it is sure this buyer may buy its tickets now: it exists, is of the right kind, is
 * selling, and the presale schedule has opened for the buyer's membership tier of its artist.
 */
export async function eventOnSaleFor(
  deps: TicketContext,
  user: AuthUser,
  eventId: string,
  kind: EventKind,
): Promise<EventRow> {
  const found = await findEventForBuyer(deps.db.primary, eventId, user.id);
  if (!found || found.event.status === 'draft') throw notFound('event', eventId);
  const { event, tier } = found;
  if (event.kind !== kind)
    throw conflict(
      'wrong-event-kind',
      event.kind === 'standing'
        ? `event ${eventId} sells standing tickets: reserve them with POST /api/v1/reservations`
        : `event ${eventId} sells seats: reserve them with POST /api/v1/seats/reserve`,
    );
  const check = checkPurchase(event, tier, deps.now());
  if (check.allowed) return event;
  if (check.reason === 'not-open-yet')
    throw forbidden('sale-not-open', check.detail, {
      opensAt: check.opensAt.toISOString(),
      membershipTier: tier ?? null,
    });
  throw forbidden(check.reason === 'closed' ? 'sale-closed' : 'not-on-sale', check.detail);
}

/**
 * The first step of a booking transaction: the event may not be deleted until it commits (an admin's
 * delete waits, then finds the reservation); one deleted meanwhile answers 404.
 */
export async function keepEventWhileBooking(tx: DbClient, eventId: string): Promise<void> {
  if (!(await holdEventForBooking(tx, eventId))) throw notFound('event', eventId);
}
