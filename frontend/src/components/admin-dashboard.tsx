'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { Problem } from '@/lib/api/problem';
import type { AdminEvent, EventStats, StatsOverview } from '@/lib/api/types';
import { eventStatusLabelsIn, formatCount, formatDateTime, formatMoney } from '@/lib/format';
import { describeOrganiserError } from '@/lib/organiser-problem';
import { AdminNav } from './admin-nav';
import { EventSalesTable } from './event-sales-table';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: {
    title: '판매 현황',
    newEvent: '공연 등록',
    ticketsSold: '판매 티켓',
    net: (currency: string) => `순매출 (${currency})`,
    conversion: '결제 전환율',
    failedPayments: '결제 실패',
    transfers: '양도',
    members: '팬클럽 회원',
    perEvent: '공연별 판매',
    myEvents: '등록한 공연',
    event: '공연',
    kind: '형태',
    status: '상태',
    salesOpen: '예매 오픈',
    seated: '지정석',
    standing: '스탠딩',
  },
  en: {
    title: 'Sales',
    newEvent: 'New event',
    ticketsSold: 'Tickets sold',
    net: (currency: string) => `Net sales (${currency})`,
    conversion: 'Checkout conversion',
    failedPayments: 'Failed payments',
    transfers: 'Transfers',
    members: 'Fan-club members',
    perEvent: 'Sales by event',
    myEvents: 'Your events',
    event: 'Event',
    kind: 'Seating',
    status: 'Status',
    salesOpen: 'Sale opens',
    seated: 'Reserved seating',
    standing: 'Standing',
  },
});

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** The organisers' sales dashboard (stats-service admin API) and their events (ticket-service admin API). */
export function AdminDashboard() {
  const [overview, setOverview] = useState<StatsOverview | undefined>();
  const [stats, setStats] = useState<EventStats[]>([]);
  const [events, setEvents] = useState<AdminEvent[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();
  const locale = useLocale();
  const t = text[locale];

  useEffect(() => {
    Promise.all([api.admin.overview(), api.admin.eventStats(), api.admin.events()])
      .then(([all, perEvent, mine]) => {
        setOverview(all);
        setStats(perEvent.items);
        setEvents(mine.items);
      })
      .catch((error: unknown) => setProblem(describeOrganiserError(error, locale)));
  }, [locale]);

  return (
    <section className="admin">
      <AdminNav />
      <header className="admin-header">
        <h1>{t.title}</h1>
        <Link href="/admin/events/new" className="button">
          {t.newEvent}
        </Link>
      </header>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {overview ? (
        <div className="stat-cards">
          <div className="stat-card">
            <span>{t.ticketsSold}</span>
            <strong>{formatCount(overview.ticketsSold, locale)}</strong>
          </div>
          {overview.money.map((money) => (
            <div className="stat-card" key={money.currency}>
              <span>{t.net(money.currency)}</span>
              <strong>{formatMoney(money.net, money.currency, locale)}</strong>
            </div>
          ))}
          <div className="stat-card">
            <span>{t.conversion}</span>
            <strong>{percent(overview.funnel.conversionRate)}</strong>
          </div>
          <div className="stat-card">
            <span>{t.failedPayments}</span>
            <strong>{formatCount(overview.payments.failed, locale)}</strong>
          </div>
          <div className="stat-card">
            <span>{t.transfers}</span>
            <strong>{formatCount(overview.transfers, locale)}</strong>
          </div>
          <div className="stat-card">
            <span>{t.members}</span>
            <strong>{formatCount(overview.memberships.total, locale)}</strong>
          </div>
        </div>
      ) : null}

      <h2>{t.perEvent}</h2>
      <EventSalesTable stats={stats} events={events} overview={overview} />

      <h2>{t.myEvents}</h2>
      <table className="table">
        <thead>
          <tr>
            <th>{t.event}</th>
            <th>{t.kind}</th>
            <th>{t.status}</th>
            <th>{t.salesOpen}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <Link href={`/admin/events/${event.id}`} lang={writtenIn(event.title)}>
                  {event.title}
                </Link>
              </td>
              <td>{event.kind === 'seated' ? t.seated : t.standing}</td>
              <td>{eventStatusLabelsIn(locale)[event.status] ?? event.status}</td>
              <td>{formatDateTime(event.salesOpenAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
