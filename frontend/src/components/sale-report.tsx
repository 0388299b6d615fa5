'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { bilingual, type Locale } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import type { Problem } from '@/lib/api/problem';
import { type SaleReport, saleReportApi } from '@/lib/api/sale-report-client';
import { formatCount, formatDateTime, formatMoney } from '@/lib/format';
import { saleReportBarCharts, saleReportLineCharts } from '@/lib/sale-report-charts';
import { describeSaleReportError, widerBucketAfter } from '@/lib/sale-report-problem';
import { AdminNav } from './admin-nav';
import { BarChart } from './bar-chart';
import { LineChart } from './line-chart';
import { ProblemNotice } from './problem-notice';
import styles from './sale-report.module.css';

const text = bilingual({
  ko: {
    title: '판매 리포트',
    backToEvent: '공연 관리로',
    bucket: '구간',
    bucketChoices: { 10: '10초', 60: '1분', 300: '5분', 900: '15분', 3600: '1시간' },
    live: '15초마다 새로 고침',
    csvSeries: 'CSV: 시간별 수치',
    csvSummary: 'CSV: 요약',
    ticketsBooked: '판매 티켓',
    revenue: '매출',
    outOfOrder: '순서를 벗어난 입장',
    maxDisplacement: '가장 많이 앞지른 자리',
  },
  en: {
    title: 'Sales report',
    backToEvent: 'Back to the event',
    bucket: 'Interval',
    bucketChoices: { 10: '10 s', 60: '1 min', 300: '5 min', 900: '15 min', 3600: '1 hour' },
    live: 'Refresh every 15 s',
    csvSeries: 'CSV: figures over time',
    csvSummary: 'CSV: summary',
    ticketsBooked: 'Tickets sold',
    revenue: 'Revenue',
    outOfOrder: 'Admitted out of order',
    maxDisplacement: 'Most places jumped',
  },
});

const bucketChoices = [10, 60, 300, 900, 3600] as const;
const refreshMs = 15_000;

/** The organiser's report of one sale: charts of the line, both tiers, sales and fairness, and CSV exports. */
export function SaleReportView({ eventId }: { eventId: string }) {
  const [bucketSeconds, setBucketSeconds] = useState(60);
  const [report, setReport] = useState<SaleReport | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [live, setLive] = useState(true);
  const [reads, setReads] = useState(0);
  const locale = useLocale();
  const t = text[locale];

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
      .catch((error: unknown) => {
        if (!current) return;
        // A long sale at a fine bucket: step to the next wider choice rather than show an error.
        const wider = widerBucketAfter(error, bucketSeconds, bucketChoices);
        if (wider) setBucketSeconds(wider);
        else setProblem(describeSaleReportError(error, locale));
      });
    return () => {
      current = false;
    };
  }, [eventId, bucketSeconds, reads, locale]);

  // During a sale the figures move: read them again every so often while the organiser watches.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setReads((count) => count + 1), refreshMs);
    return () => clearInterval(timer);
  }, [live]);

  // The exports hold what the charts show, also while a newly chosen interval is still loading.
  const shownBucket = report?.bucketSeconds ?? bucketSeconds;

  return (
    <section className="admin" data-testid="sale-report" data-bucket-seconds={report?.bucketSeconds}>
      <AdminNav />
      <header className="admin-header">
        <h1>{t.title}</h1>
        <Link href={`/admin/events/${encodeURIComponent(eventId)}`}>{t.backToEvent}</Link>
      </header>
      <div className={styles.controls}>
        <label>
          {t.bucket}
          <select
            value={bucketSeconds}
            onChange={(event) => setBucketSeconds(Number(event.target.value))}
            data-testid="bucket-seconds"
          >
            {bucketChoices.map((seconds) => (
              <option key={seconds} value={seconds}>
                {t.bucketChoices[seconds]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={live} onChange={(event) => setLive(event.target.checked)} />
          {t.live}
        </label>
        <a href={saleReportApi.csvHref(eventId, shownBucket, 'series')} download data-testid="csv-series">
          {t.csvSeries}
        </a>
        <a href={saleReportApi.csvHref(eventId, shownBucket, 'summary')} download data-testid="csv-summary">
          {t.csvSummary}
        </a>
      </div>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {report ? <ReportCharts report={report} locale={locale} /> : null}
    </section>
  );
}

function ReportCharts({ report, locale }: { report: SaleReport; locale: Locale }) {
  const t = text[locale];
  return (
    <>
      <p className={styles.span}>
        {formatDateTime(report.from, locale)} – {formatDateTime(report.to, locale)}
      </p>
      <div className="stat-cards">
        <div className="stat-card" data-testid="tickets-booked">
          <span>{t.ticketsBooked}</span>
          <strong>{formatCount(report.sales.ticketsBooked, locale)}</strong>
        </div>
        <div className="stat-card">
          <span>{t.revenue}</span>
          <strong>{formatMoney(report.sales.revenue, report.sales.currency ?? 'KRW', locale)}</strong>
        </div>
        <div className="stat-card" data-testid="out-of-order">
          <span>{t.outOfOrder}</span>
          <strong>{formatCount(report.fairness.outOfOrder, locale)}</strong>
        </div>
        <div className="stat-card">
          <span>{t.maxDisplacement}</span>
          <strong>{formatCount(report.fairness.maxDisplacement, locale)}</strong>
        </div>
      </div>
      <div className={styles.charts}>
        {saleReportLineCharts(report, locale).map((chart) => (
          <LineChart key={chart.id} chart={chart} />
        ))}
        {saleReportBarCharts(report, locale).map((chart) => (
          <BarChart key={chart.id} chart={chart} />
        ))}
      </div>
    </>
  );
}
