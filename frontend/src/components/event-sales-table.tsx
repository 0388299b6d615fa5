'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { sellThrough } from '@/lib/admin-forms';
import type { SalesFigures } from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import type { AdminEvent, EventStats, StatsOverview } from '@/lib/api/types';
import { formatCount, formatMoney } from '@/lib/format';
import { coverageOf, moneyTotals } from '@/lib/sales-figures';

const text = {
  event: '공연',
  ticketsSold: '판매 티켓',
  gross: '결제액',
  refunded: '환불액',
  net: '순매출',
  sellThrough: '판매율',
  conversion: '전환율',
  empty: '아직 집계된 판매가 없습니다.',
  total: (currency: string) => `합계 (${currency})`,
  all: '합계는 위 카드의 순매출과 같습니다 (결제액 − 환불액).',
  moving: '집계가 갱신되는 중이라 합계가 위 카드와 잠시 다를 수 있습니다. 새로 고치면 맞춰집니다.',
  partial: (shown: number, all: number) =>
    `공연 ${formatCount(all)}개 중 판매 상위 ${formatCount(shown)}개만 보여 합계가 위 카드보다 작을 수 있습니다.`,
  sellThroughNote: '판매율 = 예매 서비스의 판매 좌석·티켓 ÷ 전체 좌석·티켓 (모든 회차).',
} as const;

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/**
 * Per-event sales on the dashboard, on the cards' basis: tickets sold, gross, refunded and net money
 * (stats-service), sell-through (ticket-service's sold over capacity), and a total row per currency.
 */
export function EventSalesTable({
  stats,
  events,
  overview,
}: {
  stats: readonly EventStats[];
  events: readonly AdminEvent[];
  overview: StatsOverview | undefined;
}) {
  const [figures, setFigures] = useState<ReadonlyMap<string, SalesFigures>>(new Map());
  const ids = stats.map((row) => row.eventId).join();

  useEffect(() => {
    if (!ids) return;
    // A figure that cannot be read is shown as "-"; the money columns do not depend on it.
    Promise.all(
      ids.split(',').map((id) =>
        api.organiser.events
          .detail(id)
          .then((detail) => [id, detail.sales] as const)
          .catch(() => undefined),
      ),
    ).then((pairs) => setFigures(new Map(pairs.filter((pair) => pair !== undefined))));
  }, [ids]);

  const titleOf = new Map(events.map((event) => [event.id, event.title]));
  const totals = moneyTotals(stats);
  const coverage = overview ? coverageOf(stats, overview) : 'all';
  return (
    <>
      <table className="table" data-testid="event-sales">
        <thead>
          <tr>
            <th>{text.event}</th>
            <th>{text.ticketsSold}</th>
            <th>{text.sellThrough}</th>
            <th>{text.gross}</th>
            <th>{text.refunded}</th>
            <th>{text.net}</th>
            <th>{text.conversion}</th>
          </tr>
        </thead>
        <tbody>
          {stats.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                {text.empty}
              </td>
            </tr>
          ) : null}
          {stats.map((row) => {
            const currency = row.currency ?? 'KRW';
            const sales = figures.get(row.eventId);
            return (
              <tr key={row.eventId}>
                <td>
                  <Link href={`/admin/events/${row.eventId}`}>{titleOf.get(row.eventId) ?? row.eventId}</Link>
                </td>
                <td>{formatCount(row.sales.ticketsSold)}</td>
                <td>{sales ? sellThrough(sales.seatsSold, sales.seatsTotal) : '-'}</td>
                <td>{formatMoney(row.revenue.gross, currency)}</td>
                <td>{formatMoney(row.revenue.refunded, currency)}</td>
                <td>{formatMoney(row.revenue.net, currency)}</td>
                <td>{percent(row.funnel.conversionRate)}</td>
              </tr>
            );
          })}
          {totals.map((total) => (
            <tr key={total.currency} data-testid="event-sales-total">
              <th scope="row">{text.total(total.currency)}</th>
              <td>
                {formatCount(
                  stats
                    .filter((row) => row.currency === total.currency)
                    .reduce((sum, row) => sum + row.sales.ticketsSold, 0),
                )}
              </td>
              <td />
              <td>{formatMoney(total.gross, total.currency)}</td>
              <td>{formatMoney(total.refunded, total.currency)}</td>
              <td>{formatMoney(total.net, total.currency)}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {overview && stats.length > 0 ? (
        <p className="muted small">
          {coverage === 'partial' ? text.partial(stats.length, overview.events) : text[coverage]}{' '}
          {text.sellThroughNote}
        </p>
      ) : null}
    </>
  );
}
