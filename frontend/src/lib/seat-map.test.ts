import { describe, expect, it } from 'vitest';
import type { Seat } from './api/types';
import { gradesOf, hallOf, layoutSeats, seatLabel, seatsLeftByGrade, toggleSeat, zonesOf } from './seat-map';

const seat = (section: string, row: string, number: number, grade = 'R', price = 100): Seat => ({
  id: `${section}-${row}-${number}`,
  section,
  row,
  number,
  grade,
  price,
  state: 'available',
});

describe('seat map layout', () => {
  it('sums each block for the overview and each grade for the legend, counting only free seats as left', () => {
    const seats: Seat[] = [
      seat('Floor', '1', 1, 'R', 100),
      { ...seat('Floor', '1', 2, 'VIP', 200), state: 'sold' },
      { ...seat('Floor', '1', 3, 'VIP', 200), state: 'held' },
      seat('Balcony', '1', 1, 'R', 100),
    ];
    const grades = gradesOf(seats);
    expect(zonesOf(layoutSeats(seats), grades)).toEqual([
      { name: 'Floor', left: 1, total: 3, grades: ['VIP', 'R'] },
      { name: 'Balcony', left: 1, total: 1, grades: ['R'] },
    ]);
    expect(seatsLeftByGrade(seats)).toEqual(new Map([['R', 2]]));
  });

  it('keeps sections in map order and sorts rows and seats as numbers', () => {
    const sections = layoutSeats([
      seat('Floor', '10', 2),
      seat('Floor', '9', 1),
      seat('Floor', '10', 1),
      seat('Balcony', '1', 1),
      seat('Floor', '2', 1),
    ]);
    expect(sections.map((section) => section.name)).toEqual(['Floor', 'Balcony']);
    expect(sections[0]!.rows.map((row) => row.label)).toEqual(['2', '9', '10']);
    expect(sections[0]!.rows[2]!.seats.map((s) => s.number)).toEqual([1, 2]);
  });

  it('places the blocks beside each other under the stage, each as wide as its longest row', () => {
    const row = (section: string, label: string, count: number) =>
      Array.from({ length: count }, (_, index) => seat(section, label, index + 1));
    const hall = hallOf(
      layoutSeats([...row('Floor', '1', 10), ...row('Floor', '2', 12), ...row('Balcony', '1', 8)]),
    );
    const [floor, balcony] = hall.blocks;
    expect(floor).toMatchObject({ x: 0, y: 0, width: 2 + 12, height: 3 });
    expect(balcony!.y).toBe(floor!.y);
    expect(balcony!.x).toBeGreaterThan(floor!.x + floor!.width);
  });

  it('lists grades dearest first with a colour each', () => {
    const grades = gradesOf([
      seat('A', '1', 1, 'S', 132_000),
      seat('A', '1', 2, 'VIP', 198_000),
      seat('A', '1', 3, 'S', 132_000),
    ]);
    expect(grades).toEqual([
      { name: 'VIP', price: 198_000, colour: 0 },
      { name: 'S', price: 132_000, colour: 1 },
    ]);
  });

  it('selects up to the limit and deselects on a second tap', () => {
    expect(toggleSeat(['a'], 'b', 2)).toEqual(['a', 'b']);
    expect(toggleSeat(['a', 'b'], 'c', 2)).toEqual(['a', 'b']);
    expect(toggleSeat(['a', 'b'], 'a', 2)).toEqual(['b']);
    expect(seatLabel({ section: 'Floor', row: '3', number: 12 })).toBe('Floor 3열 12번');
  });
});
