import { describe, expect, it } from 'vitest';
import type { SaleReport } from './api/sale-report-client';
import { niceMax, plotLines, saleReportBarCharts, saleReportLineCharts } from './sale-report-charts';

const frame = { width: 120, height: 60, left: 10, right: 10, top: 10, bottom: 10 };
const bucket = (
  start: string,
  figures: Partial<SaleReport['buckets'][number]>,
): SaleReport['buckets'][number] => ({
  start,
  arrivals: 0,
  admissions: 0,
  leftWaiting: 0,
  expired: 0,
  ticketsBooked: 0,
  revenue: 0,
  servingCounter: null,
  highestPosition: null,
  waiting: null,
  active: null,
  maxUsers: null,
  seatsLeft: null,
  ...figures,
});

const report: SaleReport = {
  eventId: 'e-1',
  bucketSeconds: 60,
  from: '2026-11-07T12:00:05.000Z',
  to: '2026-11-07T12:02:30.000Z',
  buckets: [
    bucket('2026-11-07T12:00:00.000Z', { arrivals: 5, ticketsBooked: 2, revenue: 110_000, seatsLeft: 8 }),
    bucket('2026-11-07T12:01:00.000Z', { admissions: 3, ticketsBooked: 3, revenue: 165_000 }),
    bucket('2026-11-07T12:02:00.000Z', { ticketsBooked: -1, revenue: -55_000, seatsLeft: 6 }),
  ],
  wait: { measured: 3, p50Ms: 1240, p90Ms: 5000, p99Ms: 5000, maxMs: 5000 },
  abandonment: {
    arrivals: 5,
    admitted: 3,
    leftWaiting: 1,
    stillWaiting: 1,
    expiredSlots: 0,
    leftWaitingRate: 0.2,
  },
  sales: { ticketsBooked: 4, revenue: 220_000, currency: 'KRW' },
  fairness: {
    bound: 0,
    ranked: 3,
    outOfOrder: 1,
    maxDisplacement: 1,
    byReason: { 'admitted-on-arrival': 0, unexplained: 1 },
    worst: [],
  },
};

describe('the sale report as charts', () => {
  it('turns buckets into series: per bucket for the line, running totals for bookings and revenue', () => {
    const charts = Object.fromEntries(saleReportLineCharts(report).map((chart) => [chart.id, chart]));
    expect(Object.keys(charts)).toEqual(['line', 'tier1', 'tier2', 'bookings', 'revenue', 'seats']);
    expect(charts.line!.series[0]!.points.map(([, y]) => y)).toEqual([5, 0, 0]);
    expect(charts.bookings!.series[0]!.points.map(([, y]) => y)).toEqual([2, 5, 4]);
    expect(charts.revenue!.series[0]!.points.map(([, y]) => y)).toEqual([110_000, 275_000, 220_000]);
    expect(charts.seats!.series[0]!.points.map(([, y]) => y)).toEqual([8, null, 6]);
  });

  it('shows wait in seconds, where the line ended, and admissions in and out of order', () => {
    const bars = Object.fromEntries(saleReportBarCharts(report).map((chart) => [chart.id, chart.bars]));
    expect(bars.wait).toEqual([
      { name: 'p50', value: 1.2 },
      { name: 'p90', value: 5 },
      { name: 'p99', value: 5 },
    ]);
    expect(bars.abandonment!.map((bar) => bar.value)).toEqual([3, 1, 1, 0]);
    expect(bars.fairness!.map((bar) => bar.value)).toEqual([2, 0, 1]);
  });

  it('names charts and series in Korean by default and in English when asked', () => {
    const lines = saleReportLineCharts(report);
    expect(lines.map((chart) => chart.title)).toEqual([
      '대기열 도착·입장 (구간별)',
      '1단계 대기실: 입장 번호와 발급된 최대 번호',
      '2단계 대기열: 예매 중 인원과 최대 인원',
      '누적 판매 티켓',
      '누적 매출',
      '남은 좌석',
    ]);
    expect(lines[0]!.series.map((series) => series.name)).toEqual(['도착', '입장', '대기 중 이탈']);
    const english = saleReportLineCharts(report, 'en');
    expect(english.map((chart) => chart.id)).toEqual(lines.map((chart) => chart.id));
    expect(english[0]!.series.map((series) => series.name)).toEqual([
      'Arrivals',
      'Admissions',
      'Left while waiting',
    ]);
    expect(english[4]).toMatchObject({ title: 'Revenue, running total', unit: 'money' });
    expect(english[4]!.series[0]!.points).toEqual(lines[4]!.series[0]!.points);

    const bars = saleReportBarCharts({ ...report, fairness: { ...report.fairness, bound: 2 } }, 'en');
    expect(bars.map((chart) => chart.title)).toEqual([
      'Wait (seconds)',
      'What happened to people in the line',
      'Admitted 3 or more places ahead of arrival order',
    ]);
    expect(bars[1]!.bars.map((bar) => bar.name)).toEqual([
      'Admissions',
      'Left while waiting',
      'Still waiting',
      'Booking time ran out',
    ]);
    expect(saleReportBarCharts(report)[2]!.title).toBe('도착 순서보다 1명 이상 먼저 입장');
    const hangul = /[\u3131-\u318e\uac00-\ud7a3]/;
    const everyWord = [
      ...english.flatMap((chart) => [chart.title, ...chart.series.map((series) => series.name)]),
      ...bars.flatMap((chart) => [chart.title, ...chart.bars.map((bar) => bar.name)]),
    ];
    expect(everyWord.filter((word) => hangul.test(word))).toEqual([]);
  });

  it('plots into the frame, breaking a line where nothing was measured', () => {
    const plot = plotLines(
      [
        {
          name: 'seats',
          points: [
            [0, 10],
            [50, null],
            [100, 5],
            [150, 0],
          ],
        },
        { name: 'empty', points: [[0, null]] },
      ],
      frame,
    );
    expect(plot.yMax).toBe(10);
    expect(plot.lines[0]!.d).toBe('M10 10 h0 M76.7 30 L110 50');
    expect(plot.lines[1]!.d).toBe('');
    expect(plot.xTicks.map((tick) => tick.x)).toEqual([10, 35, 60, 85, 110]);
    expect(plot.yTicks[0]).toEqual({ value: 0, y: 50 });
  });

  it('rounds axis tops up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 3, 10, 11, 420, 501].map(niceMax)).toEqual([1, 5, 10, 20, 500, 1000]);
  });
});
