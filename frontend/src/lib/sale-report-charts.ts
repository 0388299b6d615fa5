import { bilingual, type Locale } from '../i18n/locale';
import type { SaleReport } from './api/sale-report-client';

/** One line of a chart: x is a time (ms since the epoch), y a figure or null where nothing was measured. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number | null])[];
}

export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly series: readonly LineSeries[];
  /** How a y value is written on the axis. */
  readonly unit: 'count' | 'money';
}

export interface Bar {
  readonly name: string;
  readonly value: number;
  /** A CSS colour, when the bar stands for something with its own colour (a seat grade). */
  readonly colour?: string;
}

export interface BarChartSpec {
  readonly id: string;
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly unit: 'count' | 'seconds' | 'percent';
}

const over = (report: SaleReport, pick: (bucket: SaleReport['buckets'][number]) => number | null) =>
  report.buckets.map((bucket) => [Date.parse(bucket.start), pick(bucket)] as const);

/** Running total of a per-bucket figure. */
function cumulative(points: readonly (readonly [number, number | null])[]) {
  let total = 0;
  return points.map(([x, y]) => {
    total += y ?? 0;
    return [x, total] as const;
  });
}

const words = bilingual({
  ko: {
    line: '대기열 도착·입장 (구간별)',
    arrivals: '도착',
    admissions: '입장',
    leftWaiting: '대기 중 이탈',
    tier1: '1단계 대기실: 입장 번호와 발급된 최대 번호',
    servingCounter: '입장 번호',
    highestPosition: '최대 번호',
    tier2: '2단계 대기열: 예매 중 인원과 최대 인원',
    active: '예매 중',
    maxUsers: '최대 인원',
    waiting: '대기 중',
    bookings: '누적 판매 티켓',
    ticketsBooked: '판매 티켓',
    revenueTotal: '누적 매출',
    revenue: '매출',
    seatsLeft: '남은 좌석',
    wait: '대기 시간 (초)',
    abandonment: '대기열에 선 사람의 결과',
    stillWaiting: '아직 대기',
    expiredSlots: '예매 시간 만료',
    fairness: (places: number) => `도착 순서보다 ${places}명 이상 먼저 입장`,
    inOrder: '순서대로',
    admittedOnArrival: '도착 즉시 입장',
    unexplained: '설명되지 않음',
  },
  en: {
    line: 'Waiting line: arrivals and admissions (per interval)',
    arrivals: 'Arrivals',
    admissions: 'Admissions',
    leftWaiting: 'Left while waiting',
    tier1: 'Tier 1 waiting room: number being admitted and highest number given',
    servingCounter: 'Number admitted',
    highestPosition: 'Highest number',
    tier2: 'Tier 2 queue: people booking and the most allowed',
    active: 'Booking',
    maxUsers: 'Most allowed',
    waiting: 'Waiting',
    bookings: 'Tickets sold, running total',
    ticketsBooked: 'Tickets sold',
    revenueTotal: 'Revenue, running total',
    revenue: 'Revenue',
    seatsLeft: 'Seats left',
    wait: 'Wait (seconds)',
    abandonment: 'What happened to people in the line',
    stillWaiting: 'Still waiting',
    expiredSlots: 'Booking time ran out',
    fairness: (places: number) => `Admitted ${places} or more places ahead of arrival order`,
    inOrder: 'In order',
    admittedOnArrival: 'Admitted on arrival',
    unexplained: 'Unexplained',
  },
});

/** The report's time series as line charts, in the order the page shows them. */
export function saleReportLineCharts(report: SaleReport, locale: Locale = 'ko'): LineChartSpec[] {
  const t = words[locale];
  return [
    {
      id: 'line',
      title: t.line,
      unit: 'count',
      series: [
        { name: t.arrivals, points: over(report, (bucket) => bucket.arrivals) },
        { name: t.admissions, points: over(report, (bucket) => bucket.admissions) },
        { name: t.leftWaiting, points: over(report, (bucket) => bucket.leftWaiting) },
      ],
    },
    {
      id: 'tier1',
      title: t.tier1,
      unit: 'count',
      series: [
        { name: t.servingCounter, points: over(report, (bucket) => bucket.servingCounter) },
        { name: t.highestPosition, points: over(report, (bucket) => bucket.highestPosition) },
      ],
    },
    {
      id: 'tier2',
      title: t.tier2,
      unit: 'count',
      series: [
        { name: t.active, points: over(report, (bucket) => bucket.active) },
        { name: t.maxUsers, points: over(report, (bucket) => bucket.maxUsers) },
        { name: t.waiting, points: over(report, (bucket) => bucket.waiting) },
      ],
    },
    {
      id: 'bookings',
      title: t.bookings,
      unit: 'count',
      series: [{ name: t.ticketsBooked, points: cumulative(over(report, (bucket) => bucket.ticketsBooked)) }],
    },
    {
      id: 'revenue',
      title: t.revenueTotal,
      unit: 'money',
      series: [{ name: t.revenue, points: cumulative(over(report, (bucket) => bucket.revenue)) }],
    },
    {
      id: 'seats',
      title: t.seatsLeft,
      unit: 'count',
      series: [{ name: t.seatsLeft, points: over(report, (bucket) => bucket.seatsLeft) }],
    },
  ];
}

