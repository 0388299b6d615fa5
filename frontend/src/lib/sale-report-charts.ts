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
}

export interface BarChartSpec {
  readonly id: string;
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly unit: 'count' | 'seconds';
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

/** The report's time series as line charts, in the order the page shows them. */
export function saleReportLineCharts(report: SaleReport): LineChartSpec[] {
  return [
    {
      id: 'line',
      title: '대기열 도착·입장 (구간별)',
      unit: 'count',
      series: [
        { name: '도착', points: over(report, (bucket) => bucket.arrivals) },
        { name: '입장', points: over(report, (bucket) => bucket.admissions) },
        { name: '대기 중 이탈', points: over(report, (bucket) => bucket.leftWaiting) },
      ],
    },
    {
      id: 'tier1',
      title: '1단계 대기실: 입장 번호와 발급된 최대 번호',
      unit: 'count',
      series: [
        { name: '입장 번호', points: over(report, (bucket) => bucket.servingCounter) },
        { name: '최대 번호', points: over(report, (bucket) => bucket.highestPosition) },
      ],
    },
    {
      id: 'tier2',
      title: '2단계 대기열: 예매 중 인원과 최대 인원',
      unit: 'count',
      series: [
        { name: '예매 중', points: over(report, (bucket) => bucket.active) },
        { name: '최대 인원', points: over(report, (bucket) => bucket.maxUsers) },
        { name: '대기 중', points: over(report, (bucket) => bucket.waiting) },
      ],
    },
    {
      id: 'bookings',
      title: '누적 판매 티켓',
      unit: 'count',
      series: [{ name: '판매 티켓', points: cumulative(over(report, (bucket) => bucket.ticketsBooked)) }],
    },
    {
      id: 'revenue',
      title: '누적 매출',
      unit: 'money',
      series: [{ name: '매출', points: cumulative(over(report, (bucket) => bucket.revenue)) }],
    },
    {
      id: 'seats',
      title: '남은 좌석',
      unit: 'count',
      series: [{ name: '남은 좌석', points: over(report, (bucket) => bucket.seatsLeft) }],
    },
  ];
}

/** Wait, abandonment and fairness as bar charts. */
export function saleReportBarCharts(report: SaleReport): BarChartSpec[] {
  const seconds = (ms: number | null) => (ms === null ? 0 : Math.round(ms / 100) / 10);
  const { abandonment, fairness } = report;
  return [
    {
      id: 'wait',
      title: '대기 시간 (초)',
      unit: 'seconds',
      bars: [
        { name: 'p50', value: seconds(report.wait.p50Ms) },
        { name: 'p90', value: seconds(report.wait.p90Ms) },
        { name: 'p99', value: seconds(report.wait.p99Ms) },
      ],
    },
    {
      id: 'abandonment',
      title: '대기열에 선 사람의 결과',
      unit: 'count',
      bars: [
        { name: '입장', value: abandonment.admitted },
        { name: '대기 중 이탈', value: abandonment.leftWaiting },
        { name: '아직 대기', value: abandonment.stillWaiting },
        { name: '예매 시간 만료', value: abandonment.expiredSlots },
      ],
    },
    {
      id: 'fairness',
      title: `도착 순서보다 ${fairness.bound + 1}명 이상 먼저 입장`,
      unit: 'count',
      bars: [
        { name: '순서대로', value: fairness.ranked - fairness.outOfOrder },
        { name: '도착 즉시 입장', value: fairness.byReason['admitted-on-arrival'] },
        { name: '설명되지 않음', value: fairness.byReason.unexplained },
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
