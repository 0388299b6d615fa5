import type { EventStats, StatsOverview } from './api/types';

/**
 * Money on the organisers' pages, one basis everywhere: stats-service's captured payments (gross), refunds
 * and what stays (net = gross − refunded), per currency. The dashboard's cards add up the same per-event
 * figures its table shows, so the table's total row equals the card.
 */
export interface MoneyTotals {
  readonly currency: string;
  readonly gross: number;
  readonly refunded: number;
  readonly net: number;
}

/** Each currency's sum of the events' gross, refunded and net, in currency order. */
export function moneyTotals(rows: readonly EventStats[]): MoneyTotals[] {
  const totals = new Map<string, MoneyTotals>();
  for (const row of rows) {
    if (!row.currency) continue;
    const sum = totals.get(row.currency) ?? { currency: row.currency, gross: 0, refunded: 0, net: 0 };
    totals.set(row.currency, {
      currency: row.currency,
      gross: sum.gross + row.revenue.gross,
      refunded: sum.refunded + row.revenue.refunded,
      net: sum.net + row.revenue.net,
    });
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * How the listed events' money stands to the overview's: `all` when they add up to it, `partial` when the
 * list is one page of more events, `moving` when the figures changed between the two reads.
 */
export function coverageOf(
  rows: readonly EventStats[],
  overview: StatsOverview,
): 'all' | 'partial' | 'moving' {
  if (rows.length < overview.events) return 'partial';
  const listed = new Map(moneyTotals(rows).map((total) => [total.currency, total]));
  const same = overview.money.every((money) => {
    const total = listed.get(money.currency);
    return total?.gross === money.gross && total.refunded === money.refunded && total.net === money.net;
  });
  return same && listed.size === overview.money.length ? 'all' : 'moving';
}