/** Wait, abandonment and fairness as bar charts. */
export function saleReportBarCharts(report: SaleReport, locale: Locale = 'ko'): BarChartSpec[] {
  const t = words[locale];
  const seconds = (ms: number | null) => (ms === null ? 0 : Math.round(ms / 100) / 10);
  const { abandonment, fairness } = report;
  return [
    {
      id: 'wait',
      title: t.wait,
      unit: 'seconds',
      bars: [
        { name: 'p50', value: seconds(report.wait.p50Ms) },
        { name: 'p90', value: seconds(report.wait.p90Ms) },
        { name: 'p99', value: seconds(report.wait.p99Ms) },
      ],
    },
    {
      id: 'abandonment',
      title: t.abandonment,
      unit: 'count',
      bars: [
        { name: t.admissions, value: abandonment.admitted },
        { name: t.leftWaiting, value: abandonment.leftWaiting },
        { name: t.stillWaiting, value: abandonment.stillWaiting },
        { name: t.expiredSlots, value: abandonment.expiredSlots },
      ],
    },
    {
      id: 'fairness',
      title: t.fairness(fairness.bound + 1),
      unit: 'count',
      bars: [
        { name: t.inOrder, value: fairness.ranked - fairness.outOfOrder },
        { name: t.admittedOnArrival, value: fairness.byReason['admitted-on-arrival'] },
        { name: t.unexplained, value: fairness.byReason.unexplained },
      ],
    },
  ];
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A round axis top at or above `value` (1, 2 or 5 times a power of ten). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

export interface PlottedLine {
  readonly name: string;
  /**
   * SVG path data; a gap (null) starts a new stroke, and a lone point is a zero-length stroke (a dot with
   * round caps). Empty when the series has no value at all.
   */
  readonly d: string;
}

export interface Plot {
  readonly lines: readonly PlottedLine[];
  readonly yMax: number;
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Where each series' points fall in the frame, with four ticks on each axis. */
export function plotLines(series: readonly LineSeries[], frame: Frame): Plot {
  const xs = series.flatMap((line) => line.points.map(([x]) => x));
  const ys = series.flatMap((line) => line.points.flatMap(([, y]) => (y === null ? [] : [y])));
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs, xMin + 1) : 1;
  const yMax = niceMax(Math.max(0, ...ys));
  const x = (value: number) =>
    frame.left + ((value - xMin) / (xMax - xMin)) * (frame.width - frame.left - frame.right);
  const y = (value: number) =>
    frame.height - frame.bottom - (value / yMax) * (frame.height - frame.top - frame.bottom);
  const lines = series.map((line) => {
    const strokes: string[][] = [[]];
    for (const [px, py] of line.points) {
      if (py === null) strokes.push([]);
      else strokes[strokes.length - 1]!.push(`${round(x(px))} ${round(y(py))}`);
    }
    const d = strokes
      .filter((stroke) => stroke.length > 0)
      .map((stroke) => (stroke.length === 1 ? `M${stroke[0]} h0` : `M${stroke.join(' L')}`))
      .join(' ');
    return { name: line.name, d };
  });
  const quarters = [0, 0.25, 0.5, 0.75, 1];
  return {
    lines,
    yMax,
    yTicks: quarters.map((f) => ({ value: f * yMax, y: round(y(f * yMax)) })),
    xTicks: quarters.map((f) => {
      const value = xMin + f * (xMax - xMin);
      return { value, x: round(x(value)) };
    }),
  };
}
