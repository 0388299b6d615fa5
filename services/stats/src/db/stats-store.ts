import { type PageRequest, pageOffset } from '@urr/common';
import { asc, count, desc, eq, gte, sql, sum } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { hourOf } from '../domain/reservation-transitions.js';
import type * as schema from './schema.js';
import { eventSalesHourly, eventStats, membershipTiers } from './schema.js';

type Db = NodePgDatabase<typeof schema>;
export type EventStatsRow = typeof eventStats.$inferSelect;

export const eventSorts = {
  ticketsSold: desc(eventStats.ticketsSold),
  revenue: desc(sql`${eventStats.grossRevenue} - ${eventStats.refundedAmount}`),
  reservations: desc(eventStats.reservationsCreated),
  recent: desc(eventStats.updatedAt),
} as const;
export type EventSort = keyof typeof eventSorts;

export async function listEventStats(db: Db, page: PageRequest, sort: EventSort) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(eventStats)
      .orderBy(eventSorts[sort], asc(eventStats.eventId))
      .limit(page.size)
      .offset(pageOffset(page)),
    db.select({ value: count() }).from(eventStats),
  ]);
  return { rows, total: total?.value ?? 0 };
}

export async function eventStatsOf(db: Db, eventId: string): Promise<EventStatsRow | undefined> {
  const [row] = await db.select().from(eventStats).where(eq(eventStats.eventId, eventId));
  return row;
}

const total = (column: Parameters<typeof sum>[0]) =>
  sql<number>`coalesce(${sum(column)}, 0)::bigint`.mapWith(Number);

/** The figures of all events together; money per currency. */
export async function overview(db: Db) {
  const [[totals], revenue, tiers] = await Promise.all([
    db
      .select({
        events: count(),
        reservationsCreated: total(eventStats.reservationsCreated),
        reservationsConfirmed: total(eventStats.reservationsConfirmed),
        reservationsCancelled: total(eventStats.reservationsCancelled),
        reservationsExpired: total(eventStats.reservationsExpired),
        ticketsSold: total(eventStats.ticketsSold),
        paymentsSucceeded: total(eventStats.paymentsSucceeded),
        paymentsFailedDeclined: total(eventStats.paymentsFailedDeclined),
        paymentsFailedTimeout: total(eventStats.paymentsFailedTimeout),
        paymentsFailedError: total(eventStats.paymentsFailedError),
        refunds: total(eventStats.refunds),
        transfers: total(eventStats.transfers),
      })
      .from(eventStats),
    db
      .select({
        currency: eventStats.currency,
        salesAmount: total(eventStats.salesAmount),
        gross: total(eventStats.grossRevenue),
        refunded: total(eventStats.refundedAmount),
      })
      .from(eventStats)
      .where(sql`${eventStats.currency} is not null`)
      .groupBy(eventStats.currency)
      .orderBy(asc(eventStats.currency)),
    membershipTierRows(db),
  ]);
  return { totals: totals!, revenue, tiers };
}

export function membershipTierRows(db: Db) {
  return db.select().from(membershipTiers).orderBy(asc(membershipTiers.tier));
}

/**
 * Events by tickets sold: over all time, or over the last `windowHours` (hourly buckets, so the window
 * starts at the top of an hour).
 */
export async function popularEvents(db: Db, options: { windowHours: number | undefined; limit: number }) {
  if (options.windowHours === undefined)
    return db
      .select({ eventId: eventStats.eventId, ticketsSold: eventStats.ticketsSold })
      .from(eventStats)
      .where(sql`${eventStats.ticketsSold} > 0`)
      .orderBy(desc(eventStats.ticketsSold), asc(eventStats.eventId))
      .limit(options.limit);
  const since = hourOf(new Date(Date.now() - (options.windowHours - 1) * 3_600_000));
  const ticketsSold = total(eventSalesHourly.ticketsSold);
  return db
    .select({ eventId: eventSalesHourly.eventId, ticketsSold })
    .from(eventSalesHourly)
    .where(gte(eventSalesHourly.hour, since))
    .groupBy(eventSalesHourly.eventId)
    .having(sql`sum(${eventSalesHourly.ticketsSold}) > 0`)
    .orderBy(desc(ticketsSold), asc(eventSalesHourly.eventId))
    .limit(options.limit);
}
