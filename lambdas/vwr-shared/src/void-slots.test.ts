import { describe, expect, it } from 'vitest';
import { VoidSlots } from './void-slots.js';

describe('void slots', () => {
  // 4 shards after a pre-queue of 10: shard 1's seq 3..5 are positions 20, 24, 28.
  const voids = VoidSlots.of([[1, 3, 5]]);

  it('knows which slots nobody holds and where they sit', () => {
    expect(voids.includes(1, 4)).toBe(true);
    expect(voids.includes(1, 6)).toBe(false);
    expect(voids.includes(2, 4)).toBe(false);
    expect(voids.countUpTo(24, 4, 10)).toBe(2);
  });

  it('forgets ranges admission has passed, and survives the counters item', () => {
    expect(voids.above(27, 4, 10).ranges).toEqual([[1, 3, 5]]);
    expect(voids.above(28, 4, 10).ranges).toEqual([]);
    expect(VoidSlots.parse(voids.serialize()).ranges).toEqual(voids.ranges);
    expect(VoidSlots.parse('not json').ranges).toEqual([]);
  });
});
