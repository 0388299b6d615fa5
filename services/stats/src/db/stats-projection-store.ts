import { type ConsumerTransaction, keptStatement, placeholderValue } from '@urr/common';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ReservationStatus } from '../domain/reservation-transitions.js';
import { eventSalesHourly, eventStats, membershipTiers, reservationFacts } from './schema.js';

type Tx = ConsumerTransaction;
export type EventCounters = Omit<typeof eventStats.$inferInsert, 'eventId' | 'currency' | 'updatedAt'>;
export type TierCounters = Omit<typeof membershipTiers.$inferInsert, 'tier' | 'updatedAt'>;

/** `column = column + excluded.column` for each counter the insert carries. */
function addExcluded(table: PgTable, counters: readonly string[]) {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    counters.map((field) => {
      const column = columns[field]!;
      return [field, sql`${column} + excluded.${sql.identifier(column.name)}`];
    }),
  );
}

const eventCounters = Object.keys(getTableColumns(eventStats)).filter(
  (field) => field !== 'eventId' && field !== 'currency' && field !== 'updatedAt',
) as (keyof EventCounters)[];

/** Every counter, so that one statement serves every event: a counter the event leaves alone adds 0. */
const bumpEventRow = keptStatement((db) =>
  db
    .insert(eventStats)
    .values({
      eventId: sql.placeholder('eventId'),
      currency: sql.placeholder('currency'),
      ...Object.fromEntries(eventCounters.map((field) => [field, sql.placeholder(field)])),
    })
    .onConflictDoUpdate({
      target: eventStats.eventId,
      set: {
        ...addExcluded(eventStats, eventCounters),
        currency: sql`coalesce(${eventStats.currency}, excluded.currency)`,
        updatedAt: sql`now()`,
      },
    }),
);

export async function bumpEvent(tx: Tx, eventId: string, currency: string | null, counters: EventCounters) {
  await bumpEventRow(tx, {
    eventId,
    currency,
    ...Object.fromEntries(eventCounters.map((field) => [field, counters[field] ?? 0])),
  });
}

export async function bumpTier(tx: Tx, tier: string, counters: TierCounters) {
  await tx
    .insert(membershipTiers)
    .values({ tier, ...counters })
    .onConflictDoUpdate({
      target: membershipTiers.tier,
      set: { ...addExcluded(membershipTiers, Object.keys(counters)), updatedAt: sql`now()` },
    });
}

export type ReservationFact = typeof reservationFacts.$inferInsert;

const lockedReservationFacts = keptStatement((db) =>
  db
    .select()
    .from(reservationFacts)
    .where(eq(reservationFacts.reservationId, sql.placeholder('reservationId')))
    .for('update'),
);

/** The reservation's stored facts, locked for the rest of the transaction. */
export async function lockReservationFacts(tx: Tx, reservationId: string) {
  const [existing] = await lockedReservationFacts(tx, { reservationId });
  return existing;
}

const upsertReservationFacts = keptStatement((db) =>
  db
    .insert(reservationFacts)
    .values({
      reservationId: sql.placeholder('reservationId'),
      eventId: sql.placeholder('eventId'),
      status: sql.placeholder('status'),
      ticketCount: sql.placeholder('ticketCount'),
      amount: sql.placeholder('amount'),
      currency: sql.placeholder('currency'),
    })
    .onConflictDoUpdate({
      target: reservationFacts.reservationId,
      set: {
        status: placeholderValue<ReservationStatus>('status'),
        ticketCount: placeholderValue<number>('ticketCount'),
        amount: placeholderValue<number>('amount'),
        updatedAt: sql`now()`,
      },
    }),
);

export async function saveReservationFacts(tx: Tx, fact: Required<Omit<ReservationFact, 'updatedAt'>>) {
  await upsertReservationFacts(tx, fact);
}

const addHourlySalesRow = keptStatement((db) =>
  db
    .insert(eventSalesHourly)
    .values({
      eventId: sql.placeholder('eventId'),
      hour: sql.placeholder('hour'),
      ticketsSold: sql.placeholder('ticketsSold'),
    })
    .onConflictDoUpdate({
      target: [eventSalesHourly.eventId, eventSalesHourly.hour],
      set: addExcluded(eventSalesHourly, ['ticketsSold']),
    }),
);

export async function addHourlySales(tx: Tx, eventId: string, hour: Date, ticketsSold: number) {
  await addHourlySalesRow(tx, { eventId, hour, ticketsSold });
}
