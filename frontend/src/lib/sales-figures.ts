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
 * Whether the listed events account for all of the overview's money: false when the list is one page of
 * more events (then the table's total is a part and says so).
 */
export function listCoversOverview(rows: readonly EventStats[], overview: StatsOverview): boolean {
  if (rows.length < overview.events) return false;
  const listed = new Map(moneyTotals(rows).map((total) => [total.currency, total]));
  return overview.money.every((money) => {
    const total = listed.get(money.currency);
    return total?.gross === money.gross && total.refunded === money.refunded && total.net === money.net;
  });
}
