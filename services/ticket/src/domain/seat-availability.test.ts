import { describe, expect, it } from 'vitest';
import { availabilityKeyOf, SeatMapWriter, type SeatState, type TakenSeat } from './seat-availability.js';

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

describe('SeatMapWriter', () => {
  it('keeps the map order, names grades with their prices and counts each state', () => {
    const { json, counts } = new SeatMapWriter(places, grades).write(ids, [
      { seatId: 's3', state: 'sold' },
      { seatId: 's1', state: 'held' },
    ]);
    expect(JSON.parse(json)).toEqual({
      ...ids,
      seats: [
        { id: 's1', section: 'A', row: '1', number: 1, grade: 'VIP', price: 150_000, state: 'held' },
        { id: 's2', section: 'A', row: '1', number: 2, grade: 'VIP', price: 150_000, state: 'available' },
        { id: 's3', section: 'B', row: '1', number: 1, grade: 'R', price: 90_000, state: 'sold' },
      ],
      counts: { available: 1, held: 1, sold: 1 },
    });
    expect(counts).toEqual({ available: 1, held: 1, sold: 1 });
  });

  it('writes exactly what JSON.stringify writes, names that need escaping included, for each rebuild', () => {
    const odd = [
      { id: 's"1', section: 'Block \\ "A"', row: 'Row\n1', number: 7, gradeId: 'g' },
      { id: 's2', section: 'Bühne 🎤', row: '</script>', number: 8, gradeId: 'g' },
    ];
    const oddGrades = [{ id: 'g', name: 'Grade "G"', price: 1 }];
    const writer = new SeatMapWriter(odd, oddGrades);
    const taken: TakenSeat[][] = [[], [{ seatId: 's2', state: 'held' }], [{ seatId: 's"1', state: 'sold' }]];
    for (const seats of taken) {
      const stateOf = new Map(seats.map((seat) => [seat.seatId, seat.state]));
      const seatsOut = odd.map(({ gradeId: _, ...place }) => ({
        ...place,
        grade: 'Grade "G"',
        price: 1,
        state: stateOf.get(place.id) ?? ('available' as SeatState),
      }));
      const counts = { available: 0, held: 0, sold: 0 };
      for (const seat of seatsOut) counts[seat.state] += 1;
      expect(writer.write(ids, seats).json).toBe(JSON.stringify({ ...ids, seats: seatsOut, counts }));
    }
  });

  it('refuses a seat whose grade the event does not have instead of showing it without a price', () => {
    expect(() => new SeatMapWriter(places, grades.slice(1))).toThrow(/grade r/);
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
