import { describe, expect, it } from 'vitest';
import { type SeatMapLayout, seatCountOf, seatMapProblems } from './seat-map.js';

const hall: SeatMapLayout = {
  grades: [
    { name: 'VIP', price: 180_000 },
    { name: 'R', price: 140_000 },
  ],
  sections: [
    {
      name: 'A',
      rows: [
        { label: '1', seats: 20, grade: 'VIP' },
        { label: '2', seats: 22, grade: 'R' },
      ],
    },
    { name: 'B', rows: [{ label: '1', seats: 30, grade: 'R' }] },
  ],
};

describe('seat map', () => {
  it('counts the seats of every row of every section', () => {
    expect(seatCountOf(hall)).toBe(72);
    expect(seatMapProblems(hall)).toEqual([]);
  });

  it('names every mistake an organiser would need to fix', () => {
    expect(
      seatMapProblems({
        grades: [
          { name: 'VIP', price: 1 },
          { name: 'VIP', price: 2 },
          { name: 'S', price: 3 },
        ],
        sections: [
          {
            name: 'A',
            rows: [
              { label: '1', seats: 2, grade: 'VIP' },
              { label: '1', seats: 2, grade: 'R' },
            ],
          },
          { name: 'A', rows: [] },
        ],
      }),
    ).toEqual([
      'grade "VIP" is defined twice',
      'section "A" is defined twice',
      'row "1" appears twice in section "A"',
      'row "1" of section "A" uses unknown grade "R"',
      'grade "S" is used by no row',
    ]);
  });
});
