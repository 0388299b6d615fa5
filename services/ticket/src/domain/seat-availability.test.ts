import { describe, expect, it } from 'vitest';
import { availabilityKeyOf, seatAvailabilityOf } from './seat-availability.js';

const ids = { eventId: 'e', performanceId: 'p' };
const places = [
  { id: 's1', section: 'A', row: '1', number: 1, gradeId: 'vip' },
  { id: 's2', section: 'A', row: '1', number: 2, gradeId: 'vip' },
  { id: 's3', section: 'B', row: '1', number: 1, gradeId: 'r' },
];
const grades = [
  { id: 'r', name: 'R', price: 90_000 },
  { id: 'vip', name: 'VIP', price: 150_000 },
];

describe('seatAvailabilityOf', () => {
  it('keeps the map order, names grades with their prices and counts each state', () => {
    const map = seatAvailabilityOf(ids, places, grades, [
      { seatId: 's3', state: 'sold' },
      { seatId: 's1', state: 'held' },
    ]);
    expect(map.seats).toEqual([
      { id: 's1', section: 'A', row: '1', number: 1, grade: 'VIP', price: 150_000, state: 'held' },
      { id: 's2', section: 'A', row: '1', number: 2, grade: 'VIP', price: 150_000, state: 'available' },
      { id: 's3', section: 'B', row: '1', number: 1, grade: 'R', price: 90_000, state: 'sold' },
    ]);
    expect(map.counts).toEqual({ available: 1, held: 1, sold: 1 });
    expect(map).toMatchObject(ids);
  });

  it('refuses a seat whose grade the event does not have instead of showing it without a price', () => {
    expect(() => seatAvailabilityOf(ids, places, grades.slice(1), [])).toThrow(/grade r/);
  });
});

describe('availabilityKeyOf', () => {
  it('changes with a hold, a sale, a price and a grade name, and with nothing else', () => {
    const base = availabilityKeyOf(grades, [{ seatId: 's1', state: 'held' }]);
    expect(availabilityKeyOf(grades, [{ seatId: 's1', state: 'held' }])).toBe(base);
    expect(availabilityKeyOf(grades, [{ seatId: 's1', state: 'sold' }])).not.toBe(base);
    expect(availabilityKeyOf(grades, [])).not.toBe(base);
    expect(
      availabilityKeyOf([{ ...grades[0]!, price: 1 }, grades[1]!], [{ seatId: 's1', state: 'held' }]),
    ).not.toBe(base);
    expect(
      availabilityKeyOf([{ ...grades[0]!, name: 'S' }, grades[1]!], [{ seatId: 's1', state: 'held' }]),
    ).not.toBe(base);
  });
});
