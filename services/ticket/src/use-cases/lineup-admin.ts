import { type DbClient, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import { eventIdsOf, touchEvent } from '../db/event-store.js';
import {
  type ArtistFields,
  type ArtistRow,
  updateArtist,
  updateVenue,
  type VenueFields,
  type VenueRow,
} from '../db/lineup-store.js';
import { publishEventSnapshot } from './outbox-events.js';

type LineupContext = Pick<TicketContext, 'db' | 'now'>;

/** Republishes every event of an artist or venue whose name or city changed (a newer version each). */
async function republishEventsOf(
  tx: DbClient,
  of: { readonly artistId: string } | { readonly venueId: string },
): Promise<void> {
  for (const id of await eventIdsOf(tx, of)) {
    await touchEvent(tx, id);
    await publishEventSnapshot(tx, id);
  }
}

/** Changes a venue and, in the same transaction, the catalog snapshots of its events; undefined when unknown. */
export function changeVenue(
  ctx: LineupContext,
  id: string,
  fields: Partial<VenueFields>,
): Promise<VenueRow | undefined> {
  return withTransaction(ctx.db.primary, async (tx) => {
    const updated = await updateVenue(tx, id, fields, ctx.now());
    if (updated) await republishEventsOf(tx, { venueId: id });
    return updated;
  });
}

/** Changes an artist and, in the same transaction, the catalog snapshots of their events; undefined when unknown. */
export function changeArtist(
  ctx: LineupContext,
  id: string,
  fields: Partial<ArtistFields>,
): Promise<ArtistRow | undefined> {
  return withTransaction(ctx.db.primary, async (tx) => {
    const updated = await updateArtist(tx, id, fields, ctx.now());
    if (updated) await republishEventsOf(tx, { artistId: id });
    return updated;
  });
}
