import type { ConsumerTransaction } from '@urr/common';
import { eq, lt, sql } from 'drizzle-orm';
import { type EventSnapshot, eventRowOf, performanceRowsOf } from '../domain/event-snapshot.js';
import { artists, eventPerformances, events, eventVersions } from './schema.js';

/**
 * Moves the version gate to `version` unless the stored version is already as new; true when this
 * message is the newest the catalogue has seen of the event. The row lock it takes orders concurrent
 * messages of one event.
 */
export async function claimVersion(
  tx: ConsumerTransaction,
  eventId: string,
  version: number,
  deleted: boolean,
): Promise<boolean> {
  const claimed = await tx
    .insert(eventVersions)
    .values({ eventId, version, deleted })
    .onConflictDoUpdate({
      target: eventVersions.eventId,
      set: { version, deleted, appliedAt: sql`now()` },
      setWhere: lt(eventVersions.version, version),
    })
    .returning({ eventId: eventVersions.eventId });
  return claimed.length > 0;
}

export async function upsertEvent(tx: ConsumerTransaction, snapshot: EventSnapshot): Promise<void> {
  const row = { ...eventRowOf(snapshot), updatedAt: new Date() };
  const { eventId, ...changes } = row;
  await tx.insert(events).values(row).onConflictDoUpdate({ target: events.eventId, set: changes });
  await tx.delete(eventPerformances).where(eq(eventPerformances.eventId, eventId));
  const performances = performanceRowsOf(snapshot);
  if (performances.length > 0)
    await tx
      .insert(eventPerformances)
      .values(performances.map((performance) => ({ eventId, ...performance })));
  await tx
    .insert(artists)
    .values({ artistId: snapshot.artist.id, name: snapshot.artist.name })
    .onConflictDoUpdate({
      target: artists.artistId,
      set: { name: snapshot.artist.name, updatedAt: sql`now()` },
    });
}

export async function deleteEvent(tx: ConsumerTransaction, eventId: string): Promise<void> {
  await tx.delete(events).where(eq(events.eventId, eventId));
}
