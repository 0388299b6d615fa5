import { describe, expect, it } from 'vitest';
import { type EntryWish, entryStatusAfter, type FreeSeat, seatsFor, ticketsFit } from './waiting-list.js';

const wish = (change: Partial<EntryWish> = {}): EntryWish => ({
  gradeIds: ['R'],
  ticketTypeId: null,
  performanceId: null,
  maxPrice: 100,
  quantity: 1,
  ...change,
});
const seat = (seatId: string, change: Partial<FreeSeat> = {}): FreeSeat => ({
  seatId,
  performanceId: 'p1',
  gradeId: 'R',
  price: 100,
  ...change,
});

describe('seatsFor', () => {
  it('takes the first free seats of the wished grades, in the order given', () => {
    const free = [seat('s1', { gradeId: 'S' }), seat('s2'), seat('s3'), seat('s4')];
    expect(seatsFor(wish({ quantity: 2 }), free)?.map((s) => s.seatId)).toEqual(['s2', 's3']);
  });

  it('skips seats above the price and of other performances; all seats of one offer share one', () => {
    const free = [seat('s1', { price: 101 }), seat('s2', { performanceId: 'p2' }), seat('s3'), seat('s4')];
    expect(seatsFor(wish({ quantity: 2 }), free)?.map((s) => s.seatId)).toEqual(['s3', 's4']);
    expect(seatsFor(wish({ quantity: 2, performanceId: 'p2' }), free)).toBeUndefined();
  });

  it('offers nothing while fewer seats than wished are free', () => {
    expect(seatsFor(wish({ quantity: 3 }), [seat('s1'), seat('s2')])).toBeUndefined();
  });
});

describe('ticketsFit', () => {
  const tickets = { ticketTypeId: 't1', price: 50, remaining: 2 };
  it('fits the wished type within price and quantity only', () => {
    expect(ticketsFit(wish({ gradeIds: [], ticketTypeId: 't1', quantity: 2 }), tickets)).toBe(true);
    expect(ticketsFit(wish({ gradeIds: [], ticketTypeId: 't1', quantity: 3 }), tickets)).toBe(false);
    expect(ticketsFit(wish({ gradeIds: [], ticketTypeId: 't1', maxPrice: 49 }), tickets)).toBe(false);
    expect(ticketsFit(wish({ gradeIds: [], ticketTypeId: 't2' }), tickets)).toBe(false);
  });
});

describe('entryStatusAfter', () => {
  it('records a paid offer as fulfilled, a fan’s cancel as declined, anything else as missed', () => {
    expect(entryStatusAfter('confirmed')).toBe('fulfilled');
    expect(entryStatusAfter('cancelled', 'user')).toBe('declined');
    expect(entryStatusAfter('cancelled', 'payment-failed')).toBe('missed');
    expect(entryStatusAfter('expired')).toBe('missed');
  });
});
