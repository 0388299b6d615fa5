import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PreQueueShuffle } from './pre-queue-shuffle.js';
import { emptyRoom, PreQueuePlaces, positionOf, type Room, type SealedPreQueue } from './room.js';
import { preQueueBand, preQueueSlotAt } from './slots.js';

const sealed = (shardCounts: number[]): SealedPreQueue => ({
  size: shardCounts.reduce((sum, count) => sum + count, 0),
  shardCounts,
  seed: randomBytes(32).toString('hex'),
  sealedAt: Date.now(),
});

const roomWith = (preQueue: SealedPreQueue): Room => ({
  ...emptyRoom('sale-1'),
  active: true,
  opensAt: Date.now(),
  preQueue,
});

describe('positions of pre-queue slots', () => {
  it('are the places of the sealed shuffle, asked once or many times, with a small memory', () => {
    const preQueue = sealed([40, 35, 45]);
    const shuffle = new PreQueueShuffle(preQueue.size, preQueue.seed);
    const places = new PreQueuePlaces(8);
    for (let round = 0; round < 3; round += 1)
      for (let index = 0; index < preQueue.size; index += 1) {
        const slot = { band: preQueueBand, ...preQueueSlotAt(index, preQueue.shardCounts) };
        expect(positionOf(roomWith(preQueue), slot, 3, places)).toBe(shuffle.placeOf(index) + 1);
      }
  });

  it("are never taken from another sale's pre-queue, even for the same slot", () => {
    const sales = [sealed([30, 30]), sealed([30, 30]), sealed([31, 29])];
    const places = new PreQueuePlaces();
    for (let round = 0; round < 2; round += 1)
      for (const preQueue of sales)
        for (let index = 0; index < preQueue.size; index += 1) {
          const slot = { band: preQueueBand, ...preQueueSlotAt(index, preQueue.shardCounts) };
          const expected = new PreQueueShuffle(preQueue.size, preQueue.seed).placeOf(index) + 1;
          expect(positionOf(roomWith(preQueue), slot, 2, places)).toBe(expected);
        }
  });
});
