import type { Locale } from '../i18n/locale';
import type { Seat } from './api/types';
import { type HallLayout, hallCells, layoutHall } from './hall-layout';

export interface SeatRow {
  readonly label: string;
  readonly seats: Seat[];
}
export interface SeatSection {
  readonly name: string;
  readonly rows: SeatRow[];
}
export interface GradeInfo {
  readonly name: string;
  readonly price: number;
  /** Index into the palette, in price order (dearest first). */
  readonly colour: number;
}

const byLabel = (a: string, b: string) => a.localeCompare(b, 'ko', { numeric: true });

/** Seats laid out as the hall is: sections in map order, rows by label, seats by number. */
export function layoutSeats(seats: readonly Seat[]): SeatSection[] {
  const sections = new Map<string, Map<string, Seat[]>>();
  for (const seat of seats) {
    let rows = sections.get(seat.section);
    if (!rows) {
      rows = new Map();
      sections.set(seat.section, rows);
    }
    const row = rows.get(seat.row);
    if (row) row.push(seat);
    else rows.set(seat.row, [seat]);
  }
  return [...sections].map(([name, rows]) => ({
    name,
    rows: [...rows]
      .sort(([a], [b]) => byLabel(a, b))
      .map(([label, rowSeats]) => ({ label, seats: [...rowSeats].sort((a, b) => a.number - b.number) })),
  }));
}

/** The grades on the map, dearest first, each with a colour. */
export function gradesOf(seats: readonly Seat[]): GradeInfo[] {
  const prices = new Map<string, number>();
  for (const seat of seats) prices.set(seat.grade, Math.max(prices.get(seat.grade) ?? 0, seat.price));
  return [...prices].sort(([, a], [, b]) => b - a).map(([name, price], colour) => ({ name, price, colour }));
}

export interface Zone {
  readonly name: string;
  readonly left: number;
  readonly total: number;
  /** The grades sold in the block, dearest first. */
  readonly grades: readonly string[];
}

/** Each block of the hall with its free and total seats: the overview a fan picks a block from. */
export function zonesOf(sections: readonly SeatSection[], grades: readonly GradeInfo[]): Zone[] {
  const gradeOrder = new Map(grades.map((grade) => [grade.name, grade.colour]));
  return sections.map((section) => {
    const seats = section.rows.flatMap((row) => row.seats);
    const inBlock = [...new Set(seats.map((seat) => seat.grade))];
    return {
      name: section.name,
      left: seats.filter((seat) => seat.state === 'available').length,
      total: seats.length,
      grades: inBlock.sort((a, b) => (gradeOrder.get(a) ?? 0) - (gradeOrder.get(b) ?? 0)),
    };
  });
}

/**
 * The blocks placed in the hall in seat cells: each block its row labels plus its longest row wide and its
 * rows plus a name line deep, side by side under the stage (docs/adr/0049-the-hall-laid-out.md).
 */
export function hallOf(sections: readonly SeatSection[]): HallLayout {
  return layoutHall(
    sections.map((section) => ({
      width: hallCells.rowLabel + Math.max(0, ...section.rows.map((row) => row.seats.length)),
      height: section.rows.length + 1,
    })),
  );
}

/** Free seats per grade, for the legend. */
export function seatsLeftByGrade(seats: readonly Seat[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const seat of seats)
    if (seat.state === 'available') left.set(seat.grade, (left.get(seat.grade) ?? 0) + 1);
  return left;
}

/** "A구역 3열 5번" as printed on a Korean ticket, "A, row 3, seat 5" in English. */
export function seatLabel(
  seat: { section: string; row: string; number: number },
  locale: Locale = 'ko',
): string {
  return locale === 'ko'
    ? `${seat.section} ${seat.row}열 ${seat.number}번`
    : `${seat.section}, row ${seat.row}, seat ${seat.number}`;
}

/** Adds or removes a seat from the selection, never past the per-reservation limit. */
export function toggleSeat(selected: readonly string[], seatId: string, limit: number): string[] {
  if (selected.includes(seatId)) return selected.filter((id) => id !== seatId);
  if (selected.length >= limit) return [...selected];
  return [...selected, seatId];
}
