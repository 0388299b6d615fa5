import { z } from '@urr/common';
import type { EventStatsRow, overview, popularEvents } from '../db/stats-store.js';
import { conversionRate } from '../domain/reservation-transitions.js';

const money = z.number().int().openapi({ description: 'minor units (KRW: won)' });

const funnel = z
  .object({
    created: z.number().int(),
    confirmed: z.number().int(),
    cancelled: z.number().int(),
    expired: z.number().int(),
    paymentsFailed: z.number().int(),
    conversionRate: z.number().openapi({ description: 'confirmed / created, 0–1' }),
  })
  .openapi('Funnel');

const payments = z
  .object({
    succeeded: z.number().int(),
    failed: z.number().int(),
    failedByReason: z.object({
      declined: z.number().int(),
      timeout: z.number().int(),
      error: z.number().int(),
    }),
    refunds: z.number().int(),
  })
  .openapi('PaymentCounts');

const revenue = z
  .object({ gross: money, refunded: money, net: money })
  .openapi('Revenue', { description: 'captured payments, refunds, and what stays' });

export const eventStatsView = z
  .object({
    eventId: z.string(),
    currency: z.string().nullable(),
    sales: z.object({ ticketsSold: z.number().int(), amount: money }).openapi({
      description: 'reservations confirmed and not cancelled since',
    }),
    funnel,
    revenue,
    payments,
    transfers: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('EventStats');

export const tierView = z
  .object({
    tier: z.string(),
    members: z.number().int().openapi({ description: 'joined + moved in − moved out' }),
    joined: z.number().int(),
    movedIn: z.number().int(),
    movedOut: z.number().int(),
  })
  .openapi('MembershipTier');

export const overviewView = z
  .object({
    events: z.number().int(),
    ticketsSold: z.number().int(),
    funnel,
    payments,
    transfers: z.number().int(),
    money: z.array(
      z.object({ currency: z.string(), salesAmount: money, gross: money, refunded: money, net: money }),
    ),
    memberships: z.object({ total: z.number().int(), byTier: z.array(tierView) }),
  })
  .openapi('StatsOverview');

export const popularEventView = z
  .object({ rank: z.number().int(), eventId: z.string(), ticketsSold: z.number().int() })
  .openapi('PopularEvent');

const failedByReason = (row: {
  paymentsFailedDeclined: number;
  paymentsFailedTimeout: number;
  paymentsFailedError: number;
}) => ({
  declined: row.paymentsFailedDeclined,
  timeout: row.paymentsFailedTimeout,
  error: row.paymentsFailedError,
});

type Counts = Pick<
  EventStatsRow,
  | 'reservationsCreated'
  | 'reservationsConfirmed'
  | 'reservationsCancelled'
  | 'reservationsExpired'
  | 'paymentsSucceeded'
  | 'paymentsFailedDeclined'
  | 'paymentsFailedTimeout'
  | 'paymentsFailedError'
  | 'refunds'
>;

function funnelOf(row: Counts) {
  const failed = failedByReason(row);
  return {
    funnel: {
      created: row.reservationsCreated,
      confirmed: row.reservationsConfirmed,
      cancelled: row.reservationsCancelled,
      expired: row.reservationsExpired,
      paymentsFailed: failed.declined + failed.timeout + failed.error,
      conversionRate: conversionRate(row.reservationsCreated, row.reservationsConfirmed),
    },
    payments: {
      succeeded: row.paymentsSucceeded,
      failed: failed.declined + failed.timeout + failed.error,
      failedByReason: failed,
      refunds: row.refunds,
    },
  };
}

export function toEventStatsView(row: EventStatsRow): z.infer<typeof eventStatsView> {
  return {
    eventId: row.eventId,
    currency: row.currency,
    sales: { ticketsSold: row.ticketsSold, amount: row.salesAmount },
    ...funnelOf(row),
    revenue: {
      gross: row.grossRevenue,
      refunded: row.refundedAmount,
      net: row.grossRevenue - row.refundedAmount,
    },
    transfers: row.transfers,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toTierView(row: { tier: string; joined: number; movedIn: number; movedOut: number }) {
  return {
    tier: row.tier,
    members: row.joined + row.movedIn - row.movedOut,
    joined: row.joined,
    movedIn: row.movedIn,
    movedOut: row.movedOut,
  };
}

export function toOverviewView(result: Awaited<ReturnType<typeof overview>>): z.infer<typeof overviewView> {
  const { totals } = result;
  const tiers = result.tiers.map(toTierView);
  return {
    events: totals.events,
    ticketsSold: totals.ticketsSold,
    ...funnelOf(totals),
    transfers: totals.transfers,
    money: result.revenue.map((row) => ({
      currency: row.currency!,
      salesAmount: row.salesAmount,
      gross: row.gross,
      refunded: row.refunded,
      net: row.gross - row.refunded,
    })),
    memberships: { total: tiers.reduce((sum, tier) => sum + tier.members, 0), byTier: tiers },
  };
}

export function toPopularView(rows: Awaited<ReturnType<typeof popularEvents>>) {
  return rows.map((row, index) => ({ rank: index + 1, eventId: row.eventId, ticketsSold: row.ticketsSold }));
}
