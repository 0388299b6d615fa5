import type { DbClient } from '@urr/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ticketTypes } from './schema.js';

/** A standing event's ticket types and how many of each are left. */

export type TicketTypeRow = typeof ticketTypes.$inferSelect;

export async function findTicketType(db: DbClient, ticketTypeId: string): Promise<TicketTypeRow | undefined> {
  const [row] = await db.select().from(ticketTypes).where(eq(ticketTypes.id, ticketTypeId));
  return row;
}

/** Takes `quantity` tickets off what is left, only if that many are left; false when sold out. */
export async function takeTickets(tx: DbClient, ticketTypeId: string, quantity: number): Promise<boolean> {
  const rows = await tx
    .update(ticketTypes)
    .set({ remaining: sql`${ticketTypes.remaining} - ${quantity}` })
    .where(and(eq(ticketTypes.id, ticketTypeId), sql`${ticketTypes.remaining} >= ${quantity}`))
    .returning({ id: ticketTypes.id });
  return rows.length === 1;
}

export async function returnTickets(tx: DbClient, ticketTypeId: string, quantity: number) {
  await tx
    .update(ticketTypes)
    .set({ remaining: sql`${ticketTypes.remaining} + ${quantity}` })
    .where(eq(ticketTypes.id, ticketTypeId));
}

export async function ticketTypesOf(db: DbClient, eventId: string, performanceId?: string) {
  return db
    .select()
    .from(ticketTypes)
    .where(
      and(
        eq(ticketTypes.eventId, eventId),
        performanceId ? eq(ticketTypes.performanceId, performanceId) : undefined,
      ),
    )
    .orderBy(asc(ticketTypes.price), asc(ticketTypes.name));
}

export async function insertTicketType(
  tx: DbClient,
  ticketType: Omit<typeof ticketTypes.$inferInsert, 'remaining'>,
): Promise<TicketTypeRow> {
  const [row] = await tx
    .insert(ticketTypes)
    .values({ ...ticketType, remaining: ticketType.quantity })
    .returning();
  if (!row) throw new Error('ticket type insert returned no row');
  return row;
}

export async function lockTicketType(tx: DbClient, id: string): Promise<TicketTypeRow | undefined> {
  const [row] = await tx.select().from(ticketTypes).where(eq(ticketTypes.id, id)).for('update');
  return row;
}

export async function updateTicketTypeFields(
  tx: DbClient,
  id: string,
  changes: Partial<Pick<TicketTypeRow, 'name' | 'price' | 'quantity' | 'remaining' | 'perUserLimit'>>,
): Promise<TicketTypeRow> {
  const [row] = await tx.update(ticketTypes).set(changes).where(eq(ticketTypes.id, id)).returning();
  if (!row) throw new Error(`ticket type ${id} vanished inside its transaction`);
  return row;
}
