import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PreQueueShuffle } from './pre-queue-shuffle.js';

describe('pre-queue shuffle', () => {
  it.each([1, 2, 3, 17, 1000, 4097])(
    'gives each of %i arrivals its own place, and finds who holds a place',
    (size) => {
      const shuffle = new PreQueueShuffle(size, randomBytes(32).toString('hex'));
      const places = Array.from({ length: size }, (_, index) => shuffle.placeOf(index));
      expect(new Set(places).size).toBe(size);
      expect(Math.max(...places)).toBe(size - 1);
      expect(places.map((place) => shuffle.indexAt(place))).toEqual(places.map((_, index) => index));
    },
  );

  it('orders differently for another seed, and the same for the same seed', () => {
    const seed = randomBytes(32).toString('hex');
    const order = (shuffleSeed: string) => {
      const shuffle = new PreQueueShuffle(500, shuffleSeed);
      return Array.from({ length: 500 }, (_, index) => shuffle.placeOf(index));
    };
    expect(order(seed)).toEqual(order(seed));
    expect(order(seed)).not.toEqual(order(randomBytes(32).toString('hex')));
  });

  it('places an arrival where the shuffle of a sealed pre-queue always placed it', () => {
    // Places a sale's waiting fans were shown: a new version must never move them.
    const seed = '5eed'.repeat(16);
    const small = new PreQueueShuffle(1000, seed);
    expect([0, 1, 2, 499, 998, 999].map((index) => small.placeOf(index))).toEqual([
      166, 847, 417, 404, 636, 479,
    ]);
    const large = new PreQueueShuffle(300_000, seed);
    expect([0, 123_456, 299_999].map((index) => large.placeOf(index))).toEqual([165022, 216448, 104143]);
  });
});
