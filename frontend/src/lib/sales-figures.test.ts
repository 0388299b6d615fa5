import { describe, expect, it } from 'vitest';
import type { EventStats, StatsOverview } from './api/types';
import { coverageOf, moneyTotals } from './sales-figures';

const row = (eventId: string, currency: string | null, gross: number, refunded: number): EventStats => ({
  eventId,
  currency,
  sales: { ticketsSold: 1, amount: gross },
  funnel: { created: 1, confirmed: 1, cancelled: 0, expired: 0, paymentsFailed: 0, conversionRate: 1 },
  revenue: { gross, refunded, net: gross - refunded },
  payments: { succeeded: 1, failed: 0, failedByReason: { declined: 0, timeout: 0, error: 0 }, refunds: 0 },
  transfers: 0,
  updatedAt: '2026-12-01T00:00:00.000Z',
});

const overviewOf = (events: number, money: StatsOverview['money']): StatsOverview => ({
  events,
  ticketsSold: 0,
  funnel: { created: 0, confirmed: 0, cancelled: 0, expired: 0, paymentsFailed: 0, conversionRate: 0 },
  payments: { succeeded: 0, failed: 0, failedByReason: { declined: 0, timeout: 0, error: 0 }, refunds: 0 },
  transfers: 0,
  money,
  memberships: { total: 0, byTier: [] },
});

const rows = [
  row('a', 'KRW', 300_000, 100_000),
  row('b', 'KRW', 200_000, 0),
  row('c', 'USD', 5_000, 1_000),
  row('d', null, 0, 0),
];

describe('moneyTotals', () => {
  it('adds gross, refunded and net per currency, leaving out events with no money yet', () => {
    expect(moneyTotals(rows)).toEqual([
      { currency: 'KRW', gross: 500_000, refunded: 100_000, net: 400_000 },
      { currency: 'USD', gross: 5_000, refunded: 1_000, net: 4_000 },
    ]);
  });
});

describe('coverageOf', () => {
  const money = [
    { currency: 'KRW', salesAmount: 0, gross: 500_000, refunded: 100_000, net: 400_000 },
    { currency: 'USD', salesAmount: 0, gross: 5_000, refunded: 1_000, net: 4_000 },
  ];

  it('is all when the table adds up to the cards', () => {
    expect(coverageOf(rows, overviewOf(4, money))).toBe('all');
  });

  it('is partial for one page of more events', () => {
    expect(coverageOf(rows, overviewOf(5, money))).toBe('partial');
  });

  it('is moving when the figures changed between the two reads', () => {
    expect(coverageOf(rows, overviewOf(4, [{ ...money[0]!, net: 400_001 }, money[1]!]))).toBe('moving');
    expect(coverageOf(rows, overviewOf(4, [money[0]!]))).toBe('moving');
  });
});
