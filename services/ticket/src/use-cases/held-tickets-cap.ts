import type { DbClient } from '@urr/common';
import { lockAccountHolds, unpaidTicketsHeldBy } from '../db/account-hold-store.js';
import type { EventRow } from '../db/event-store.js';
import { conflict } from '../problems.js';

/**
 * The first step of a hold's transaction: refuses (409) when the account's unpaid tickets for the event
 * would pass the event's `maxHeldTicketsPerAccount`. Under the account's hold lock, so concurrent
 * reservations of one account cannot pass the cap together (ADR 0011).
 */
export async function claimWithinHeldTicketsCap(
  tx: DbClient,
  event: Pick<EventRow, 'id' | 'maxHeldTicketsPerAccount'>,
  userId: string,
  adding: number,
  now: Date,
): Promise<void> {
  await lockAccountHolds(tx, event.id, userId);
  const held = await unpaidTicketsHeldBy(tx, event.id, userId, now);
  const cap = event.maxHeldTicketsPerAccount;
  if (held + adding <= cap) return;
  throw conflict(
    'held-tickets-cap',
    `one account may hold at most ${cap} unpaid tickets of event ${event.id} at once; you hold ${held}, ` +
      `so ${adding} more would pass that. Pay for or cancel a reservation first`,
    { maxHeldTicketsPerAccount: cap, held },
  );
}
