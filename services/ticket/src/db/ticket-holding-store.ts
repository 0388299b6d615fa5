import type { DbClient } from '@urr/common';
import { and, eq, sql } from 'drizzle-orm';
import { ticketHoldings } from './schema.js';

/** How many tickets of a ticket type each user holds (its per-user limit is enforced here, atomically). */

/** Adds `quantity` to the user's holding of a ticket type unless that passes `limit`; false when it would. */
export async function addToHolding(
  tx: DbClient,
  ticketTypeId: string,
  userId: string,
  quantity: number,
  limit: number,
): Promise<boolean> {
  if (quantity > limit) return false;
  const rows = await tx
    .insert(ticketHoldings)
    .values({ ticketTypeId, userId, quantity })
    .onConflictDoUpdate({
      target: [ticketHoldings.ticketTypeId, ticketHoldings.userId],
      set: { quantity: sql`${ticketHoldings.quantity} + excluded.quantity` },
      setWhere: sql`${ticketHoldings.quantity} + excluded.quantity <= ${limit}`,
    })
    .returning({ quantity: ticketHoldings.quantity });
  return rows.length === 1;
}

export async function removeFromHolding(
  tx: DbClient,
  ticketTypeId: string,
  userId: string,
  quantity: number,
) {
  await tx
    .update(ticketHoldings)
    .set({ quantity: sql`${ticketHoldings.quantity} - ${quantity}` })
    .where(and(eq(ticketHoldings.ticketTypeId, ticketTypeId), eq(ticketHoldings.userId, userId)));
}
