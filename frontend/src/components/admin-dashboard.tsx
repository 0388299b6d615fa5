'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { AdminEvent, EventStats, StatsOverview } from '@/lib/api/types';
import { eventStatusLabels, formatCount, formatDateTime, formatMoney } from '@/lib/format';
import { AdminNav } from './admin-nav';
import { EventSalesTable } from './event-sales-table';
import { ProblemNotice } from './problem-notice';

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** The organisers' sales dashboard (stats-service admin API) and their events (ticket-service admin API). */
export function AdminDashboard() {
  const [overview, setOverview] = useState<StatsOverview | undefined>();
  const [stats, setStats] = useState<EventStats[]>([]);
  const [events, setEvents] = useState<AdminEvent[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();

  useEffect(() => {
    Promise.all([api.admin.overview(), api.admin.eventStats(), api.admin.events()])
      .then(([all, perEvent, mine]) => {
        setOverview(all);
        setStats(perEvent.items);
        setEvents(mine.items);
      })
      .catch((error: unknown) => setProblem(describeError(error)));
  }, []);

  return (
    <section className="admin">
      <AdminNav />
      <header className="admin-header">
        <h1>판매 현황</h1>
        <Link href="/admin/events/new" className="button">
          공연 등록
        </Link>
      </header>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {overview ? (
        <div className="stat-cards">
          <div className="stat-card">
            <span>판매 티켓</span>
            <strong>{formatCount(overview.ticketsSold)}</strong>
          </div>
          {overview.money.map((money) => (
            <div className="stat-card" key={money.currency}>
              <span>순매출 ({money.currency})</span>
              <strong>{formatMoney(money.net, money.currency)}</strong>
            </div>
          ))}
          <div className="stat-card">
            <span>결제 전환율</span>
            <strong>{percent(overview.funnel.conversionRate)}</strong>
          </div>
          <div className="stat-card">
            <span>결제 실패</span>
            <strong>{formatCount(overview.payments.failed)}</strong>
          </div>
          <div className="stat-card">
            <span>양도</span>
            <strong>{formatCount(overview.transfers)}</strong>
          </div>
          <div className="stat-card">
            <span>팬클럽 회원</span>
            <strong>{formatCount(overview.memberships.total)}</strong>
          </div>
        </div>
      ) : null}

      <h2>공연별 판매</h2>
      <EventSalesTable stats={stats} events={events} overview={overview} />

      <h2>등록한 공연</h2>
      <table className="table">
        <thead>
          <tr>
            <th>공연</th>
            <th>형태</th>
            <th>상태</th>
            <th>예매 오픈</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <Link href={`/admin/events/${event.id}`}>{event.title}</Link>
              </td>
              <td>{event.kind === 'seated' ? '지정석' : '스탠딩'}</td>
              <td>{eventStatusLabels[event.status] ?? event.status}</td>
              <td>{formatDateTime(event.salesOpenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
