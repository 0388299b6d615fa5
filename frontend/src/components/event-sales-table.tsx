'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { sellThrough } from '@/lib/admin-forms';
import type { SalesFigures } from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import type { AdminEvent, EventStats, StatsOverview } from '@/lib/api/types';
import { formatCount, formatMoney } from '@/lib/format';
import { coverageOf, moneyTotals } from '@/lib/sales-figures';

const text = bilingual({
  ko: {
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
      `공연 ${formatCount(all, 'ko')}개 중 판매 상위 ${formatCount(shown, 'ko')}개만 보여 합계가 위 카드보다 작을 수 있습니다.`,
    sellThroughNote: '판매율 = 예매 서비스의 판매 좌석·티켓 ÷ 전체 좌석·티켓 (모든 회차).',
  },
  en: {
    event: 'Event',
    ticketsSold: 'Tickets sold',
    gross: 'Gross',
    refunded: 'Refunded',
    net: 'Net sales',
    sellThrough: 'Sell-through',
    conversion: 'Conversion',
    empty: 'No sales counted yet.',
    total: (currency: string) => `Total (${currency})`,
    all: 'The totals equal the net sales on the cards above (gross − refunded).',
    moving:
      'The figures are being updated, so the totals may briefly differ from the cards above. Refresh to catch up.',
    partial: (shown: number, all: number) =>
      `Only the top ${formatCount(shown, 'en')} of ${formatCount(all, 'en')} events by sales are shown, so the totals may be smaller than the cards above.`,
    sellThroughNote:
      'Sell-through = seats and tickets sold ÷ all seats and tickets (every performance), from the booking service.',
  },
});

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
  const locale = useLocale();
  const t = text[locale];
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
            <th>{t.event}</th>
            <th>{t.ticketsSold}</th>
            <th>{t.sellThrough}</th>
            <th>{t.gross}</th>
            <th>{t.refunded}</th>
            <th>{t.net}</th>
            <th>{t.conversion}</th>
          </tr>
        </thead>
        <tbody>
          {stats.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                {t.empty}
              </td>
            </tr>
          ) : null}
          {stats.map((row) => {
            const currency = row.currency ?? 'KRW';
            const sales = figures.get(row.eventId);
            return (
              <tr key={row.eventId}>
                <td>
                  <Link href={`/admin/events/${row.eventId}`} lang={writtenIn(titleOf.get(row.eventId))}>
                    {titleOf.get(row.eventId) ?? row.eventId}
                  </Link>
                </td>
                <td>{formatCount(row.sales.ticketsSold, locale)}</td>
                <td>{sales ? sellThrough(sales.seatsSold, sales.seatsTotal) : '-'}</td>
                <td>{formatMoney(row.revenue.gross, currency, locale)}</td>
                <td>{formatMoney(row.revenue.refunded, currency, locale)}</td>
                <td>{formatMoney(row.revenue.net, currency, locale)}</td>
                <td>{percent(row.funnel.conversionRate)}</td>
              </tr>
            );
          })}
          {totals.map((total) => (
            <tr key={total.currency} data-testid="event-sales-total">
              <th scope="row">{t.total(total.currency)}</th>
              <td>
                {formatCount(
                  stats
                    .filter((row) => row.currency === total.currency)
                    .reduce((sum, row) => sum + row.sales.ticketsSold, 0),
                  locale,
                )}
              </td>
              <td />
              <td>{formatMoney(total.gross, total.currency, locale)}</td>
              <td>{formatMoney(total.refunded, total.currency, locale)}</td>
              <td>{formatMoney(total.net, total.currency, locale)}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {overview && stats.length > 0 ? (
        <p className="muted small">
          {coverage === 'partial' ? t.partial(stats.length, overview.events) : t[coverage]}{' '}
          {t.sellThroughNote}
        </p>
      ) : null}
    </>
  );
}
