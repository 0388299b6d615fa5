import { describe, expect, it } from 'vitest';
import {
  highestRegularPosition,
  preQueueIndex,
  preQueueSlotAt,
  regularPosition,
  regularSlotAt,
} from './slots.js';

describe('slot arithmetic', () => {
  it('interleaves shards into unique positions after the pre-queue, and back', () => {
    const seen = new Set<number>();
    for (let shard = 0; shard < 4; shard += 1)
      for (let seq = 1; seq <= 25; seq += 1) {
        const position = regularPosition(shard, seq, 4, 30);
        seen.add(position);
        expect(regularSlotAt(position, 4, 30)).toEqual({ shard, seq });
      }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => 31 + index));
    expect(highestRegularPosition([25, 25, 24, 0], 30)).toBe(30 + 24 * 4 + 1 + 1);
  });

  it('numbers pre-queue slots densely across shards', () => {
    const counts = [3, 0, 2];
    const indexes = [
      preQueueIndex(0, 1, counts),
      preQueueIndex(0, 3, counts),
      preQueueIndex(2, 1, counts),
      preQueueIndex(2, 2, counts),
    ];
    expect(indexes).toEqual([0, 2, 3, 4]);
    expect(preQueueSlotAt(3, counts)).toEqual({ shard: 2, seq: 1 });
  });
});
