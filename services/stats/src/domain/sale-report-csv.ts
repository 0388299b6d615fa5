import type { SaleReport } from './sale-report.js';

/** The report's two CSV exports: its time series, and its summary figures one per line. */
export const saleReportCsvParts = ['series', 'summary'] as const;
export type SaleReportCsvPart = (typeof saleReportCsvParts)[number];

/**
 * One CSV field: quoted when it holds a quote, comma or line break; text that a spreadsheet would run as
 * a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe. Numbers are written as they are.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
const lines = (rows: readonly (readonly (string | number | null)[])[]) =>
  `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;

const seriesColumns = [
  'bucketStart',
  'arrivals',
  'admissions',
  'leftWaiting',
  'expired',
  'ticketsBooked',
  'revenue',
  'servingCounter',
  'highestPosition',
  'waiting',
  'active',
  'maxUsers',
  'seatsLeft',
] as const;

function series(report: SaleReport): string {
  return lines([
    seriesColumns,
    ...report.buckets.map((bucket) => [
      new Date(bucket.start).toISOString(),
      ...seriesColumns.slice(1).map((column) => bucket[column as Exclude<typeof column, 'bucketStart'>]),
    ]),
  ]);
}

function summary(report: SaleReport): string {
  const { wait, abandonment, sales, fairness } = report;
  return lines([
    ['figure', 'value'],
    ['eventId', report.eventId],
    ['from', report.from === null ? null : new Date(report.from).toISOString()],
    ['to', report.to === null ? null : new Date(report.to).toISOString()],
    ['waitMeasured', wait.measured],
    ['waitP50Ms', wait.p50Ms],
    ['waitP90Ms', wait.p90Ms],
    ['waitP99Ms', wait.p99Ms],
    ['waitMaxMs', wait.maxMs],
    ['arrivals', abandonment.arrivals],
    ['admitted', abandonment.admitted],
    ['leftWaiting', abandonment.leftWaiting],
    ['stillWaiting', abandonment.stillWaiting],
    ['expiredSlots', abandonment.expiredSlots],
    ['leftWaitingRate', abandonment.leftWaitingRate],
    ['ticketsBooked', sales.ticketsBooked],
    ['revenue', sales.revenue],
    ['currency', sales.currency],
    ['fairnessBound', fairness.bound],
    ['admissionsRanked', fairness.ranked],
    ['admittedOutOfOrder', fairness.outOfOrder],
    ['maxDisplacement', fairness.maxDisplacement],
    ['outOfOrderAdmittedOnArrival', fairness.byReason['admitted-on-arrival']],
    ['outOfOrderUnexplained', fairness.byReason.unexplained],
  ]);
}

export function saleReportCsv(report: SaleReport, part: SaleReportCsvPart): string {
  return part === 'series' ? series(report) : summary(report);
}
