import { describe, expect, it } from 'vitest';
import type { Seat } from './api/types';
import { gridRows, isGridKey, moveInGrid, tabStopOf } from './seat-grid';
import { layoutSeats } from './seat-map';

const seat = (section: string, row: string, number: number): Seat =>
  ({
    id: `${section}-${row}-${number}`,
    section,
    row,
    number,
    grade: 'R',
    price: 100,
    state: 'available',
  }) as Seat;

// Block A: rows 1 (4 seats) and 2 (2 seats); block B: row 1 (3 seats).
const hall = gridRows(
  layoutSeats([
    ...[1, 2, 3, 4].map((n) => seat('A', '1', n)),
    ...[1, 2].map((n) => seat('A', '2', n)),
    ...[1, 2, 3].map((n) => seat('B', '1', n)),
  ]),
);

describe('moving on the seat map with the keyboard', () => {
  it('lays the hall out as rows across blocks', () => {
    expect(hall).toEqual([
      ['A-1-1', 'A-1-2', 'A-1-3', 'A-1-4'],
      ['A-2-1', 'A-2-2'],
      ['B-1-1', 'B-1-2', 'B-1-3'],
    ]);
  });

  it('moves along a row and stops at its ends', () => {
    expect(moveInGrid(hall, 'A-1-2', 'ArrowRight')).toBe('A-1-3');
    expect(moveInGrid(hall, 'A-1-4', 'ArrowRight')).toBe('A-1-4');
    expect(moveInGrid(hall, 'A-1-1', 'ArrowLeft')).toBe('A-1-1');
    expect(moveInGrid(hall, 'A-1-3', 'Home')).toBe('A-1-1');
    expect(moveInGrid(hall, 'A-1-1', 'End')).toBe('A-1-4');
  });

  it('moves between rows and blocks, to the nearest seat of a shorter row', () => {
    expect(moveInGrid(hall, 'A-1-4', 'ArrowDown')).toBe('A-2-2');
    expect(moveInGrid(hall, 'A-2-1', 'ArrowDown')).toBe('B-1-1');
    expect(moveInGrid(hall, 'B-1-3', 'ArrowUp')).toBe('A-2-2');
    expect(moveInGrid(hall, 'A-1-2', 'ArrowUp')).toBe('A-1-2');
    expect(moveInGrid(hall, 'B-1-2', 'ArrowDown')).toBe('B-1-2');
  });

  it('puts the one Tab stop on the last focused seat, else on the first free one', () => {
    expect(tabStopOf(hall, 'B-1-2', () => true)).toBe('B-1-2');
    expect(tabStopOf(hall, 'gone', (id) => id.startsWith('A-2'))).toBe('A-2-1');
    expect(tabStopOf(hall, undefined, () => false)).toBe('A-1-1');
    expect(tabStopOf([], undefined, () => true)).toBeUndefined();
  });

  it('knows which keys are the grid’s', () => {
    expect(isGridKey('ArrowDown')).toBe(true);
    expect(isGridKey('Tab')).toBe(false);
  });
});
