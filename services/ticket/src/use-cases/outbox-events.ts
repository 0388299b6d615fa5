import { type DbClient, enqueueOutbox, type MembershipTier, topics } from '@urr/common';
import type { EventTypeOf, PayloadOf, reservationEvents } from '@urr/common/events/domain-events';
import { catalogFactsOf } from '../db/event-store.js';
import type { MembershipRow } from '../db/membership-store.js';
import type { ReservationRow } from '../db/reservation-store.js';
import type { TransferRow } from '../db/transfer-store.js';
import type { WaitingListEntryRow } from '../db/waiting-list-store.js';
import { catalogSnapshotOf } from '../domain/catalog-snapshot.js';

/**
 * Every event ticket-service publishes, written to common's outbox in the caller's transaction (so an
 * event goes out exactly when its change commits; the relay sends it). The only module that writes the
 * outbox: stores persist rows, use cases decide, this module says what the world hears. docs/adr/0033.
 */

type ReservationEventType = EventTypeOf<typeof reservationEvents>;

/** The facts every reservation event carries. */
export function reservationFactsOf(reservation: ReservationRow) {
  return {
    reservationId: reservation.id,
    eventId: reservation.eventId,
    userId: reservation.userId,
    amount: reservation.amount,
    currency: reservation.currency,
    ticketCount: reservation.ticketCount,
  };
}

/** Writes a reservation event, keyed by reservation so its events stay in order. */
export function publishReservationEvent<T extends ReservationEventType>(
  tx: DbClient,
  type: T,
  payload: PayloadOf<typeof reservationEvents, T>,
) {
  return enqueueOutbox(tx, { topic: topics.reservation, key: payload.reservationId, type, payload });
}

export function publishTransferCompleted(tx: DbClient, transfer: TransferRow, reservation: ReservationRow) {
  return enqueueOutbox(tx, {
    topic: topics.transfer,
    key: reservation.id,
    type: 'transfer.completed',
    payload: {
      transferId: transfer.id,
      reservationId: reservation.id,
      eventId: reservation.eventId,
      fromUserId: transfer.fromUserId,
      toUserId: transfer.toUserId ?? '',
    },
  });
}

export function publishMembershipJoined(tx: DbClient, membership: MembershipRow) {
  return enqueueOutbox(tx, {
    topic: topics.membership,
    key: membership.userId,
    type: 'membership.joined',
    payload: { membershipId: membership.id, userId: membership.userId, tier: membership.tier },
  });
}

export function publishMembershipTierChanged(
  tx: DbClient,
  membership: MembershipRow,
  fromTier: MembershipTier,
) {
  return enqueueOutbox(tx, {
    topic: topics.membership,
    key: membership.userId,
    type: 'membership.tier-changed',
    payload: { membershipId: membership.id, userId: membership.userId, fromTier, tier: membership.tier },
  });
}

/** Writes the event's current catalog snapshot (`event.upserted` on `catalog-events`, ADR 0004). */
export async function publishEventSnapshot(tx: DbClient, eventId: string): Promise<void> {
  const facts = await catalogFactsOf(tx, eventId);
  if (!facts) return;
  await enqueueOutbox(tx, {
    topic: topics.catalog,
    key: eventId,
    type: 'event.upserted',
    payload: catalogSnapshotOf(facts),
  });
}

export async function publishEventDeleted(tx: DbClient, eventId: string, version: number): Promise<void> {
  await enqueueOutbox(tx, {
    topic: topics.catalog,
    key: eventId,
    type: 'event.deleted',
    payload: { eventId, version },
  });
}

/** `waitlist.offer`: a held reservation was made for a waiting-list entry (for e-mail and push, ADR 0042). */
export function publishWaitingListOffer(tx: DbClient, entry: WaitingListEntryRow, offer: ReservationRow) {
  return enqueueOutbox(tx, {
    topic: topics.waitingList,
    key: entry.userId,
    type: 'waitlist.offer',
    payload: {
      entryId: entry.id,
      reservationId: offer.id,
      eventId: offer.eventId,
      userId: entry.userId,
      amount: offer.amount,
      currency: offer.currency,
      ticketCount: offer.ticketCount,
      expiresAt: offer.expiresAt.toISOString(),
    },
  });
}
