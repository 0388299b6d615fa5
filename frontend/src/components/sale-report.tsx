'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { describeError, type Problem } from '@/lib/api/problem';
import { type SaleReport, saleReportApi } from '@/lib/api/sale-report-client';
import { formatCount, formatDateTime, formatMoney } from '@/lib/format';
import { saleReportBarCharts, saleReportLineCharts } from '@/lib/sale-report-charts';
import { saleReportProblem } from '@/lib/sale-report-problem';
import { AdminNav } from './admin-nav';
import { BarChart } from './bar-chart';
import { LineChart } from './line-chart';
import { ProblemNotice } from './problem-notice';
import styles from './sale-report.module.css';

const bucketChoices = [
  { seconds: 10, label: '10초' },
  { seconds: 60, label: '1분' },
  { seconds: 300, label: '5분' },
  { seconds: 900, label: '15분' },
  { seconds: 3600, label: '1시간' },
] as const;
const refreshMs = 15_000;

/** The organiser's report of one sale: charts of the line, both tiers, sales and fairness, and CSV exports. */
export function SaleReportView({ eventId }: { eventId: string }) {
  const [bucketSeconds, setBucketSeconds] = useState(60);
  const [report, setReport] = useState<SaleReport | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [live, setLive] = useState(true);
  const [reads, setReads] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reads` only asks for the report again
  useEffect(() => {
    let current = true;
    saleReportApi
      .report(eventId, bucketSeconds)
      .then((answer) => {
        if (!current) return;
        setReport(answer);
        setProblem(undefined);
      })
      .catch((error: unknown) => current && setProblem(saleReportProblem(describeError(error))));
    return () => {
      current = false;
    };
  }, [eventId, bucketSeconds, reads]);

  // During a sale the figures move: read them again every so often while the organiser watches.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setReads((count) => count + 1), refreshMs);
    return () => clearInterval(timer);
  }, [live]);

  return (
    <section className="admin" data-testid="sale-report">
      <AdminNav />
      <header className="admin-header">
        <h1>판매 리포트</h1>
        <Link href={`/admin/events/${encodeURIComponent(eventId)}`}>공연 관리로</Link>
      </header>
      <div className={styles.controls}>
        <label>
          구간
          <select
            value={bucketSeconds}
            onChange={(event) => setBucketSeconds(Number(event.target.value))}
            data-testid="bucket-seconds"
          >
            {bucketChoices.map((choice) => (
              <option key={choice.seconds} value={choice.seconds}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={live} onChange={(event) => setLive(event.target.checked)} />
          15초마다 새로 고침
        </label>
        <a href={saleReportApi.csvHref(eventId, bucketSeconds, 'series')} download data-testid="csv-series">
          CSV: 시간별 수치
        </a>
        <a href={saleReportApi.csvHref(eventId, bucketSeconds, 'summary')} download data-testid="csv-summary">
          CSV: 요약
        </a>
      </div>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {report ? <ReportCharts report={report} /> : null}
    </section>
  );
}

function ReportCharts({ report }: { report: SaleReport }) {
  return (
    <>
      <p className={styles.span}>
        {formatDateTime(report.from)} – {formatDateTime(report.to)}
      </p>
      <div className="stat-cards">
        <div className="stat-card" data-testid="tickets-booked">
          <span>판매 티켓</span>
          <strong>{formatCount(report.sales.ticketsBooked)}</strong>
        </div>
        <div className="stat-card">
          <span>매출</span>
          <strong>{formatMoney(report.sales.revenue, report.sales.currency ?? 'KRW')}</strong>
        </div>
        <div className="stat-card" data-testid="out-of-order">
          <span>순서를 벗어난 입장</span>
          <strong>{formatCount(report.fairness.outOfOrder)}</strong>
        </div>
        <div className="stat-card">
          <span>가장 많이 앞지른 자리</span>
          <strong>{formatCount(report.fairness.maxDisplacement)}</strong>
        </div>
      </div>
      <div className={styles.charts}>
        {saleReportLineCharts(report).map((chart) => (
          <LineChart key={chart.id} chart={chart} />
        ))}
        {saleReportBarCharts(report).map((chart) => (
          <BarChart key={chart.id} chart={chart} />
        ))}
      </div>
    </>
  );
}
