import { describe, expect, it } from 'vitest';
import { type HallLayout, hallCells, layoutHall, type PlacedBlock } from './hall-layout';

const block = (width: number, height = 10) => ({ width, height });
const right = (placed: PlacedBlock) => placed.x + placed.width;

/** What a fan would notice if it broke: blocks overlapping, or sticking out of the hall. */
function expectNoOverlap(hall: HallLayout) {
  for (const [index, a] of hall.blocks.entries()) {
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(right(a)).toBeLessThanOrEqual(hall.width);
    expect(a.y + a.height).toBeLessThanOrEqual(hall.height);
    for (const b of hall.blocks.slice(index + 1)) {
      const apart = right(a) <= b.x || right(b) <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `blocks ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(true);
    }
  }
}

describe('layoutHall', () => {
  it('puts the demo hall’s four 25-seat blocks two by two, an aisle apart, the second pair behind the first', () => {
    const width = hallCells.rowLabel + 25;
    const hall = layoutHall([block(width, 20), block(width, 20), block(width, 20), block(width, 20)]);
    const [floor, lower, upperLeft, upperRight] = hall.blocks;
    expect(hall.tiers).toBe(2);
    expect(floor!.y).toBe(lower!.y);
    expect(lower!.x - right(floor!)).toBe(hallCells.aisle);
    expect(upperLeft!.y).toBe(20 + hallCells.tierGap);
    expect(upperRight!.y).toBe(upperLeft!.y);
    expect(upperLeft!.x).toBe(floor!.x);
    expect(hall.width).toBe(2 * width + hallCells.aisle);
    expectNoOverlap(hall);
  });

  it('centres one block under the stage', () => {
    const hall = layoutHall([block(12, 4)]);
    expect(hall).toEqual({
      width: 12,
      height: 4,
      tiers: 1,
      blocks: [{ x: 0, y: 0, width: 12, height: 4, tier: 0 }],
    });
  });

  it('wraps many narrow blocks to a second tier in map order, each tier centred', () => {
    const hall = layoutHall(
      Array.from({ length: 7 }, () => block(8, 3)),
      { maxWidth: 40, aisle: 2, tierGap: 1 },
    );
    // 8 + 2 + 8 + 2 + 8 + 2 + 8 = 38 fits 40; a fifth block would make 48.
    expect(hall.blocks.map((placed) => placed.tier)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(hall.blocks.slice(0, 4).map((placed) => placed.x)).toEqual([0, 10, 20, 30]);
    expect(hall.blocks.slice(4).map((placed) => placed.x)).toEqual([5, 15, 25]);
    expect(hall.blocks.slice(4).every((placed) => placed.y === 4)).toBe(true);
    expect(hall.width).toBe(38);
    expect(hall.height).toBe(7);
    expectNoOverlap(hall);
  });

  it('gives a block wider than the hall a tier of its own and widens the hall to it', () => {
    const hall = layoutHall([block(10), block(90, 30), block(10)], { maxWidth: 40, aisle: 2, tierGap: 1 });
    expect(hall.blocks.map((placed) => placed.tier)).toEqual([0, 1, 2]);
    expect(hall.width).toBe(90);
    expect(hall.blocks[1]!.x).toBe(0);
    expect(hall.blocks[0]!.x).toBe(40);
    expectNoOverlap(hall);
  });

  it('lines up blocks of a tier at the top and starts the next tier behind the deepest', () => {
    const hall = layoutHall([block(10, 3), block(10, 8), block(50, 2)], {
      maxWidth: 30,
      aisle: 2,
      tierGap: 1,
    });
    expect(hall.blocks[0]!.y).toBe(hall.blocks[1]!.y);
    expect(hall.blocks[2]!.y).toBe(9);
    expectNoOverlap(hall);
  });

  it('draws nothing for an empty map', () => {
    expect(layoutHall([])).toEqual({ width: 0, height: 0, tiers: 0, blocks: [] });
  });
});
