import type { ConsumerTransaction } from '@urr/common';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { eventSalesHourly, eventStats, membershipTiers, reservationFacts } from './schema.js';

type Tx = ConsumerTransaction;
export type EventCounters = Omit<typeof eventStats.$inferInsert, 'eventId' | 'currency' | 'updatedAt'>;
export type TierCounters = Omit<typeof membershipTiers.$inferInsert, 'tier' | 'updatedAt'>;

/** `column = column + excluded.column` for each counter the insert carries. */
function addExcluded(table: PgTable, counters: Record<string, number | undefined>) {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    Object.keys(counters).map((field) => {
      const column = columns[field]!;
      return [field, sql`${column} + excluded.${sql.identifier(column.name)}`];
    }),
  );
}

export async function bumpEvent(tx: Tx, eventId: string, currency: string | null, counters: EventCounters) {
  await tx
    .insert(eventStats)
    .values({ eventId, currency, ...counters })
    .onConflictDoUpdate({
      target: eventStats.eventId,
      set: {
        ...addExcluded(eventStats, counters),
        currency: sql`coalesce(${eventStats.currency}, excluded.currency)`,
        updatedAt: sql`now()`,
      },
    });
}

export async function bumpTier(tx: Tx, tier: string, counters: TierCounters) {
  await tx
    .insert(membershipTiers)
    .values({ tier, ...counters })
    .onConflictDoUpdate({
      target: membershipTiers.tier,
      set: { ...addExcluded(membershipTiers, counters), updatedAt: sql`now()` },
    });
}

export type ReservationFact = typeof reservationFacts.$inferInsert;

/** The reservation's stored facts, locked for the rest of the transaction. */
export async function lockReservationFacts(tx: Tx, reservationId: string) {
  const [existing] = await tx
    .select()
    .from(reservationFacts)
    .where(eq(reservationFacts.reservationId, reservationId))
    .for('update');
  return existing;
}

export async function saveReservationFacts(tx: Tx, fact: Required<Omit<ReservationFact, 'updatedAt'>>) {
  await tx
    .insert(reservationFacts)
    .values(fact)
    .onConflictDoUpdate({
      target: reservationFacts.reservationId,
      set: { status: fact.status, ticketCount: fact.ticketCount, amount: fact.amount, updatedAt: sql`now()` },
    });
}

export async function addHourlySales(tx: Tx, eventId: string, hour: Date, ticketsSold: number) {
  await tx
    .insert(eventSalesHourly)
    .values({ eventId, hour, ticketsSold })
    .onConflictDoUpdate({
      target: [eventSalesHourly.eventId, eventSalesHourly.hour],
      set: addExcluded(eventSalesHourly, { ticketsSold }),
    });
}
