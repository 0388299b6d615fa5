import type { Locale } from '../i18n/locale';
import type { AdminEventDetail } from './api/admin-types';
import { formatDateTime } from './format';
import type { BarChartSpec } from './sale-report-charts';
import { type GradeDraft, gradeColours } from './seat-map-editor';

/**
 * One line of the admin event page's sales per grade: a seat grade of a seated event or a ticket type of a
 * standing one, with the figures ticket-service counts (docs/adr/0048-sales-per-grade.md).
 */
export interface GradeSalesLine {
  readonly key: string;
  readonly name: string;
  /** The performance a standing ticket type is for, when the event has more than one. */
  readonly performance: string | undefined;
  /** The grade's colour on the seat maps (`--grade-N`); none for a ticket type. */
  readonly colour: number | undefined;
  readonly seatsTotal: number;
  readonly seatsSold: number;
  readonly seatsHeld: number;
  readonly seatsLeft: number;
  /** Sold of total, 0–100, one decimal; null when the grade has no seats. */
  readonly sellThroughPercent: number | null;
  readonly takings: number;
}

/** What the lines are made of: the event detail's sales per grade, its grades' prices and its performances. */
export interface GradeSalesSource {
  readonly performances: readonly Pick<AdminEventDetail['performances'][number], 'id' | 'startsAt'>[];
  readonly seatMap: { readonly grades: readonly GradeDraft[] };
  readonly salesByGrade: AdminEventDetail['salesByGrade'];
}

export function gradeSalesLines(detail: GradeSalesSource, locale: Locale = 'ko'): GradeSalesLine[] {
  const colours = gradeColours(detail.seatMap.grades);
  const startsAt = new Map(detail.performances.map((show) => [show.id, show.startsAt]));
  const manyShows = detail.performances.length > 1;
  return detail.salesByGrade.map((line) => ({
    key: line.id,
    name: line.name,
    performance:
      line.performanceId && manyShows ? formatDateTime(startsAt.get(line.performanceId), locale) : undefined,
    colour: line.kind === 'grade' ? colours.get(line.name) : undefined,
    seatsTotal: line.seatsTotal,
    seatsSold: line.seatsSold,
    seatsHeld: line.seatsHeld,
    seatsLeft: line.seatsLeft,
    sellThroughPercent: percentOf(line.seatsSold, line.seatsTotal),
    takings: line.takings,
  }));
}

// Rounded as `sellThrough` (lib/admin-forms.ts) rounds the event's figure, so the total row matches its card.
const percentOf = (part: number, whole: number) =>
  whole > 0 ? Number(((part / whole) * 100).toFixed(1)) : null;

export type GradeSalesTotal = Pick<
  GradeSalesLine,
  'seatsTotal' | 'seatsSold' | 'seatsHeld' | 'seatsLeft' | 'sellThroughPercent' | 'takings'
>;

/** The lines' sum: the same seats as the event's figures, since ticket-service counts both alike. */
export function gradeSalesTotal(lines: readonly GradeSalesLine[]): GradeSalesTotal {
  const sum = (pick: (line: GradeSalesLine) => number) =>
    lines.reduce((total, line) => total + pick(line), 0);
  const seatsTotal = sum((line) => line.seatsTotal);
  const seatsSold = sum((line) => line.seatsSold);
  return {
    seatsTotal,
    seatsSold,
    seatsHeld: sum((line) => line.seatsHeld),
    seatsLeft: sum((line) => line.seatsLeft),
    sellThroughPercent: percentOf(seatsSold, seatsTotal),
    takings: sum((line) => line.takings),
  };
}

/** Sell-through per grade as bars in the grades' own colours. */
export function gradeSellThroughChart(lines: readonly GradeSalesLine[], title: string): BarChartSpec {
  return {
    id: 'grade-sell-through',
    title,
    unit: 'percent',
    bars: lines.map((line) => ({
      name: line.performance ? `${line.name} · ${line.performance}` : line.name,
      value: line.sellThroughPercent ?? 0,
      ...(line.colour === undefined ? {} : { colour: `var(--grade-${line.colour})` }),
    })),
  };
}
