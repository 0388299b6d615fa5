import type { DbClient } from '@urr/common';
import { inArray, sql } from 'drizzle-orm';
import { seatFencing } from './schema.js';
import type { SeatLock } from './seat-lock-store.js';

/** The newest seat-lock fencing token the database accepted for each seat (docs/adr/0005). */

/**
 * Records each lock's token as the newest for its seat, unless the database already saw a newer (or the
 * same) token for it; answers the seats whose token was older (that writer's lock expired and was taken
 * over), empty when every token was recorded.
 */
export async function recordFencingTokens(tx: DbClient, locks: readonly SeatLock[]): Promise<string[]> {
  const sorted = [...locks].sort((a, b) => a.seatId.localeCompare(b.seatId));
  const accepted = await tx
    .insert(seatFencing)
    .values(sorted.map((lock) => ({ seatId: lock.seatId, maxToken: lock.token })))
    .onConflictDoUpdate({
      target: seatFencing.seatId,
      set: { maxToken: sql`excluded.max_token`, updatedAt: sql`now()` },
      setWhere: sql`${seatFencing.maxToken} < excluded.max_token`,
    })
    .returning({ seatId: seatFencing.seatId });
  const acceptedIds = new Set(accepted.map((row) => row.seatId));
  return sorted.map((lock) => lock.seatId).filter((id) => !acceptedIds.has(id));
}

export async function newestFencingTokens(db: DbClient, seatIds: readonly string[]) {
  if (seatIds.length === 0) return [];
  return db
    .select({ seatId: seatFencing.seatId, maxToken: seatFencing.maxToken })
    .from(seatFencing)
    .where(inArray(seatFencing.seatId, [...seatIds]));
}
